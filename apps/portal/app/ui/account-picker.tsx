'use client';

import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { describedBy, FieldFrame } from './form-controls';
import styles from './ui.module.css';

/** One entry of the picker: what the form submits, and how it is shown. */
export interface PickerChoice {
  value: string;
  label: string;
}

/** How long the picker waits after the last key before it asks for matches. */
const TYPING_PAUSE_MS = 250;

/** Labels of the accounts chosen or listed in this browser tab, so a form sent back shows its account at once. */
const knownLabels = new Map<string, string>();

interface AccountPickerProps {
  /** The field the form submits: the chosen account's id (or `valuePrefix` + id). */
  name: string;
  label: string;
  id?: string;
  hint?: string;
  error?: string;
  /** The choice the form starts with, as the page knows it (a filter already applied). */
  defaultChoice?: PickerChoice;
  /** The account id the form starts with when only the id is known (a form sent back): its label is looked up. */
  defaultValue?: string;
  /** A filter: the choice can be removed, and nothing chosen means every account. */
  optional?: boolean;
  placeholder?: string;
  /** Only the accounts of this tenant (a number goes to an account of its own tenant). */
  tenantId?: string;
  /** Put before the account's id in the submitted value (`account:` where resellers are choices too). */
  valuePrefix?: string;
  /** Choices besides accounts (a ledger's resellers), matched by their label as the user types. */
  extraChoices?: PickerChoice[];
  onChoose?: (choice: PickerChoice | null) => void;
}

/**
 * A text field to find an account by part of its code or name among all of the caller's accounts (asked
 * of `/account-search` as the user types), chosen with the mouse or the arrow keys and Enter: an ARIA
 * combobox with a listbox. The form submits the chosen account's id under `name`.
 */
export function AccountPicker(props: AccountPickerProps) {
  // A new starting value (the values a refused form sends back) starts the picker afresh.
  return <Picker key={props.defaultChoice?.value ?? props.defaultValue ?? ''} {...props} />;
}

type Lookup =
  | { state: 'idle' }
  | { state: 'searching' }
  | { state: 'failed'; message: string }
  | { state: 'found'; choices: PickerChoice[]; more: boolean };

function Picker({
  name,
  label,
  id,
  hint,
  error,
  defaultChoice,
  defaultValue,
  optional = false,
  placeholder = optional ? 'All: type to find one' : 'Type part of a code or name',
  tenantId,
  valuePrefix = '',
  extraChoices = [],
  onChoose,
}: AccountPickerProps) {
  const generatedId = useId();
  const inputId = id ?? `field-${name}`;
  const listId = `${generatedId}-choices`;
  const statusId = `${generatedId}-status`;
  const startChoice =
    defaultChoice ??
    (defaultValue ? { value: defaultValue, label: knownLabels.get(defaultValue) ?? '' } : undefined);
  const [chosen, setChosen] = useState<PickerChoice | null>(startChoice ?? null);
  const [text, setText] = useState(startChoice?.label ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // A form sent back holds an account id only: its code and name are asked once.
  const unnamed = chosen && !chosen.label ? chosen.value : null;
  useEffect(() => {
    if (!unnamed) return;
    const controller = new AbortController();
    fetch(`/account-search?id=${encodeURIComponent(unnamed)}`, { signal: controller.signal })
      .then((answer) =>
        answer.ok && !answer.redirected ? (answer.json() as Promise<{ choices: PickerChoice[] }>) : null,
      )
      .then((body) => {
        const label = body?.choices[0]?.label ?? 'an unknown account';
        setChosen((current) => (current?.value === unnamed ? { value: unnamed, label } : current));
        setText((current) => current || label);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [unnamed]);

  useEffect(
    () => () => {
      request.current?.abort();
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  // The option reached with the arrow keys stays in sight in a long list.
  useEffect(() => {
    if (active >= 0) document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const extraMatches = (typed: string) => {
    const needle = typed.trim().toLowerCase();
    return extraChoices.filter((choice) => choice.label.toLowerCase().includes(needle));
  };

  const search = (typed: string) => {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setLookup({ state: 'searching' });
    const query = new URLSearchParams({ search: typed.trim() });
    if (tenantId) query.set('tenantId', tenantId);
    fetch(`/account-search?${query}`, { signal: controller.signal, cache: 'no-store' })
      .then(async (answer) => {
        // Without a live session the middleware sends the request to the login page.
        if (answer.status === 401 || answer.redirected)
          throw new Error('Your session has ended: reload the page to log in again.');
        if (!answer.ok) throw new Error('The accounts could not be read: try again.');
        const body = (await answer.json()) as { choices: PickerChoice[]; more: boolean };
        const accounts = body.choices.map((choice) => ({ ...choice, value: valuePrefix + choice.value }));
        for (const choice of accounts) knownLabels.set(choice.value, choice.label);
        setLookup({ state: 'found', choices: [...accounts, ...extraMatches(typed)], more: body.more });
        setActive(-1);
      })
      .catch((failure: unknown) => {
        if (controller.signal.aborted) return;
        setLookup({ state: 'failed', message: (failure as Error).message });
      });
  };

  const searchSoon = (typed: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => search(typed), TYPING_PAUSE_MS);
  };

  const choose = (choice: PickerChoice | null) => {
    if (timer.current) clearTimeout(timer.current);
    request.current?.abort();
    if (choice) knownLabels.set(choice.value, choice.label);
    setChosen(choice);
    setText(choice?.label ?? '');
    setOpen(false);
    setActive(-1);
    setLookup({ state: 'idle' });
    onChoose?.(choice);
  };

  const choices = lookup.state === 'found' ? lookup.choices : [];
  const expanded = open && choices.length > 0;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        if (lookup.state !== 'found') search(chosen ? '' : text);
        return;
      }
      if (choices.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => {
        const next = current + step;
        if (next < 0) return choices.length - 1;
        if (next >= choices.length) return 0;
        return next;
      });
    } else if (event.key === 'Enter') {
      const choice = choices[active] ?? (choices.length === 1 ? choices[0] : undefined);
      if (open && choice) {
        event.preventDefault();
        choose(choice);
      } else if (text && !chosen) {
        // Enter on a typed text without a choice would send the form without the account.
        event.preventDefault();
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (!chosen && text) {
        event.preventDefault();
        setText('');
      }
    }
  };

  const described = describedBy(inputId, hint, error, statusId);
  const status = statusOf(lookup, extraChoices.length > 0);

  return (
    <FieldFrame controlId={inputId} name={name} label={label} hint={hint} error={error}>
      <div className={styles.picker}>
        <input
          ref={input}
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className={`${styles.input} ${optional && chosen ? styles.pickerInputWithClear : ''}`}
          placeholder={placeholder}
          value={text}
          onChange={(event) => {
            const typed = event.target.value;
            setText(typed);
            if (chosen) {
              setChosen(null);
              onChoose?.(null);
            }
            setOpen(true);
            setActive(-1);
            searchSoon(typed);
          }}
          onBlur={() => {
            // Leaving the field keeps what was chosen, never a typed text the form would not send.
            if (timer.current) clearTimeout(timer.current);
            request.current?.abort();
            setOpen(false);
            setActive(-1);
            setLookup({ state: 'idle' });
            setText(chosen?.label ?? '');
          }}
          onKeyDown={onKeyDown}
        />
        {optional && chosen ? (
          <button
            type="button"
            className={styles.pickerClear}
            aria-label={`Remove ${chosen.label} (show all)`}
            title="Remove this choice"
            onClick={() => {
              choose(null);
              input.current?.focus();
            }}
          >
            ×
          </button>
        ) : null}
        <div className={styles.pickerPopup} hidden={!open || (!expanded && !status)}>
          <ul id={listId} role="listbox" aria-label="Suggestions" className={styles.pickerList}>
            {choices.map((choice, index) => (
              <li
                key={choice.value}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={styles.pickerOption}
                // Keeps the focus in the field, which would otherwise close the list before the click.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(choice)}
              >
                {choice.label}
              </li>
            ))}
          </ul>
          {status ? (
            <p className={styles.pickerNote} aria-hidden="true">
              {status}
            </p>
          ) : null}
        </div>
      </div>
      <span id={statusId} className="visually-hidden" aria-live="polite">
        {open ? status : ''}
      </span>
      <input type="hidden" name={name} value={chosen?.value ?? ''} />
    </FieldFrame>
  );
}

/** What the picker says under the field (and to screen readers) about its search. */
function statusOf(lookup: Lookup, withExtraChoices: boolean): string {
  switch (lookup.state) {
    case 'idle':
      return '';
    case 'searching':
      return 'Searching…';
    case 'failed':
      return lookup.message;
    case 'found': {
      const count = lookup.choices.length;
      if (count === 0) return withExtraChoices ? 'Nothing matches.' : 'No account matches.';
      const matches = count === 1 ? 'match' : 'matches';
      return lookup.more
        ? `${count} or more ${matches}: type more to narrow them down.`
        : `${count} ${matches}.`;
    }
  }
}

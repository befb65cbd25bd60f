'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { formErrorsOf, type FormErrors } from '../../../../lib/api-errors';
import { type ImportProgress, isFinished, type RateDeckImport } from '../../../../lib/rate-deck-imports';
import { FormBanner, SelectField } from '../../../ui/form-controls';
import styles from '../../../ui/ui.module.css';
import { ImportOutcome, ProblemsTable } from './import-report';

const POLL_MS = 1000;

const STATUS_TEXT: Record<RateDeckImport['status'], string> = {
  queued: 'Waiting for its turn',
  validating: 'Checking every row',
  applying: 'Writing the rates',
  completed: 'Imported',
  rejected: 'Rejected: nothing was written',
  failed: 'Failed',
};

/**
 * Upload a deck, then follow its import without reloading: the import's status is polled from the
 * portal's route handler until it ends; a rejected import shows every bad row with its line.
 */
export function RateDeckImportPanel({ area, cardId }: { area: string; cardId: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>();
  const [sending, setSending] = useState(false);
  const [progress, setProgress] = useState<ImportProgress>();
  const [problem, setProblem] = useState('');
  const base = `/${area}/rate-cards/${cardId}`;
  const running = progress && !isFinished(progress.deckImport) ? progress.deckImport.id : null;

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch(`${base}/imports/${running}/progress`, { cache: 'no-store' });
        if (response.status === 401) return window.location.assign('/session-expired');
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as ImportProgress;
        if (stopped) return;
        setProblem('');
        setProgress(next);
        // The page's rates (when completed) and its list of recent imports are read again.
        if (isFinished(next.deckImport)) router.refresh();
      } catch {
        if (!stopped) setProblem('The import’s progress cannot be read right now. Retrying…');
      }
    };
    const timer = setInterval(poll, POLL_MS);
    void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running, base, router]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      setErrors({
        message: 'Some fields need your attention.',
        fields: { file: 'choose a CSV or XLSX file' },
      });
      return;
    }
    const query = new URLSearchParams({ mode: String(form.get('mode')) });
    const effectiveFrom = String(form.get('effectiveFrom') ?? '');
    // The browser knows its own offset: the chosen wall time goes to the API as an instant.
    if (effectiveFrom) query.set('effectiveFrom', new Date(effectiveFrom).toISOString());
    const delimiter = String(form.get('delimiter') ?? ',');
    if (delimiter !== ',') query.set('delimiter', delimiter);
    const upload = new FormData();
    upload.set('file', file, file.name);
    setSending(true);
    setErrors(undefined);
    setProgress(undefined);
    try {
      const response = await fetch(`/rate-deck-uploads/${area}/${cardId}?${query}`, {
        method: 'POST',
        body: upload,
      });
      if (response.status === 401) return window.location.assign('/session-expired');
      const body: unknown = await response.json().catch(() => null);
      if (response.status !== 202) return setErrors(formErrorsOf(body, response.status));
      setProgress({ deckImport: body as RateDeckImport, problems: [], moreProblems: false });
    } catch {
      setErrors({ message: 'The upload did not reach the platform. Try again.', fields: {} });
    } finally {
      setSending(false);
    }
  };

  const fields = errors?.fields ?? {};
  const deckImport = progress?.deckImport;
  return (
    <>
      <form onSubmit={submit} noValidate aria-label="Import a rate deck">
        <FormBanner errors={errors} />
        <div className={styles.formGrid}>
          <div className={styles.field}>
            <label htmlFor="field-file">Deck file</label>
            <span id="field-file-hint" className={styles.hint}>
              CSV or XLSX; columns as in the export
            </span>
            <input
              id="field-file"
              name="file"
              type="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className={styles.input}
              aria-invalid={fields.file ? true : undefined}
              aria-describedby={fields.file ? 'field-file-hint field-file-error' : 'field-file-hint'}
            />
            {fields.file ? (
              <span id="field-file-error" className={styles.fieldError} data-field-error="file">
                {fields.file}
              </span>
            ) : null}
          </div>
          <SelectField
            name="mode"
            label="Mode"
            defaultValue="replace"
            options={[
              { value: 'replace', label: 'Replace: the card becomes the file' },
              { value: 'merge', label: 'Merge: only the file’s prefixes change' },
            ]}
            error={fields.mode}
          />
          <div className={styles.field}>
            <label htmlFor="field-effectiveFrom">Effective from</label>
            <span id="field-effectiveFrom-hint" className={styles.hint}>
              Your time zone; empty = now (required to merge)
            </span>
            <input
              id="field-effectiveFrom"
              name="effectiveFrom"
              type="datetime-local"
              className={styles.input}
              aria-invalid={fields.effectiveFrom ? true : undefined}
              aria-describedby={
                fields.effectiveFrom
                  ? 'field-effectiveFrom-hint field-effectiveFrom-error'
                  : 'field-effectiveFrom-hint'
              }
            />
            {fields.effectiveFrom ? (
              <span
                id="field-effectiveFrom-error"
                className={styles.fieldError}
                data-field-error="effectiveFrom"
              >
                {fields.effectiveFrom}
              </span>
            ) : null}
          </div>
          <SelectField
            name="delimiter"
            label="CSV separator"
            defaultValue=","
            options={[
              { value: ',', label: 'Comma ,' },
              { value: ';', label: 'Semicolon ;' },
              { value: '\t', label: 'Tab' },
              { value: '|', label: 'Pipe |' },
            ]}
            error={fields.delimiter}
          />
        </div>
        <button type="submit" className={styles.button} disabled={sending || Boolean(running)}>
          {sending ? 'Uploading…' : running ? 'Importing…' : 'Import'}
        </button>
      </form>
      {problem ? (
        <div className={styles.banner} role="status">
          {problem}
        </div>
      ) : null}
      {deckImport ? (
        <section aria-label="Import progress" data-testid="import-progress" style={{ marginTop: '1rem' }}>
          <p role="status" aria-live="polite">
            <strong data-testid="import-status">{STATUS_TEXT[deckImport.status]}</strong> ·{' '}
            {deckImport.fileName} · {deckImport.rowsRead} rows read, {deckImport.rowsValidated} checked,{' '}
            {deckImport.rowsWritten} written
            {deckImport.rowsRejected > 0 ? `, ${deckImport.rowsRejected} rejected` : ''}
          </p>
          <progress
            className={styles.progress}
            max={100}
            value={deckImport.percent}
            aria-label={`Import ${deckImport.percent}% done`}
          />
          {deckImport.status === 'completed' && deckImport.outcome ? (
            <ImportOutcome outcome={deckImport.outcome} />
          ) : null}
          {deckImport.status === 'failed' ? (
            <div className={styles.bannerError} role="alert">
              The import failed: {deckImport.error ?? 'the platform gave no reason'}. Nothing was written.
            </div>
          ) : null}
          {deckImport.status === 'rejected' && progress ? (
            <>
              <div className={styles.bannerError} role="alert">
                {deckImport.rowsRejected} row{deckImport.rowsRejected === 1 ? '' : 's'} cannot be imported, so
                nothing was written. Correct them and import the file again.
              </div>
              <ProblemsTable problems={progress.problems} />
              {progress.moreProblems ? (
                <p>
                  <Link href={`${base}/imports/${deckImport.id}`}>See the full report</Link> (more problems
                  than shown here).
                </p>
              ) : null}
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

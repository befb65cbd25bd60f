import Link from 'next/link';
import styles from './ui.module.css';

/** A list's free-text search box: its label, and the value the URL carries. */
export function SearchField({
  name = 'search',
  label = 'Search',
  defaultValue,
  placeholder,
  width = '16rem',
}: {
  name?: string;
  label?: string;
  defaultValue: string;
  placeholder?: string;
  width?: string;
}) {
  return (
    <div className={styles.field} style={{ flex: `1 1 ${width}` }}>
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="search"
        className={styles.input}
        defaultValue={defaultValue}
        placeholder={placeholder}
      />
    </div>
  );
}

/**
 * A filter form's submit button and, once the list is filtered, the way back to all of it. `primary` for
 * a search form that is the page's main control (CDRs, ledger, invoices): a row of actions under its fields.
 */
export function SearchButtons({
  label = 'Search',
  clearHref,
  primary = false,
}: {
  label?: string;
  clearHref: string | undefined;
  primary?: boolean;
}) {
  const buttons = (
    <>
      <button type="submit" className={primary ? styles.button : styles.buttonSecondary}>
        {label}
      </button>
      {clearHref ? (
        <Link href={clearHref} className={styles.buttonSecondary}>
          Clear
        </Link>
      ) : null}
    </>
  );
  return primary ? <div className={styles.actions}>{buttons}</div> : buttons;
}

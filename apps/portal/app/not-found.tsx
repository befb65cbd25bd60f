import Link from 'next/link';
import styles from './ui/ui.module.css';

/** Also what another tenant's object looks like: the API answers 404, and so does the portal. */
export default function NotFound() {
  return (
    <div className={styles.state} style={{ padding: '4rem 1rem' }}>
      <h1 style={{ fontSize: '1.5rem', marginBottom: '0.5rem' }}>Not found</h1>
      <p>This page does not exist, or it is not yours to see.</p>
      <Link href="/" className={styles.button}>
        Back to my home page
      </Link>
    </div>
  );
}

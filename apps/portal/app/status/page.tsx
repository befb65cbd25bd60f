import styles from '../ui/ui.module.css';
import { readPlatformStatus } from './platform-status';

export const dynamic = 'force-dynamic';

const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3100';

/** Public: whether the API and what it needs are up, without logging in. */
export default async function StatusPage() {
  const status = await readPlatformStatus(apiUrl);
  const lights = [{ name: 'API', up: status.api }, ...status.services];
  return (
    <main id="main" style={{ maxWidth: '44rem', margin: '0 auto', padding: '2rem 1rem' }}>
      <h1 style={{ marginBottom: '1rem' }}>Platform status</h1>
      <section aria-labelledby="status-heading" className={styles.card}>
        <h2 id="status-heading">Services</h2>
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {lights.map((light) => (
            <li
              key={light.name}
              style={{ display: 'flex', justifyContent: 'space-between', padding: '0.3rem 0' }}
            >
              <span>{light.name}</span>
              <span className={`${styles.badge} ${light.up ? styles.badgeGood : styles.badgeBad}`}>
                {light.up ? 'up' : 'down'}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className={styles.card}>
        <h2>For integrators</h2>
        <p>
          The REST API is documented at <a href={`${apiUrl}/docs`}>{apiUrl}/docs</a> (OpenAPI document:{' '}
          <a href={`${apiUrl}/docs/openapi.json`}>openapi.json</a>).
        </p>
      </section>
      <p>
        <a href="/login">Log in</a>
      </p>
    </main>
  );
}

import { readPlatformStatus } from './platform-status';

export const dynamic = 'force-dynamic';

const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3100';

export default async function StatusPage() {
  const status = await readPlatformStatus(apiUrl);
  const lights = [{ name: 'API', up: status.api }, ...status.services];
  return (
    <main className="page">
      <header>
        <h1>Tollgate</h1>
        <p className="tagline">Real-time billing for VoIP operators</p>
      </header>
      <section aria-labelledby="status-heading" className="card">
        <h2 id="status-heading">Platform status</h2>
        <ul className="lights">
          {lights.map((light) => (
            <li key={light.name} className={light.up ? 'up' : 'down'}>
              <span className="dot" aria-hidden="true" />
              <span className="name">{light.name}</span>
              <span className="state">{light.up ? 'up' : 'down'}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h2>For integrators</h2>
        <p>
          The REST API is documented at <a href={`${apiUrl}/docs`}>{apiUrl}/docs</a> (OpenAPI document:{' '}
          <a href={`${apiUrl}/docs/openapi.json`}>openapi.json</a>).
        </p>
      </section>
    </main>
  );
}

import { join } from 'node:path';
import { DEMO_OPERATOR } from '@tollgate/db';
import { localAuthSecret, localRatingApiToken } from './auth-secret';
import { type BackingServices, provideBackingServices } from './backing-services';
import { migrateDatabase } from './database-setup';
import { localKamailio, waitForKamailio, type LocalKamailio } from './local-kamailio';
import { readLocalSettings, type LocalSettings } from './local-settings';
import { type PlatformProcess, PlatformProcesses } from './platform-processes';
import { assertPortFree, assertUdpPortFree } from './ports';
import { repositoryRoot } from './repository-paths';
import { waitForHttp } from './wait-for-http';
import { buildPortalIfChanged, buildWorkspace } from './workspace-build';

/** `npm start`: the whole platform with the demo operator, until Ctrl-C. */
export async function startPlatform(): Promise<number> {
  const settings = readLocalSettings();
  await assertPlatformPortsFree(settings);
  const processes = new PlatformProcesses();
  const started: { services?: BackingServices } = {};
  let finished: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finished = resolve));
  const shutdown = async (code: number) => {
    console.log('\n› stopping the platform');
    await processes.stopAll();
    await started.services?.stop();
    console.log('› stopped');
    finished(code);
  };
  onceOnSignals(() => void shutdown(0));

  const services = await provideBackingServices({
    environment: 'dev',
    databaseName: 'tollgate',
    databaseUrl: settings.DATABASE_URL,
    redisUrl: settings.REDIS_URL,
    postgresPort: settings.LOCAL_POSTGRES_PORT,
    redisPort: settings.LOCAL_REDIS_PORT,
    postgresPortVariable: 'LOCAL_POSTGRES_PORT',
    redisPortVariable: 'LOCAL_REDIS_PORT',
  });
  started.services = services;
  try {
    buildWorkspace();
    await migrateDatabase(services.databaseUrl, { seed: true });
    buildPortalIfChanged();
  } catch (error) {
    await services.stop();
    throw error;
  }

  const onUnexpectedExit = (name: string, code: number | null) => {
    console.error(`\n✖ ${name} stopped unexpectedly (exit code ${code}); stopping everything`);
    void shutdown(1);
  };
  const ratingApiToken = localRatingApiToken(process.env.RATING_API_TOKEN);
  const kamailio = localKamailio(settings, services.databaseUrl, ratingApiToken);
  if ('skipped' in kamailio) console.log(`› ${kamailio.skipped}`);
  for (const definition of platformProcesses(settings, services, ratingApiToken))
    processes.start(definition, onUnexpectedExit);
  if ('process' in kamailio) processes.start(kamailio.process, onUnexpectedExit);
  await waitForHttp(`http://127.0.0.1:${settings.API_PORT}/health`, 'the API', 60_000);
  await waitForHttp(`http://127.0.0.1:${settings.PORTAL_PORT}/`, 'the portal', 60_000);
  if ('process' in kamailio) await waitForKamailio(kamailio.rpcUrl, 30_000);
  printBanner(settings, services, kamailio);
  return done;
}

function platformProcesses(
  settings: LocalSettings,
  services: BackingServices,
  ratingApiToken: string,
): PlatformProcess[] {
  const common = { DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, NODE_ENV: 'production' };
  const app = (name: string) => join(repositoryRoot, 'apps', name, 'dist', 'main.js');
  return [
    {
      name: 'api',
      command: process.execPath,
      args: [app('api')],
      env: {
        ...common,
        API_PORT: String(settings.API_PORT),
        AUTH_SECRET: localAuthSecret(process.env.AUTH_SECRET),
        RATING_API_TOKEN: ratingApiToken,
        KAMAILIO_RPC_URL: `http://127.0.0.1:${settings.KAMAILIO_RPC_PORT}/RPC`,
      },
    },
    {
      name: 'call-control',
      command: process.execPath,
      args: [app('call-control')],
      env: {
        ...common,
        CALL_CONTROL_PROBE_PORT: String(settings.CALL_CONTROL_PROBE_PORT),
        KAMAILIO_RPC_URL: `http://127.0.0.1:${settings.KAMAILIO_RPC_PORT}/RPC`,
      },
    },
    {
      name: 'cdr-worker',
      command: process.execPath,
      args: [app('cdr-worker')],
      env: { ...common, CDR_WORKER_PROBE_PORT: String(settings.CDR_WORKER_PROBE_PORT) },
    },
    {
      name: 'portal',
      command: process.execPath,
      args: ['portal-server.mjs', '--hostname', '127.0.0.1', '--port', String(settings.PORTAL_PORT)],
      cwd: join(repositoryRoot, 'apps', 'portal'),
      env: {
        NODE_ENV: 'production',
        API_URL: `http://127.0.0.1:${settings.API_PORT}`,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
  ];
}

async function assertPlatformPortsFree(settings: LocalSettings): Promise<void> {
  await assertPortFree(settings.API_PORT, 'API_PORT');
  await assertPortFree(settings.PORTAL_PORT, 'PORTAL_PORT');
  await assertPortFree(settings.CALL_CONTROL_PROBE_PORT, 'CALL_CONTROL_PROBE_PORT');
  await assertPortFree(settings.CDR_WORKER_PROBE_PORT, 'CDR_WORKER_PROBE_PORT');
  await assertUdpPortFree(settings.KAMAILIO_SIP_PORT, 'KAMAILIO_SIP_PORT');
  await assertPortFree(settings.KAMAILIO_RPC_PORT, 'KAMAILIO_RPC_PORT');
}

function onceOnSignals(handler: () => void): void {
  let handled = false;
  const handle = () => {
    if (handled) return;
    handled = true;
    handler();
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

function printBanner(
  settings: LocalSettings,
  services: BackingServices,
  kamailio: LocalKamailio | { skipped: string },
): void {
  const api = `http://127.0.0.1:${settings.API_PORT}`;
  const sip =
    'rpcUrl' in kamailio
      ? `sip:127.0.0.1:${settings.KAMAILIO_SIP_PORT} (UDP)   JSON-RPC ${kamailio.rpcUrl}`
      : 'not installed: no SIP (see above)';
  console.log(`
┌────────────────────────────────────────────────────────────────────────────
│ Tollgate is running
│   portal        http://127.0.0.1:${settings.PORTAL_PORT}
│   API           ${api}        health ${api}/health   metrics ${api}/metrics
│   API docs      ${api}/docs   (OpenAPI document: ${api}/docs/openapi.json)
│   queue board   ${api}/admin/queues   (owner admins, docs/dashboard.md)
│   call-control  http://127.0.0.1:${settings.CALL_CONTROL_PROBE_PORT}/health
│   cdr-worker    http://127.0.0.1:${settings.CDR_WORKER_PROBE_PORT}/health
│   Kamailio      ${sip}
│   PostgreSQL    ${services.databaseUrl}
│   Redis         ${services.redisUrl}
│ Demo owner login: ${DEMO_OPERATOR.ownerEmail} / ${DEMO_OPERATOR.ownerPassword}
│ Ctrl-C stops everything started here.
└────────────────────────────────────────────────────────────────────────────`);
}

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freeTcpPort, spawnGroup, stopGroup } from '@tollgate/kamailio/testing';

const REPOSITORY = resolve(__dirname, '..', '..', '..');
const API_MAIN = join(REPOSITORY, 'apps', 'api', 'dist', 'main.js');
const CDR_WORKER_MAIN = join(REPOSITORY, 'apps', 'cdr-worker', 'dist', 'main.js');
const PORTAL = join(REPOSITORY, 'apps', 'portal');
const NEXT_BIN = join(PORTAL, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface RunningProcess {
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/** The built API (apps/api/dist, which npm test builds) on a free loopback port. */
export async function startBuiltApi(options: {
  databaseUrl: string;
  redisUrl: string;
  authSecret: string;
  ratingApiToken: string;
  /** The platform's own BullMQ prefix, so files sharing one Redis never take each other's jobs. */
  queuePrefix: string;
}): Promise<RunningProcess> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build the workspace first (tsc -b)`);
  const port = await freeTcpPort();
  return startUntilAnswering('the API', process.execPath, [API_MAIN], `http://127.0.0.1:${port}`, '/health', {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    AUTH_SECRET: options.authSecret,
    RATING_API_TOKEN: options.ratingApiToken,
    QUEUE_PREFIX: options.queuePrefix,
  });
}

/** The built cdr-worker on the platform's database and queues: it rates and stores what the API enqueues. */
export async function startBuiltCdrWorker(options: {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
}): Promise<RunningProcess> {
  if (!existsSync(CDR_WORKER_MAIN))
    throw new Error(`${CDR_WORKER_MAIN} is missing: build the workspace first (tsc -b)`);
  const port = await freeTcpPort();
  return startUntilAnswering(
    'cdr-worker',
    process.execPath,
    [CDR_WORKER_MAIN],
    `http://127.0.0.1:${port}`,
    '/health',
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: options.queuePrefix,
      CDR_WORKER_PROBE_PORT: String(port),
      CDR_BATCH_WAIT_MS: '10',
    },
  );
}

/** The built portal (`next start`; npm test runs `next build` first) talking to `apiUrl`. */
export async function startBuiltPortal(apiUrl: string): Promise<RunningProcess> {
  if (!existsSync(join(PORTAL, '.next', 'BUILD_ID')))
    throw new Error('apps/portal/.next is missing: build the portal first (next build)');
  const port = await freeTcpPort();
  return startUntilAnswering(
    'the portal',
    process.execPath,
    [NEXT_BIN, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    `http://127.0.0.1:${port}`,
    '/login',
    { NODE_ENV: 'production', API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
    PORTAL,
  );
}

async function startUntilAnswering(
  name: string,
  executable: string,
  args: string[],
  url: string,
  probe: string,
  env: Record<string, string>,
  cwd?: string,
): Promise<RunningProcess> {
  const group = spawnGroup(executable, args, { env: { ...process.env, ...env }, ...(cwd ? { cwd } : {}) });
  let output = '';
  group.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  group.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => stopGroup(group, 10_000);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (group.child.exitCode !== null) throw new Error(`${name} exited at start:\n${output}`);
    const answer = await fetch(`${url}${probe}`, { signal: AbortSignal.timeout(2000) }).catch(
      () => undefined,
    );
    if (answer?.ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer ${probe} within 60 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return { url, output: () => output, stop };
}

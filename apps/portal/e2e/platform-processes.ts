import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freeTcpPort, spawnGroup, stopGroup } from '@tollgate/kamailio/testing';

const REPOSITORY = resolve(__dirname, '..', '..', '..');
const API_MAIN = join(REPOSITORY, 'apps', 'api', 'dist', 'main.js');
const CALL_CONTROL_MAIN = join(REPOSITORY, 'apps', 'call-control', 'dist', 'main.js');
const CDR_WORKER_MAIN = join(REPOSITORY, 'apps', 'cdr-worker', 'dist', 'main.js');
const PORTAL = join(REPOSITORY, 'apps', 'portal');
const PORTAL_SERVER = join(PORTAL, 'portal-server.mjs');

export interface RunningProcess {
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Where the apps keep their state in Redis. Apps that work together (API, call control, cdr-worker) need
 * the same; a platform with prefixes of its own shares a Redis with others without taking their calls or
 * jobs.
 */
export interface RedisKeys {
  readonly creditPoolKeyPrefix: string;
  readonly queuePrefix: string;
}

/** The built API (apps/api/dist, which npm test builds) on a free loopback port. */
export async function startBuiltApi(options: {
  databaseUrl: string;
  redisUrl: string;
  authSecret: string;
  ratingApiToken: string;
  /** Default: the apps' own defaults (`tollgate`, `tollgate-queues`). */
  redisKeys?: RedisKeys;
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
    ...redisKeysEnvironment(options.redisKeys),
  });
}

/** The built call control (apps/call-control/dist), its probe on a free loopback port. */
export async function startBuiltCallControl(options: {
  redisUrl: string;
  kamailioRpcUrl: string;
  redisKeys: RedisKeys;
}): Promise<RunningProcess> {
  if (!existsSync(CALL_CONTROL_MAIN))
    throw new Error(`${CALL_CONTROL_MAIN} is missing: build the workspace first (tsc -b)`);
  const port = await freeTcpPort();
  return startUntilAnswering(
    'call control',
    process.execPath,
    [CALL_CONTROL_MAIN],
    `http://127.0.0.1:${port}`,
    '/health',
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      REDIS_URL: options.redisUrl,
      KAMAILIO_RPC_URL: options.kamailioRpcUrl,
      PROBE_HOST: '127.0.0.1',
      CALL_CONTROL_PROBE_PORT: String(port),
      CALL_CONTROL_INSTANCE_ID: `portal-e2e-${port}`,
      ...redisKeysEnvironment(options.redisKeys),
    },
  );
}

/** The built cdr-worker (apps/cdr-worker/dist), its probe on a free loopback port. */
export async function startBuiltCdrWorker(options: {
  databaseUrl: string;
  redisUrl: string;
  redisKeys: RedisKeys;
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
      PROBE_HOST: '127.0.0.1',
      CDR_WORKER_PROBE_PORT: String(port),
      ...redisKeysEnvironment(options.redisKeys),
    },
  );
}

function redisKeysEnvironment(keys: RedisKeys | undefined): Record<string, string> {
  return keys ? { CREDIT_POOL_KEY_PREFIX: keys.creditPoolKeyPrefix, QUEUE_PREFIX: keys.queuePrefix } : {};
}

/** The built portal (portal-server.mjs; npm test runs `next build` first) talking to `apiUrl`. */
export async function startBuiltPortal(
  apiUrl: string,
  env: Record<string, string> = {},
): Promise<RunningProcess> {
  if (!existsSync(join(PORTAL, '.next', 'BUILD_ID')))
    throw new Error('apps/portal/.next is missing: build the portal first (next build)');
  const port = await freeTcpPort();
  return startUntilAnswering(
    'the portal',
    process.execPath,
    [PORTAL_SERVER, '--hostname', '127.0.0.1', '--port', String(port)],
    `http://127.0.0.1:${port}`,
    '/login',
    { NODE_ENV: 'production', API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1', ...env },
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

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freeTcpPort, spawnGroup, stopGroup } from '@tollgate/kamailio/testing';

const API_MAIN = resolve(__dirname, '..', '..', '..', '..', 'apps', 'api', 'dist', 'main.js');

export interface ApiProcessOptions {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly authSecret: string;
  readonly ratingApiToken: string;
  /** Default: a free one. Give the port of a stopped API to start it again where Kamailio expects it. */
  readonly port?: number;
}

export interface ApiProcess {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** Its process, also the id of its process group. */
  readonly pid: number;
  output(): string;
  /** SIGTERM, as an operator stopping the API would; resolves once it has exited. */
  stop(): Promise<void>;
}

/** The built API (apps/api/dist, which npm test builds first) on a free loopback port. */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build the workspace first (tsc -b)`);
  const port = options.port ?? (await freeTcpPort());
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    AUTH_SECRET: options.authSecret,
    RATING_API_TOKEN: options.ratingApiToken,
  };
  const group = spawnGroup(process.execPath, [API_MAIN], { env });
  let output = '';
  group.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  group.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopGroup(group, 10_000);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (group.child.exitCode !== null) throw new Error(`the API exited at start:\n${output}`);
    const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
    if (health?.ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not answer /health within 30 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { url, port, pid: group.child.pid ?? 0, output: () => output, stop };
}

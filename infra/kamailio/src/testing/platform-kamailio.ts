import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KamailioRpcClient } from '@tollgate/kamailio';
import {
  ensureDebianPackages,
  freeTcpPort,
  freeUdpPort,
  spawnGroup,
  stopGroup,
} from '@tollgate/kamailio/testing';

const KAMAILIO_BIN = '/usr/sbin/kamailio';

/** infra/kamailio/kamailio.cfg: what npm start and Docker run. */
export const PLATFORM_KAMAILIO_CFG = resolve(__dirname, '..', '..', 'kamailio.cfg');

/** Kamailio and the Debian packages of the modules the cfg loads. */
export const KAMAILIO_PACKAGES = [
  'kamailio',
  'kamailio-extra-modules',
  'kamailio-utils-modules',
  'kamailio-postgres-modules',
] as const;

export interface PlatformKamailioOptions {
  /** Base URL of the rating API, e.g. http://127.0.0.1:3100/rating */
  readonly ratingApiUrl: string;
  readonly ratingApiToken: string;
  /** The platform's PostgreSQL (postgres://user:password@host:port/database). */
  readonly databaseUrl: string;
  /** host:port that postpaid calls go to while the rating API is unreachable. */
  readonly failOpenGateway?: string;
  readonly sipWorkers?: number;
  readonly startTimeoutMs?: number;
}

export interface PlatformKamailio {
  /** host:port of its SIP listener (UDP, 127.0.0.1). */
  readonly sipAddress: string;
  readonly sipPort: number;
  readonly rpcUrl: string;
  readonly client: KamailioRpcClient;
  /** Kamailio's main process, also the id of the process group its workers run in. */
  readonly pid: number;
  /** A directory for the files of the SIPp processes of the calls (removed by stop()). */
  readonly directory: string;
  /** Everything Kamailio logged so far; print it when an assertion fails. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs infra/kamailio/kamailio.cfg, as it ships, on free loopback ports: every parameter comes from the
 * environment, the way npm start and Docker set them.
 */
export async function startPlatformKamailio(options: PlatformKamailioOptions): Promise<PlatformKamailio> {
  ensureDebianPackages(KAMAILIO_PACKAGES);
  const directory = await mkdtemp(join(tmpdir(), 'tollgate-platform-kamailio-'));
  await mkdir(join(directory, 'run'));
  const sipPort = await freeUdpPort();
  const rpcPort = await freeTcpPort();
  const env = {
    ...process.env,
    RATING_API_URL: options.ratingApiUrl,
    RATING_API_TOKEN: options.ratingApiToken,
    DATABASE_URL: options.databaseUrl,
    SIP_LISTEN: `udp:127.0.0.1:${sipPort}`,
    RPC_LISTEN: `tcp:127.0.0.1:${rpcPort}`,
    RATING_FAIL_OPEN_GATEWAY: options.failOpenGateway ?? '',
    SIP_WORKERS: String(options.sipWorkers ?? 4),
  };
  const args = ['-f', PLATFORM_KAMAILIO_CFG, '-DD', '-E', '-Y', join(directory, 'run'), '-w', directory];
  const group = spawnGroup(KAMAILIO_BIN, args, { env });
  let output = '';
  group.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  group.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const rpcUrl = `http://127.0.0.1:${rpcPort}/RPC`;
  const client = new KamailioRpcClient({ url: rpcUrl, timeoutMs: 2000 });
  const stop = async (): Promise<void> => {
    await stopGroup(group, 5000);
    await rm(directory, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  for (;;) {
    if (group.child.exitCode !== null || group.child.signalCode !== null) {
      await stop();
      throw new Error(`kamailio exited during startup:\n${output}`);
    }
    if ((await client.health()).up) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`kamailio's RPC did not answer within its start timeout:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    sipAddress: `127.0.0.1:${sipPort}`,
    sipPort,
    rpcUrl,
    client,
    pid: group.child.pid ?? 0,
    directory,
    output: () => output,
    stop,
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { stopProcessGroup } from './child-process';
import { LocalSetupError } from './local-setup-error';
import { installOsPackages } from './os-packages';

export interface LocalRedisOptions {
  directory: string;
  port: number;
  /** No persistence at all (tests only); otherwise append-only file with fsync every second. */
  ephemeral: boolean;
}

/** A Redis 7 server of our own on 127.0.0.1, data under .data/, stopped with npm start. */
export class LocalRedis {
  private child: ChildProcess | undefined;
  private readonly dataDirectory: string;
  private readonly logFile: string;

  constructor(private readonly options: LocalRedisOptions) {
    this.dataDirectory = join(options.directory, 'redis');
    this.logFile = join(options.directory, 'redis.log');
  }

  url(database = 0): string {
    return `redis://127.0.0.1:${this.options.port}/${database}`;
  }

  async start(): Promise<void> {
    const binary = findOrInstallRedis();
    mkdirSync(this.dataDirectory, { recursive: true });
    const log = openSync(this.logFile, 'a');
    this.child = spawn(binary, this.arguments(), { detached: true, stdio: ['ignore', log, log] });
    await this.waitUntilReady();
  }

  async stop(): Promise<void> {
    if (this.child) await stopProcessGroup(this.child, 'SIGTERM', 20_000);
  }

  private arguments(): string[] {
    const persistence = this.options.ephemeral
      ? ['--appendonly', 'no', '--save', '']
      : ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''];
    return [
      '--bind',
      '127.0.0.1',
      '--port',
      String(this.options.port),
      '--dir',
      this.dataDirectory,
      '--protected-mode',
      'yes',
      '--daemonize',
      'no',
      ...persistence,
    ];
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (this.child?.exitCode !== null) {
        throw new LocalSetupError(
          `Redis stopped at start; its log (${this.logFile}) ends with:\n${this.logTail()}`,
        );
      }
      const client = new Redis(this.url(), {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
        client.disconnect();
        return;
      } catch {
        client.disconnect();
        if (Date.now() > deadline)
          throw new LocalSetupError(`Redis did not answer within 30 s; see ${this.logFile}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private logTail(): string {
    return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-10).join('\n');
  }
}

function findOrInstallRedis(): string {
  const binary = '/usr/bin/redis-server';
  if (existsSync(binary)) return binary;
  installOsPackages(['redis-server'], 'Redis is not installed');
  if (!existsSync(binary))
    throw new LocalSetupError('redis-server was installed but /usr/bin/redis-server is missing');
  return binary;
}

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { runCommand, stopProcessGroup } from './child-process';
import { LocalSetupError } from './local-setup-error';
import { installOsPackages } from './os-packages';

const SUPERUSER = 'tollgate';
const PASSWORD = 'tollgate';
const POSTGRES_VERSION = 15;

export interface LocalPostgresOptions {
  directory: string;
  port: number;
  /** Trade durability for speed (tests only). */
  ephemeral: boolean;
}

/**
 * A PostgreSQL 15 server of our own, on 127.0.0.1, with its data under .data/. Started as a child
 * process so that stopping npm start stops it; run as the `postgres` OS user when we are root,
 * because PostgreSQL refuses to run as root.
 */
export class LocalPostgres {
  private child: ChildProcess | undefined;
  // Known once PostgreSQL is installed (the `postgres` user must exist to check what it can reach).
  private directory = '';

  constructor(private readonly options: LocalPostgresOptions) {}

  private get dataDirectory(): string {
    return join(this.directory, 'postgres');
  }

  private get logFile(): string {
    return join(this.directory, 'postgres.log');
  }

  url(database: string): string {
    return `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${this.options.port}/${database}`;
  }

  async start(): Promise<void> {
    const binaries = findOrInstallBinaries();
    this.directory = reachableDirectory(this.options.directory);
    mkdirSync(this.directory, { recursive: true });
    if (!existsSync(join(this.dataDirectory, 'PG_VERSION'))) await this.initialise(binaries);
    const args = ['-D', this.dataDirectory, '-p', String(this.options.port), ...this.settings()];
    const log = openSync(this.logFile, 'a');
    this.child = spawn(...asServiceUser(join(binaries, 'postgres'), args), {
      detached: true,
      stdio: ['ignore', log, log],
    });
    await this.waitUntilReady();
  }

  async stop(): Promise<void> {
    // SIGINT is PostgreSQL's "fast shutdown": roll back sessions, checkpoint, exit.
    if (this.child) await stopProcessGroup(this.child, 'SIGINT', 20_000);
  }

  async createDatabase(name: string, { recreate }: { recreate: boolean }): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      if (recreate) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
  }

  private settings(): string[] {
    const base = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'max_connections=200'];
    const fast = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
    return [...base, ...(this.options.ephemeral ? fast : [])].flatMap((setting) => ['-c', setting]);
  }

  private async initialise(binaries: string): Promise<void> {
    mkdirSync(this.dataDirectory, { recursive: true });
    const passwordFile = join(this.directory, '.pgpass-init');
    writeFileSync(passwordFile, PASSWORD);
    handToServiceUser([this.directory, this.dataDirectory, passwordFile]);
    const args = [
      '-D',
      this.dataDirectory,
      '-U',
      SUPERUSER,
      '--pwfile',
      passwordFile,
      '-E',
      'UTF8',
      '--no-locale',
    ];
    await runCommand(...asServiceUser(join(binaries, 'initdb'), [...args, '--auth=scram-sha-256']));
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (this.child?.exitCode !== null) {
        throw new LocalSetupError(
          `PostgreSQL stopped at start; its log (${this.logFile}) ends with:\n${this.logTail()}`,
        );
      }
      const client = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline)
          throw new LocalSetupError(`PostgreSQL did not accept connections within 60 s; see ${this.logFile}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private logTail(): string {
    return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-10).join('\n');
  }
}

function findOrInstallBinaries(): string {
  const found = findBinaries();
  if (found) return found;
  installOsPackages([`postgresql-${POSTGRES_VERSION}`], `PostgreSQL ${POSTGRES_VERSION} is not installed`);
  const installed = findBinaries();
  if (!installed)
    throw new LocalSetupError('PostgreSQL was installed but its binaries are not under /usr/lib/postgresql');
  return installed;
}

function findBinaries(): string | undefined {
  if (!existsSync('/usr/lib/postgresql')) return undefined;
  const versions = readdirSync('/usr/lib/postgresql')
    .map(Number)
    .filter((v) => v >= POSTGRES_VERSION)
    .sort((a, b) => a - b);
  const version = versions.find((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
  return version === undefined ? undefined : `/usr/lib/postgresql/${version}/bin`;
}

const runningAsRoot = process.getuid?.() === 0;

/**
 * As root, PostgreSQL runs as the `postgres` user, who must be able to reach the data directory. A
 * checkout under a private directory (e.g. /root) is out of its reach: the data then lives under
 * /var/lib/tollgate instead, one directory per checkout, and we say so.
 */
function reachableDirectory(directory: string): string {
  if (!runningAsRoot) return directory;
  mkdirSync(directory, { recursive: true });
  if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', directory]).status === 0) return directory;
  const checkout = createHash('sha256').update(directory).digest('hex').slice(0, 12);
  const fallback = join('/var/lib/tollgate', checkout);
  console.log(`› the postgres user cannot reach ${directory}; PostgreSQL keeps its data in ${fallback}`);
  return fallback;
}

function asServiceUser(command: string, args: string[]): [string, string[]] {
  return runningAsRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function handToServiceUser(paths: string[]): void {
  if (!runningAsRoot) return;
  const { uid, gid } = postgresUser();
  for (const path of paths) chownSync(path, uid, gid);
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new LocalSetupError(
      'the postgres OS user is missing: reinstall the postgresql package (apt-get install --reinstall postgresql-15)',
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

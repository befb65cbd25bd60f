import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KamailioRpcClient } from '../kamailio-rpc-client';

const KAMAILIO_BIN = '/usr/sbin/kamailio';
const HOST = '127.0.0.1';

export interface KamailioProcessOptions {
  startTimeoutMs?: number;
  /** Grace period after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface KamailioProcess {
  /** JSON-RPC endpoint, e.g. http://127.0.0.1:PORT/RPC */
  readonly rpcUrl: string;
  /** Kamailio's main process, also the id of the process group its workers run in. */
  readonly pid: number;
  /** SIP port (UDP) on 127.0.0.1; the cfg proxies INVITEs to the URI in their X-Target header. */
  readonly sipPort: number;
  readonly dir: string;
  readonly client: KamailioRpcClient;
  /** Everything Kamailio logged so far (log_stderror); print it when an assertion fails. */
  output(): string;
  stop(): Promise<void>;
}

/** Installs a Debian package if `binary` is missing. Needs root, which the test environment has. */
export function ensureInstalled(binary: string, debianPackage: string): void {
  if (existsSync(binary)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${binary} is missing and we are not root to install it: run ` +
        `\`sudo apt-get install -y ${debianPackage}\` (Debian 12), then rerun the tests.`,
    );
  }
  aptGet(['update']);
  aptGet(['install', '-y', debianPackage]);
  if (!existsSync(binary))
    throw new Error(`apt-get installed ${debianPackage} but ${binary} is still missing`);
}

export function ensureKamailioInstalled(): void {
  ensureInstalled(KAMAILIO_BIN, 'kamailio');
}

/** Installs the Debian packages of `packages` that dpkg does not list as installed. Needs root. */
export function ensureDebianPackages(packages: readonly string[]): void {
  const missing = packages.filter((name) => !debianPackageInstalled(name));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${missing.join(', ')} missing and we are not root to install them: run ` +
        `\`sudo apt-get install -y ${missing.join(' ')}\` (Debian 12), then rerun the tests.`,
    );
  }
  aptGet(['update']);
  aptGet(['install', '-y', '--no-install-recommends', ...missing]);
  const still = missing.filter((name) => !debianPackageInstalled(name));
  if (still.length > 0) throw new Error(`apt-get ran but ${still.join(', ')} is still not installed`);
}

function debianPackageInstalled(name: string): boolean {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return query.status === 0 && query.stdout.trim() === 'install ok installed';
}

function aptGet(args: string[]): void {
  const result = spawnSync('apt-get', args, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    timeout: 170_000,
  });
  if (result.status !== 0) {
    throw new Error(`apt-get ${args.join(' ')} failed (${result.status}): ${result.stderr || result.error}`);
  }
}

/** A port that was free a moment ago (bind to 0, read, close); small race, fine for tests. */
export async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, HOST, resolve);
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * A minimal stateful proxy: dialogs tracked for every INVITE, `account` profile from X-Account,
 * $dlg_var(billing)="yes", relayed to the X-Target URI. RPC over HTTP on the TCP listener.
 */
export function kamailioConfig(ports: { rpc: number; sip: number }): string {
  return `#!KAMAILIO
debug=2
log_stderror=yes
children=2
tcp_children=2
auto_aliases=no
listen=udp:${HOST}:${ports.sip}
listen=tcp:${HOST}:${ports.rpc}
tcp_accept_no_cl=yes

loadmodule "kex.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xhttp.so"
loadmodule "jsonrpcs.so"
loadmodule "dialog.so"

modparam("jsonrpcs", "transport", 1)
modparam("dialog", "profiles_with_value", "account")
modparam("dialog", "send_bye", 1)
modparam("dialog", "default_timeout", 3600)

request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (has_totag()) {
    if (loose_route()) { t_relay(); exit; }
    if (is_method("ACK") && t_check_trans()) { t_relay(); exit; }
    sl_send_reply("404", "Not here");
    exit;
  }
  if (!is_method("INVITE") || $hdr(X-Target) == $null) { sl_send_reply("403", "Only INVITE with X-Target"); exit; }
  dlg_manage();
  if ($hdr(X-Account) != $null) { set_dlg_profile("account", "$hdr(X-Account)"); }
  $dlg_var(billing) = "yes";
  record_route();
  $du = $hdr(X-Target);
  t_relay();
}

event_route[xhttp:request] {
  if ($hu =~ "^/RPC") { jsonrpc_dispatch(); exit; }
  xhttp_reply("404", "Not Found", "text/plain", "not found");
}
`;
}

/** Writes a cfg into a temp dir, starts Kamailio in the foreground and waits until its RPC answers. */
export async function startKamailio(options: KamailioProcessOptions = {}): Promise<KamailioProcess> {
  ensureKamailioInstalled();
  const dir = await mkdtemp(join(tmpdir(), 'tollgate-kamailio-'));
  const ports = { rpc: await freeTcpPort(), sip: await freeUdpPort() };
  const cfg = join(dir, 'kamailio.cfg');
  await writeFile(cfg, kamailioConfig(ports));
  await mkdir(join(dir, 'run'));

  const group = spawnGroup(KAMAILIO_BIN, ['-f', cfg, '-DD', '-E', '-Y', join(dir, 'run'), '-w', dir]);
  const { child } = group;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('error', (error) => (output += `spawning ${KAMAILIO_BIN} failed: ${error.message}\n`));

  const rpcUrl = `http://${HOST}:${ports.rpc}/RPC`;
  const client = new KamailioRpcClient({ url: rpcUrl, timeoutMs: 2000 });
  const stop = async (): Promise<void> => {
    await stopGroup(group, options.stopTimeoutMs ?? 5000);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(client, child, options.startTimeoutMs ?? 15_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { rpcUrl, pid: child.pid ?? 0, sipPort: ports.sip, dir, client, output: () => output, stop };
}

async function waitUntilReady(
  client: KamailioRpcClient,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(child)) {
      throw new Error(`kamailio exited (${child.exitCode ?? child.signalCode}) during startup:\n${output()}`);
    }
    const health = await client.health();
    if (health.up) return;
    if (Date.now() > deadline) {
      throw new Error(`kamailio RPC not ready after ${timeoutMs} ms (${health.error}):\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface GroupProcess {
  child: ChildProcess;
  /** Resolves once every process holding its stdout/stderr (the main one and its forks) is gone. */
  closed: Promise<void>;
}

/**
 * Spawns in its own process group so stopGroup can reach the workers Kamailio (or SIPp) forks, and
 * kills the group if this Node process exits without stopping it (a crashed test run).
 */
export function spawnGroup(
  binary: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): GroupProcess {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const killOnExit = (): void => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  void closed.then(() => process.removeListener('exit', killOnExit));
  return { child, closed };
}

/** SIGTERM the main process (Kamailio stops its own workers), SIGKILL the whole group after timeoutMs. */
export async function stopGroup({ child, closed }: GroupProcess, timeoutMs: number): Promise<void> {
  if (!hasExited(child)) child.kill('SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), timeoutMs);
  await closed;
  clearTimeout(timer);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the whole group is already gone.
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

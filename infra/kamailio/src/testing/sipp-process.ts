import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureInstalled, spawnGroup, stopGroup } from '@tollgate/kamailio/testing';

const SIPP_BIN = '/usr/bin/sipp';

export interface SippOptions {
  /** The scenario's XML (see sipp-scenarios.ts). */
  readonly scenario: string;
  /** Where the scenario file and SIPp's own files go. */
  readonly directory: string;
  /** A loopback address: 127.0.0.x other than 127.0.0.1 stands for another machine. */
  readonly localIp?: string;
  readonly localPort: number;
  /** host:port of the proxy a caller sends to; none for a callee. */
  readonly remote?: string;
  /** The dialled number (-s). */
  readonly service?: string;
  /** Values of the scenario's [keywords] (-key). */
  readonly keys?: Readonly<Record<string, string>>;
  /** Digest credentials for a 401/407 challenge (-au / -ap). */
  readonly credentials?: { readonly user: string; readonly password: string };
  /** SIPp exits after this many calls (-m). */
  readonly calls: number;
  /** New calls per second (-r); SIPp's default is 10. */
  readonly callRate?: number;
  /** Most calls up at once (-l). */
  readonly maxConcurrent?: number;
  /** The Call-ID of a single call (SIPp appends nothing when -cid_str has no keyword). */
  readonly callId?: string;
  /** SIPp stops, failing, after this long (-timeout with -timeout_error). */
  readonly timeoutSeconds: number;
  /** Record response time 1 of every call (-trace_rtt); see `answerTimesMs`. */
  readonly traceResponseTimes?: boolean;
}

export interface SippResult {
  /** 0 when every call went as the scenario says. */
  readonly exitCode: number | null;
  readonly successful: number;
  readonly failed: number;
  /** Response time 1 of each call, in milliseconds, when `traceResponseTimes` was set. */
  readonly responseTimesMs: readonly number[];
  readonly output: string;
}

export interface SippProcess {
  readonly result: Promise<SippResult>;
  readonly pid: number;
  /** Stops SIPp (SIGTERM, then SIGKILL) if it is still running. */
  stop(): Promise<void>;
}

/** Starts one SIPp process (a caller when `remote` is set, else a callee); see `result`. */
export async function startSipp(options: SippOptions): Promise<SippProcess> {
  ensureInstalled(SIPP_BIN, 'sip-tester');
  const name = `sipp-${randomUUID().slice(0, 8)}`;
  const scenarioFile = join(options.directory, `${name}.xml`);
  await writeFile(scenarioFile, options.scenario);
  // -trace_rtt writes its file in the working directory.
  const group = spawnGroup(SIPP_BIN, sippArguments(options, scenarioFile), { cwd: options.directory });
  let output = '';
  group.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  group.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let closed = false;
  const result = new Promise<SippResult>((resolve) => {
    group.child.once('close', (exitCode) => {
      closed = true;
      void responseTimes(options, name).then((responseTimesMs) =>
        resolve({ exitCode, ...callCounts(output), responseTimesMs, output }),
      );
    });
  });
  const stop = () => stopGroup(group, 2000);
  // A callee is ready once its port is taken; a caller sent to it before would get no answer.
  if (options.remote === undefined) {
    const deadline = Date.now() + 5000;
    while (!closed && !(await udpPortTaken(options.localIp ?? '127.0.0.1', options.localPort))) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`SIPp did not bind ${options.localPort} within 5 s:\n${output}`);
      }
      await new Promise((done) => setTimeout(done, 20));
    }
  }
  return { result, pid: group.child.pid ?? 0, stop };
}

async function udpPortTaken(address: string, port: number): Promise<boolean> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => {
    socket.once('error', () => resolve(true));
    socket.bind(port, address, () => socket.close(() => resolve(false)));
  });
}

function sippArguments(options: SippOptions, scenarioFile: string): string[] {
  const args = ['-sf', scenarioFile, '-i', options.localIp ?? '127.0.0.1', '-p', String(options.localPort)];
  args.push(
    '-m',
    String(options.calls),
    '-nostdin',
    '-timeout',
    `${options.timeoutSeconds}s`,
    '-timeout_error',
  );
  if (options.service !== undefined) args.push('-s', options.service);
  for (const [key, value] of Object.entries(options.keys ?? {})) args.push('-key', key, value);
  if (options.credentials) args.push('-au', options.credentials.user, '-ap', options.credentials.password);
  if (options.callRate !== undefined) args.push('-r', String(options.callRate));
  if (options.maxConcurrent !== undefined) args.push('-l', String(options.maxConcurrent));
  if (options.callId !== undefined) args.push('-cid_str', options.callId);
  if (options.traceResponseTimes) args.push('-trace_rtt', '-rtt_freq', '1');
  if (options.remote !== undefined) args.push(options.remote);
  return args;
}

// The last statistics screen SIPp prints: "  Successful call  |  <periodic>  |  <cumulative>".
function callCounts(output: string): { successful: number; failed: number } {
  const cumulative = (label: string): number => {
    const matches = [...output.matchAll(new RegExp(`${label}\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)`, 'g'))];
    return Number(matches.at(-1)?.[1] ?? 0);
  };
  return { successful: cumulative('Successful call'), failed: cumulative('Failed call') };
}

// -trace_rtt writes <scenario>_<pid>_rtt.csv: "Date_ms;response_time_ms;rtd_no", one line per call.
async function responseTimes(options: SippOptions, name: string): Promise<number[]> {
  if (!options.traceResponseTimes) return [];
  const files = (await readdir(options.directory)).filter(
    (file) => file.startsWith(`${name}_`) && file.endsWith('_rtt.csv'),
  );
  const times: number[] = [];
  for (const file of files) {
    for (const line of (await readFile(join(options.directory, file), 'utf8')).split('\n').slice(1)) {
      const value = Number(line.split(';')[1]);
      if (line.trim() !== '' && Number.isFinite(value)) times.push(value);
    }
  }
  return times;
}

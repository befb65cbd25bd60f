import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureInstalled, freeUdpPort, spawnGroup, stopGroup, type GroupProcess } from './kamailio-process';
import { calleeScenario, callerScenario } from './sipp-scenarios';

const SIPP_BIN = '/usr/bin/sipp';

export interface SippCallOptions {
  /** Kamailio's SIP port on 127.0.0.1. */
  proxyPort: number;
  /** Temp dir for scenario files and SIPp error logs. */
  dir: string;
  /** Sent as X-Account; the test cfg puts the dialog in profile "account" with this value. */
  account: string;
  /** Both legs fail unless the BYE they get carries a Reason header matching this. */
  expectReason?: RegExp;
  timeoutSeconds?: number;
}

export interface SippLegResult {
  exitCode: number | null;
  output: string;
}

export interface SippCall {
  readonly callId: string;
  /** Resolves when both legs have ended: exit code 0 means the leg got its BYE (and Reason). */
  readonly ended: Promise<{ caller: SippLegResult; callee: SippLegResult }>;
  stop(): Promise<void>;
}

/** One real call through Kamailio: SIPp caller → Kamailio → SIPp callee; both wait for a BYE. */
export async function startSippCall(options: SippCallOptions): Promise<SippCall> {
  ensureInstalled(SIPP_BIN, 'sip-tester');
  const tag = randomUUID().slice(0, 8);
  const callId = `tollgate-${tag}`;
  const { dir, expectReason } = options;
  const caller = callerScenario({
    authenticates: false,
    outcome: { answered: 'platform-hangs-up', expectReason },
    headers: ['X-Target: [target]', 'X-Account: [account]'],
  });
  const callerXml = await writeScenario(dir, `caller-${tag}.xml`, caller);
  const calleeXml = await writeScenario(
    dir,
    `callee-${tag}.xml`,
    calleeScenario({ answers: true, expectReason }),
  );

  const calleePort = await freeUdpPort();
  const common = ['-i', '127.0.0.1', '-m', '1', '-nostdin', '-timeout_error'];
  common.push('-timeout', `${options.timeoutSeconds ?? 10}s`);
  const callee = runLeg(['-sf', calleeXml, '-p', String(calleePort), ...common]);
  const callerLeg = runLeg([
    ...['-sf', callerXml, '-p', String(await freeUdpPort()), ...common, '-cid_str', callId],
    ...['-key', 'user', 'caller', '-key', 'domain', '127.0.0.1', '-s', 'callee'],
    ...['-key', 'target', `sip:127.0.0.1:${calleePort}`, '-key', 'account', options.account],
    `127.0.0.1:${options.proxyPort}`,
  ]);
  const ended = Promise.all([callerLeg.result, callee.result]).then(([a, b]) => ({ caller: a, callee: b }));
  const stop = async (): Promise<void> => {
    await Promise.all([stopGroup(callerLeg, 2000), stopGroup(callee, 2000)]);
  };
  return { callId, ended, stop };
}

async function writeScenario(dir: string, name: string, xml: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, xml);
  return path;
}

function runLeg(args: string[]): GroupProcess & { result: Promise<SippLegResult> } {
  const group = spawnGroup(SIPP_BIN, args);
  const { child } = group;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const result = new Promise<SippLegResult>((resolve) => {
    child.once('close', (exitCode) => resolve({ exitCode, output }));
  });
  return { ...group, result };
}

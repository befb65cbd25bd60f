import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureInstalled, freeUdpPort, spawnGroup, stopGroup, type GroupProcess } from './kamailio-process';

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
  const callerXml = await writeScenario(dir, `caller-${tag}.xml`, callerScenario(expectReason));
  const calleeXml = await writeScenario(dir, `callee-${tag}.xml`, calleeScenario(expectReason));

  const calleePort = await freeUdpPort();
  const common = ['-i', '127.0.0.1', '-m', '1', '-nostdin', '-timeout_error'];
  common.push('-timeout', `${options.timeoutSeconds ?? 10}s`);
  const callee = runLeg(['-sf', calleeXml, '-p', String(calleePort), ...common]);
  const caller = runLeg([
    ...['-sf', callerXml, '-p', String(await freeUdpPort()), ...common, '-cid_str', callId],
    ...['-key', 'target', `sip:127.0.0.1:${calleePort}`, '-key', 'account', options.account],
    `127.0.0.1:${options.proxyPort}`,
  ]);
  const ended = Promise.all([caller.result, callee.result]).then(([a, b]) => ({ caller: a, callee: b }));
  const stop = async (): Promise<void> => {
    await Promise.all([stopGroup(caller, 2000), stopGroup(callee, 2000)]);
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

// SIPp fails the call (exit code 1) when a check_it regexp does not match the BYE.
function reasonCheck(expectReason: RegExp | undefined): string {
  if (!expectReason) return '';
  const regexp = xmlEscape(expectReason.source);
  return `<action><ereg regexp="${regexp}" search_in="hdr" header="Reason:" check_it="true" assign_to="reason"/></action>`;
}

// The 200 OK to Kamailio's BYE waits 300 ms: Kamailio 5.6 sends the two BYEs one after the other and
// skips the callee's if the caller's 200 OK already deleted the dialog (a race that loopback wins).
function byeAnswer(expectReason: RegExp | undefined): string {
  return `<recv request="BYE">${reasonCheck(expectReason)}</recv>
  ${expectReason ? '<Reference variables="reason"/>' : ''}
  <pause milliseconds="300"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>`;
}

const SDP = `v=0
o=- 1 1 IN IP4 [local_ip]
s=-
c=IN IP4 [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000
`;

function callerScenario(expectReason: RegExp | undefined): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="tollgate caller">
  <send retrans="500"><![CDATA[
INVITE sip:callee@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]caller[call_number]
To: <sip:callee@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:caller@[local_ip]:[local_port]>
Max-Forwards: 70
X-Target: [target]
X-Account: [account]
Content-Type: application/sdp
Content-Length: [len]

${SDP}]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rrs="true"/>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:caller@[local_ip]:[local_port]>;tag=[pid]caller[call_number]
[last_To:]
[routes]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  ${byeAnswer(expectReason)}
</scenario>
`;
}

function calleeScenario(expectReason: RegExp | undefined): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="tollgate callee">
  <recv request="INVITE"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]callee[call_number]
[last_Call-ID:]
[last_CSeq:]
[last_Record-Route:]
Contact: <sip:callee@[local_ip]:[local_port]>
Content-Type: application/sdp
Content-Length: [len]

${SDP}]]></send>
  <recv request="ACK"/>
  ${byeAnswer(expectReason)}
</scenario>
`;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

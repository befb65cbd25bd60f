// SIPp scenarios for calls through Kamailio (the platform's cfg, or the call-control tests' cfg). The
// caller's From user and domain come from the `-key user` / `-key domain` values, its digest credentials
// from `-au` / `-ap`, the dialled number from `-s`; `-key` values fill the `[name]` of extra headers.

/** What the caller expects once the platform has decided. */
export type CallerOutcome =
  /**
   * Answered; the caller hangs up after `holdMs`. With `reinviteAfterMs` it first sends a re-INVITE (a
   * session refresh or hold, as phones do) that far into the call.
   */
  | { readonly answered: 'caller-hangs-up'; readonly holdMs: number; readonly reinviteAfterMs?: number }
  /**
   * Answered; the platform ends the call (max duration, credit, an operator): the caller waits for its
   * BYE, and fails unless the BYE's Reason header matches `expectReason` when given.
   */
  | { readonly answered: 'platform-hangs-up'; readonly expectReason?: RegExp }
  /** Refused with this final reply. */
  | { readonly refused: number }
  /** Ringing; the caller cancels `afterMs` after the 180. */
  | { readonly cancelledAfterMs: number };

export interface CallerScript {
  /** Answer a 407 challenge with the `-au`/`-ap` credentials; without, the first reply is the outcome. */
  readonly authenticates: boolean;
  readonly outcome: CallerOutcome;
  /**
   * Start measuring at the INVITE that carries the call (the authenticated one when challenged) and stop
   * at its 200 OK: SIPp's response time 1, reported with `-trace_rtt`.
   */
  readonly measureAnswerTime?: boolean;
  /** Extra header lines of the first INVITE, e.g. `X-Account: [account]` (filled by `-key account …`). */
  readonly headers?: readonly string[];
}

/** What a carrier, or a line's phone, does with an INVITE: answer, refuse, or ring until cancelled. */
export type CalleeScript =
  /**
   * `acceptsReinvite`: answers one re-INVITE of the caller during the call. `expectReason`: fails unless
   * the platform's BYE carries a matching Reason header.
   */
  | { readonly answers: true; readonly acceptsReinvite?: boolean; readonly expectReason?: RegExp }
  | { readonly rejects: number }
  | { readonly ringsUntilCancelled: true };

const SDP = `v=0
o=- 1 1 IN IP4 [local_ip]
s=-
c=IN IP4 [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000
`;

const FROM = 'From: <sip:[user]@[domain]>;tag=[pid]caller[call_number]';

function invite(cseq: number, authorization: boolean, startRtd: boolean, headers: readonly string[]): string {
  return `  <send retrans="500"${startRtd ? ' start_rtd="1"' : ''}><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
${FROM}
To: <sip:[service]@[domain]>
Call-ID: [call_id]
CSeq: ${cseq} INVITE
Contact: <sip:[user]@[local_ip]:[local_port]>
${authorization ? '[authentication]\n' : ''}${headers.map((header) => `${header}\n`).join('')}Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

${SDP}]]></send>
`;
}

// A non-2xx reply is acknowledged in its own transaction: same branch (from the reply's Via), same CSeq.
function ackRefusal(cseq: number): string {
  return `  <send><![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
${FROM}
[last_To:]
Call-ID: [call_id]
CSeq: ${cseq} ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
`;
}

// A CANCEL has the INVITE's branch (the 180's Via is the INVITE's) and CSeq number.
function cancel(cseq: number): string {
  return `  <send><![CDATA[
CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
[last_Via:]
${FROM}
To: <sip:[service]@[domain]>
Call-ID: [call_id]
CSeq: ${cseq} CANCEL
Max-Forwards: 70
Content-Length: 0

]]></send>
`;
}

// A re-INVITE in the dialog: the same SDP again (a session refresh), answered 200 and acknowledged.
function reinvite(cseq: number): string {
  return `  <send retrans="500"><![CDATA[
INVITE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
${FROM}
[last_To:]
[routes]
Call-ID: [call_id]
CSeq: ${cseq} INVITE
Contact: <sip:[user]@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

${SDP}]]></send>
  <recv response="100" optional="true"/>
  <recv response="200"/>
`;
}

function inDialog(method: 'ACK' | 'BYE', cseq: number): string {
  return `  <send${method === 'BYE' ? ' retrans="500"' : ''}><![CDATA[
${method} [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
${FROM}
[last_To:]
[routes]
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Max-Forwards: 70
Content-Length: 0

]]></send>
`;
}

// The 200 OK to the platform's BYE waits 300 ms: Kamailio 5.6 sends its two BYEs one after the other and
// skips the second if the first one's 200 OK already deleted the dialog (a race that loopback wins).
// SIPp fails the call (exit code 1) when a check_it regexp does not match the BYE's Reason.
function answerPlatformBye(expectReason: RegExp | undefined): string {
  const check = expectReason
    ? `<action><ereg regexp="${xmlEscape(expectReason.source)}" search_in="hdr" header="Reason:" check_it="true" assign_to="reason"/></action>`
    : '';
  return `  <recv request="BYE">${check}</recv>
${expectReason ? '  <Reference variables="reason"/>\n' : ''}  <pause milliseconds="300"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
`;
}

const ANSWER_REINVITE = `  <recv request="INVITE"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
[last_Record-Route:]
Contact: <sip:callee@[local_ip]:[local_port]>
Content-Type: application/sdp
Content-Length: [len]

${SDP}]]></send>
  <recv request="ACK"/>
`;

export function callerScenario(script: CallerScript): string {
  let cseq = 1;
  const headers = script.headers ?? [];
  let steps = invite(cseq, false, script.measureAnswerTime === true && !script.authenticates, headers);
  steps += '  <recv response="100" optional="true"/>\n';
  if (script.authenticates) {
    steps += '  <recv response="407" auth="true"/>\n' + ackRefusal(cseq);
    cseq += 1;
    steps += invite(cseq, true, script.measureAnswerTime === true, headers);
    steps += '  <recv response="100" optional="true"/>\n';
  }
  const { outcome } = script;
  if ('refused' in outcome) {
    steps += `  <recv response="${outcome.refused}"/>\n` + ackRefusal(cseq);
  } else if ('cancelledAfterMs' in outcome) {
    steps += `  <recv response="180"/>\n  <pause milliseconds="${outcome.cancelledAfterMs}"/>\n`;
    steps += cancel(cseq) + '  <recv response="200"/>\n  <recv response="487"/>\n' + ackRefusal(cseq);
  } else {
    steps += '  <recv response="180" optional="true"/>\n  <recv response="183" optional="true"/>\n';
    steps += `  <recv response="200" rrs="true"${script.measureAnswerTime ? ' rtd="1"' : ''}/>\n`;
    steps += inDialog('ACK', cseq);
    if (outcome.answered === 'caller-hangs-up') {
      let held = 0;
      if (outcome.reinviteAfterMs !== undefined) {
        steps += `  <pause milliseconds="${outcome.reinviteAfterMs}"/>\n`;
        cseq += 1;
        steps += reinvite(cseq) + inDialog('ACK', cseq);
        held = outcome.reinviteAfterMs;
      }
      steps +=
        `  <pause milliseconds="${Math.max(0, outcome.holdMs - held)}"/>\n` + inDialog('BYE', cseq + 1);
      steps += '  <recv response="200"/>\n';
    } else {
      steps += answerPlatformBye(outcome.expectReason);
    }
  }
  return scenario('tollgate caller', steps);
}

export function calleeScenario(script: CalleeScript): string {
  if ('ringsUntilCancelled' in script) {
    return scenario(
      'tollgate callee ringing',
      `  <recv request="INVITE">
    <action><ereg regexp="[0-9]+ INVITE" search_in="hdr" header="CSeq:" assign_to="invite_cseq"/></action>
  </recv>
  <send><![CDATA[
SIP/2.0 180 Ringing
[last_Via:]
[last_From:]
[last_To:];tag=[pid]callee[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:callee@[local_ip]:[local_port]>
Content-Length: 0

]]></send>
  <recv request="CANCEL"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]callee[call_number]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
  <send><![CDATA[
SIP/2.0 487 Request Terminated
[last_Via:]
[last_From:]
[last_To:];tag=[pid]callee[call_number]
[last_Call-ID:]
CSeq: [$invite_cseq]
Content-Length: 0

]]></send>
  <recv request="ACK"/>
`,
    );
  }
  if ('rejects' in script) {
    return scenario(
      'tollgate callee rejecting',
      `  <recv request="INVITE"/>
  <send><![CDATA[
SIP/2.0 ${script.rejects} Rejected
[last_Via:]
[last_From:]
[last_To:];tag=[pid]callee[call_number]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
  <recv request="ACK"/>
`,
    );
  }
  return scenario(
    'tollgate callee answering',
    `  <recv request="INVITE"/>
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
${script.acceptsReinvite ? ANSWER_REINVITE : ''}${answerPlatformBye(script.expectReason)}`,
  );
}

/** A line's phone registering `[user]@[domain]` at `[contact]` (host:port), answering the 401 challenge. */
export function registerScenario(): string {
  const register = (cseq: number, authorization: boolean) => `  <send retrans="500"><![CDATA[
REGISTER sip:[domain] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:[user]@[domain]>;tag=[pid]register[call_number]
To: <sip:[user]@[domain]>
Call-ID: [call_id]
CSeq: ${cseq} REGISTER
Contact: <sip:[user]@[contact]>
${authorization ? '[authentication]\n' : ''}Expires: 300
Max-Forwards: 70
Content-Length: 0

]]></send>
`;
  return scenario(
    'tollgate register',
    `${register(1, false)}  <recv response="401" auth="true"/>
${register(2, true)}  <recv response="200"/>
`,
  );
}

function scenario(name: string, steps: string): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="${name}">
${steps}</scenario>
`;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CDR_BATCH_JOB_NAME, CDR_QUEUE, cdrBatchJobId, cdrsOfJobData, type CdrJob } from '@tollgate/cdr';
import type { Job } from 'bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTestKit } from '../testing/api-test-kit';
import { finishedImport, uploadCdrFile } from './cdr-import-test-fixtures';

const ACC_HEADER =
  'method,from_tag,to_tag,callid,sip_code,sip_reason,time,src_user,src_domain,src_ip,dst_ouser,dst_user,dst_domain,setuptime,duration';

describe('CDR file import', () => {
  let kit: ApiTestKit;
  let uploads: string;
  let queue: Queue;
  let redis: Redis;
  const prefix = `cdr-imports-${Math.random().toString(16).slice(2)}`;
  const tokens = { owner: '', a: '', b: '' };
  const a = { account: '', line: '', trunk: '', domain: '' };
  const b = { account: '', domain: '' };

  const created = async (token: string, url: string, body: object) => {
    const response = await kit.request('POST', url, { token, body });
    if (response.status !== 201)
      throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { id: string }).id;
  };

  beforeAll(async () => {
    uploads = await mkdtemp(join(tmpdir(), 'cdr-imports-'));
    kit = await ApiTestKit.start({ CDR_IMPORT_UPLOAD_DIR: uploads, QUEUE_PREFIX: prefix });
    const owner = await kit.createTenant('Import Owner');
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login((await kit.createTenant('Import Reseller A', owner.tenant)).user.email);
    tokens.b = await kit.login((await kit.createTenant('Import Reseller B', owner.tenant)).user.email);
    a.domain = 'a.import.test';
    const domainA = await created(tokens.a, '/domains', { name: a.domain });
    a.account = await created(tokens.a, '/accounts', { code: 'CUST-1', name: 'A customer' });
    a.line = await created(tokens.a, '/lines', {
      accountId: a.account,
      domainId: domainA,
      username: 'alice',
    });
    a.trunk = await created(tokens.a, '/services', {
      accountId: a.account,
      kind: 'sip_trunk',
      name: 'PBX',
      allowedSourceIps: ['198.51.100.0/28'],
    });
    b.domain = 'b.import.test';
    const domainB = await created(tokens.b, '/domains', { name: b.domain });
    b.account = await created(tokens.b, '/accounts', { code: 'CUST-1', name: 'B customer' });
    await created(tokens.b, '/lines', { accountId: b.account, domainId: domainB, username: 'bob' });
    await created(tokens.b, '/services', {
      accountId: b.account,
      kind: 'sip_trunk',
      name: 'B PBX',
      allowedSourceIps: ['192.0.2.0/28'],
    });
    redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    queue = new Queue(CDR_QUEUE, { connection: redis, prefix });
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await redis?.quit();
    await kit?.close();
  });

  /** The queue job that holds a call's CDR (a job of several CDRs, or of this one alone), and the CDR. */
  const jobOf = async (callId: string): Promise<{ job: Job; cdr: CdrJob } | undefined> => {
    for (const job of await queue.getJobs([
      'waiting',
      'paused',
      'active',
      'delayed',
      'completed',
      'failed',
    ])) {
      const cdr = (cdrsOfJobData(job.data) as CdrJob[]).find((one) => one.callId === callId);
      if (cdr) return { job, cdr };
    }
    return undefined;
  };
  const queued = async (callId: string) => (await jobOf(callId))?.cdr;

  it('imports a Kamailio acc file: each INVITE is a call of the line or trunk it came from, BYEs skipped', async () => {
    const file = [
      ACC_HEADER,
      `INVITE,ft1,tt1,acc-1@pbx,200,OK,2026-11-23 12:00:00,alice,${a.domain},203.0.113.9,00447700900123,+447700900123,${a.domain},3,61`,
      `BYE,ft1,tt1,acc-1@pbx,200,OK,2026-11-23 12:01:04,alice,${a.domain},203.0.113.9,,447700900123,${a.domain},0,0`,
      'INVITE,ft2,,acc-2@pbx,486,Busy Here,1795435200,4930123456,198.51.100.5,198.51.100.5,,442079460000,gw,0,0',
    ].join('\n');
    const started = await uploadCdrFile(kit, tokens.a, file, { format: 'kamailio-acc' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', rowsRead: 0 });
    expect(await finishedImport(kit, tokens.a, started.body.id)).toMatchObject({
      status: 'completed',
      rowsRead: 3,
      rowsSkipped: 1,
      rowsValidated: 2,
      rowsEnqueued: 2,
      rowsRejected: 0,
      percent: 100,
    });
    expect(await queued('acc-1@pbx')).toMatchObject({
      source: 'file-import',
      accountId: a.account,
      lineId: a.line,
      trunkServiceId: null,
      destination: '447700900123',
      startedAt: '2026-11-23T12:00:00.000Z',
      answeredAt: '2026-11-23T12:00:03.000Z',
      endedAt: '2026-11-23T12:01:04.000Z',
      durationSeconds: 61,
      disposition: 'answered',
      sipCode: 200,
      rate: null,
      liveCharged: null,
    });
    expect(await queued('acc-2@pbx')).toMatchObject({
      accountId: a.account,
      lineId: null,
      trunkServiceId: a.trunk,
      disposition: 'busy',
      durationSeconds: 0,
    });
    // Both calls in one job, rated and written by cdr-worker in one transaction; a replay of the same
    // chunk has the same job id, so BullMQ keeps the first.
    const { job } = (await jobOf('acc-1@pbx'))!;
    expect(job.name).toBe(CDR_BATCH_JOB_NAME);
    expect((job.data as { cdrs: CdrJob[] }).cdrs.map((cdr) => cdr.callId)).toEqual([
      'acc-1@pbx',
      'acc-2@pbx',
    ]);
    expect(job.id).toBe(cdrBatchJobId((job.data as { cdrs: CdrJob[] }).cdrs));
    expect(await readdir(uploads)).toEqual([]);
  });

  it("rejects a whole file with every bad row and its line, another tenant's line included, and queues nothing", async () => {
    const mapping = {
      callId: 'ID',
      destination: 'To',
      startedAt: 'Start',
      durationSeconds: 'Secs',
      line: 'User',
    };
    const file = [
      'ID,To,Start,Secs,User',
      `gen-ok@sw,447700900123,2026-11-23T12:00:00Z,30,alice@${a.domain}`,
      `gen-b@sw,447700900123,2026-11-23T12:00:00Z,30,bob@${b.domain}`,
      'gen-bad@sw,call me,noon,-1,alice',
      `gen-ok@sw,447700900123,2026-11-23T12:00:00Z,30,alice@${a.domain}`,
    ].join('\n');
    const started = await uploadCdrFile(kit, tokens.a, file, {
      format: 'generic',
      mapping: JSON.stringify(mapping),
    });
    expect(started.status).toBe(202);
    expect(await finishedImport(kit, tokens.a, started.body.id)).toMatchObject({
      status: 'rejected',
      rowsRead: 4,
      rowsRejected: 3,
      rowsEnqueued: 0,
    });
    const problems = await kit.request('GET', `/cdr-imports/${started.body.id}/problems`, {
      token: tokens.a,
    });
    expect(problems.status).toBe(200);
    expect(problems.body.data.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [3, 'line'],
      [4, 'destination'],
      [4, 'startedAt'],
      [4, 'durationSeconds'],
      [4, 'line'],
      [5, 'callId'],
    ]);
    expect(problems.body.data[0]).toMatchObject({ reason: 'no such line', value: `bob@${b.domain}` });
    expect(await queued('gen-ok@sw')).toBeUndefined();
    expect(await queued('gen-b@sw')).toBeUndefined();
  });

  it('identifies accounts by account code within the importer’s tree only', async () => {
    const file = [
      'call_id,destination,start_time,end_time,account_code',
      'code-1@sw,447700900123,2026-11-23T12:00:00Z,2026-11-23T12:02:00Z,CUST-1',
    ].join('\n');
    const fromA = await uploadCdrFile(kit, tokens.a, file, { format: 'generic' });
    expect(await finishedImport(kit, tokens.a, fromA.body.id)).toMatchObject({
      status: 'completed',
      rowsEnqueued: 1,
    });
    expect(await queued('code-1@sw')).toMatchObject({ accountId: a.account, durationSeconds: 120 });
    // The owner sees both resellers' CUST-1: the code does not say which.
    const fromOwner = await uploadCdrFile(kit, tokens.owner, file.replace('code-1', 'code-2'), {
      format: 'generic',
    });
    expect(await finishedImport(kit, tokens.owner, fromOwner.body.id)).toMatchObject({ status: 'rejected' });
    const problems = await kit.request('GET', `/cdr-imports/${fromOwner.body.id}/problems`, {
      token: tokens.owner,
    });
    expect(problems.body.data[0]).toMatchObject({ line: 2, field: 'accountCode' });
    expect(problems.body.data[0].reason).toMatch(/names 2 accounts/);
  });

  it("keeps imports to their tenant tree: B cannot see A's import, the owner can", async () => {
    const list = await kit.request('GET', '/cdr-imports', { token: tokens.a });
    expect(list.status).toBe(200);
    const id = list.body.data[0].id as string;
    expect((await kit.request('GET', `/cdr-imports/${id}`, { token: tokens.b })).status).toBe(404);
    expect((await kit.request('GET', `/cdr-imports/${id}/problems`, { token: tokens.b })).status).toBe(404);
    expect((await kit.request('GET', '/cdr-imports', { token: tokens.b })).body.data).toEqual([]);
    expect((await kit.request('GET', `/cdr-imports/${id}`, { token: tokens.owner })).status).toBe(200);
  });

  it("treats a row from another tenant's SIP trunk as a bad row, not as that tenant's call", async () => {
    const file = [
      ACC_HEADER,
      `INVITE,f,t,acc-b@pbx,200,OK,2026-11-23 12:00:00,4930123456,192.0.2.5,192.0.2.5,,447700900123,gw,0,30`,
    ].join('\n');
    const fromA = await uploadCdrFile(kit, tokens.a, file, { format: 'kamailio-acc' });
    expect(await finishedImport(kit, tokens.a, fromA.body.id)).toMatchObject({ status: 'rejected' });
    const problems = await kit.request('GET', `/cdr-imports/${fromA.body.id}/problems`, { token: tokens.a });
    expect(problems.body.data).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'src_ip',
        reason: 'no such line, and no SIP trunk has this source IP',
        value: '192.0.2.5',
      }),
    ]);
    expect(await queued('acc-b@pbx')).toBeUndefined();
    // The same file from B (or from the owner above both) is B's call.
    const fromB = await uploadCdrFile(kit, tokens.b, file, { format: 'kamailio-acc' });
    expect(await finishedImport(kit, tokens.b, fromB.body.id)).toMatchObject({ status: 'completed' });
    expect(await queued('acc-b@pbx')).toMatchObject({ accountId: b.account, durationSeconds: 30 });
  });

  it('answers 400 naming the field for a bad request, and keeps no file', async () => {
    const noFormat = await uploadCdrFile(kit, tokens.a, ACC_HEADER, {});
    expect(noFormat.status).toBe(400);
    expect(noFormat.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
    const accWithMapping = await uploadCdrFile(kit, tokens.a, ACC_HEADER, {
      format: 'kamailio-acc',
      mapping: '{"callId":"x"}',
    });
    expect(accWithMapping.status).toBe(400);
    expect(accWithMapping.body.errors).toEqual([expect.objectContaining({ field: 'mapping' })]);
    const unknownField = await uploadCdrFile(kit, tokens.a, ACC_HEADER, {
      format: 'generic',
      mapping: '{"price":"x"}',
    });
    expect(unknownField.status).toBe(400);
    const empty = await uploadCdrFile(kit, tokens.a, '', { format: 'generic' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    const header = await uploadCdrFile(kit, tokens.a, 'a,b\n1,2', { format: 'kamailio-acc' });
    expect(await finishedImport(kit, tokens.a, header.body.id)).toMatchObject({ status: 'rejected' });
    expect(existsSync(join(uploads, `${header.body.id}.csv`))).toBe(false);
  });
});

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Did, DidEvent, UserRole } from '@tollgate/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, ApiTestKit } from '../testing/api-test-kit';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestBody {
  id: string;
  status: string;
  numbers: string[];
  scheduledAt: string | null;
  submittedAt: string | null;
  closedAt: string | null;
  rejectionReason: string | null;
  [field: string]: unknown;
}

const MAX_BYTES = 4096;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(100, 1),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 2)]);

describe('number porting', () => {
  let kit: ApiTestKit;
  let documentsDir: string;
  const tokens = { owner: '', a: '', b: '', endUser: '' };
  const accounts = { owner: '', other: '', a: '', b: '' };
  let sequence = 0;

  beforeAll(async () => {
    documentsDir = await mkdtemp(join(tmpdir(), 'tollgate-porting-'));
    kit = await ApiTestKit.start({
      PORTING_DOCUMENTS_DIR: documentsDir,
      PORTING_DOCUMENT_MAX_BYTES: String(MAX_BYTES),
    });
    const owner = await kit.createTenant('Porting Owner');
    const a = await kit.createTenant('Porting Reseller A', owner.tenant);
    const b = await kit.createTenant('Porting Reseller B', owner.tenant);
    tokens.owner = await kit.login(owner.user.email);
    tokens.a = await kit.login(a.user.email);
    tokens.b = await kit.login(b.user.email);
    accounts.owner = await account(tokens.owner, 'POR-1');
    accounts.other = await account(tokens.owner, 'POR-2');
    accounts.a = await account(tokens.a, 'POR-A');
    accounts.b = await account(tokens.b, 'POR-B');
    const endUser = await kit.createUser(
      owner.tenant,
      UserRole.Admin,
      `porting-end-user-${randomUUID().slice(0, 8)}@example.test`,
      accounts.owner,
    );
    tokens.endUser = await kit.login(endUser.email);
  });
  afterAll(async () => {
    await kit?.close();
    await rm(documentsDir, { recursive: true, force: true });
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function call<T = any>(method: Method, url: string, token: string, body?: unknown) {
    return kit.request<T>(method, url, { token, body });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function ok<T = any>(request: Promise<ApiResponse<T>>, status = 200): Promise<T> {
    const response = await request;
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    return response.body;
  }

  async function account(token: string, code: string): Promise<string> {
    return (await ok(call('POST', '/accounts', token, { code, name: code, currency: 'EUR' }), 201)).id;
  }

  /** Fresh numbers for each test: 49 30 9 and a running counter. */
  function numbers(count: number): string[] {
    return Array.from({ length: count }, () => `4930900${String(++sequence).padStart(5, '0')}`);
  }

  function draft(token: string, body: Record<string, unknown>): Promise<RequestBody> {
    return ok(
      call('POST', '/porting-requests', token, {
        direction: 'port_in',
        accountId: accounts.owner,
        numbers: numbers(1),
        country: 'DE',
        losingCarrier: 'Old Telco GmbH',
        gainingCarrier: 'Porting Owner',
        ...body,
      }),
      201,
    );
  }

  const move = (id: string, verb: string, body: object = {}, token = tokens.owner) =>
    call<RequestBody>('POST', `/porting-requests/${id}/${verb}`, token, body);
  const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

  async function accepted(body: Record<string, unknown> = {}): Promise<RequestBody> {
    const request = await draft(tokens.owner, body);
    await ok(move(request.id, 'submit'));
    return ok(move(request.id, 'accept', { scheduledAt: tomorrow() }));
  }

  function expectConflict(response: ApiResponse, status: string): void {
    expect(response.status, JSON.stringify(response.body)).toBe(409);
    expect(response.body).toMatchObject({ errors: [{ field: 'status' }] });
    expect((response.body as { message: string }).message).toContain(`is ${status}`);
  }

  describe('workflow', () => {
    it('moves a port-in draft → submitted → accepted → completed, and the numbers enter the inventory assigned to the account', async () => {
      const wanted = numbers(2);
      const request = await draft(tokens.owner, {
        numbers: wanted.map((n) => `+${n}`),
        requestedDate: '2027-01-15',
      });
      expect(request).toMatchObject({ status: 'draft', numbers: wanted, requestedDate: '2027-01-15' });

      await ok(
        call('PATCH', `/porting-requests/${request.id}`, tokens.owner, { notes: 'LOA signed by Ms. Weber' }),
      );
      const submitted = await ok(move(request.id, 'submit', { note: 'sent to Old Telco' }));
      expect(submitted.status).toBe('submitted');
      expect(submitted.submittedAt).not.toBeNull();
      expectConflict(
        await call('PATCH', `/porting-requests/${request.id}`, tokens.owner, { notes: 'x' }),
        'submitted',
      );

      expect((await move(request.id, 'accept', {})).status).toBe(400);
      const scheduledAt = tomorrow();
      const acceptedRequest = await ok(move(request.id, 'accept', { scheduledAt }));
      expect(acceptedRequest).toMatchObject({ status: 'accepted', scheduledAt });
      expectConflict(await move(request.id, 'submit'), 'accepted');
      const held = await ok(
        call('GET', `/dids?status=porting_in&accountId=${accounts.owner}&limit=200`, tokens.owner),
      );
      expect(
        (held.data as Array<{ number: string }>)
          .map((did) => did.number)
          .filter((n) => wanted.includes(n))
          .sort(),
      ).toEqual([...wanted].sort());

      const completed = await ok(
        move(request.id, 'complete', {
          route: { kind: 'uri', uri: 'sip:office@pbx.example.net' },
          note: 'ported',
        }),
      );
      expect(completed.status).toBe('completed');
      expect(completed.closedAt).not.toBeNull();

      const dids = await ok(
        call('GET', `/dids?numberPrefix=${wanted[0]!.slice(0, 9)}&limit=200`, tokens.owner),
      );
      const ported = (dids.data as Array<Record<string, unknown>>).filter((did) =>
        wanted.includes(did.number as string),
      );
      expect(ported).toHaveLength(2);
      for (const did of ported)
        expect(did).toMatchObject({
          status: 'assigned',
          accountId: accounts.owner,
          country: 'DE',
          currency: 'EUR',
          routeKind: 'uri',
          routeUri: 'sip:office@pbx.example.net',
        });
      const didEvents = await ok(call('GET', `/dids/${ported[0]!.id as string}/events`, tokens.owner));
      expect(didEvents.data).toEqual([
        expect.objectContaining({
          event: 'porting_in',
          fromStatus: null,
          toStatus: 'porting_in',
          accountId: accounts.owner,
          details: expect.objectContaining({ portingRequestId: request.id }),
        }),
        expect.objectContaining({
          event: 'ported_in',
          fromStatus: 'porting_in',
          toStatus: 'assigned',
          accountId: accounts.owner,
          details: expect.objectContaining({ portingRequestId: request.id }),
        }),
      ]);

      const history = await ok(call('GET', `/porting-requests/${request.id}/events`, tokens.owner));
      expect(
        (history.data as Array<Record<string, unknown>>).map((step) => [
          step.event,
          step.fromStatus,
          step.toStatus,
          step.note,
        ]),
      ).toEqual([
        ['created', null, 'draft', null],
        ['updated', 'draft', 'draft', null],
        ['submitted', 'draft', 'submitted', 'sent to Old Telco'],
        ['accepted', 'submitted', 'accepted', null],
        ['completed', 'accepted', 'completed', 'ported'],
      ]);
      expect(
        (history.data as Array<{ actorUserId: string | null }>).every((step) => step.actorUserId !== null),
      ).toBe(true);

      for (const verb of ['submit', 'complete', 'cancel'])
        expectConflict(await move(request.id, verb), 'completed');
      expectConflict(await move(request.id, 'reject', { reason: 'late' }), 'completed');
      expectConflict(await move(request.id, 'accept', { scheduledAt: tomorrow() }), 'completed');
    });

    it('rejects a submitted or accepted request with a reason, and nothing moves after', async () => {
      const submitted = await draft(tokens.owner, {});
      expectConflict(await move(submitted.id, 'reject', { reason: 'too early' }), 'draft');
      expectConflict(await move(submitted.id, 'accept', { scheduledAt: tomorrow() }), 'draft');
      expectConflict(await move(submitted.id, 'complete'), 'draft');
      await ok(move(submitted.id, 'submit'));
      expectConflict(await move(submitted.id, 'complete'), 'submitted');
      const rejected = await ok(move(submitted.id, 'reject', { reason: 'name does not match the bill' }));
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'name does not match the bill' });
      expectConflict(await move(submitted.id, 'accept', { scheduledAt: tomorrow() }), 'rejected');
      expectConflict(await move(submitted.id, 'cancel'), 'rejected');

      const lateRejection = await accepted();
      expect((await ok(move(lateRejection.id, 'reject', { reason: 'carrier refused' }))).status).toBe(
        'rejected',
      );
    });

    it('cancels a draft, a submitted or an accepted request; a cancelled one moves no more', async () => {
      const drafted = await draft(tokens.owner, {});
      expect((await ok(move(drafted.id, 'cancel', { note: 'customer changed mind' }))).status).toBe(
        'cancelled',
      );
      expectConflict(await move(drafted.id, 'submit'), 'cancelled');
      const submitted = await draft(tokens.owner, {});
      await ok(move(submitted.id, 'submit'));
      expect((await ok(move(submitted.id, 'cancel'))).status).toBe('cancelled');
      const acceptedRequest = await accepted();
      expect(await kit.dataSource.getRepository(Did).countBy({ number: acceptedRequest.numbers[0] })).toBe(1);
      expect((await ok(move(acceptedRequest.id, 'cancel'))).status).toBe('cancelled');
      expect(await kit.dataSource.getRepository(Did).countBy({ number: acceptedRequest.numbers[0] })).toBe(0);
      expectConflict(await move(acceptedRequest.id, 'complete'), 'cancelled');
    });

    it('refuses to submit a port-in for numbers already in the inventory or in another open port-in', async () => {
      const [taken] = numbers(1);
      await ok(call('POST', '/dids', tokens.b, { number: taken, country: 'DE', currency: 'EUR' }), 201);
      const request = await draft(tokens.owner, { numbers: [taken] });
      const response = await move(request.id, 'submit');
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ errors: [{ field: 'numbers' }] });
      expect((await ok(call('GET', `/porting-requests/${request.id}`, tokens.owner))).status).toBe('draft');

      const shared = numbers(1);
      const first = await draft(tokens.owner, { numbers: shared });
      await ok(move(first.id, 'submit'));
      const second = await draft(tokens.owner, { numbers: [...shared, ...numbers(1)] });
      const overlap = await move(second.id, 'submit');
      expect(overlap.status).toBe(409);
      expect((overlap.body as unknown as { message: string }).message).toContain(first.id);
      await ok(move(first.id, 'cancel'));
      await ok(move(second.id, 'submit'));
    });

    it('holds accepted port-in numbers in the inventory: refused when one is there already, released on rejection', async () => {
      const wanted = numbers(2);
      const request = await draft(tokens.owner, { numbers: wanted });
      await ok(move(request.id, 'submit'));
      const meanwhile = await ok(
        call('POST', '/dids', tokens.owner, { number: wanted[1], country: 'DE', currency: 'EUR' }),
        201,
      );
      const refused = await move(request.id, 'accept', { scheduledAt: tomorrow() });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ errors: [{ field: 'numbers' }] });
      expect(await kit.dataSource.getRepository(Did).countBy({ number: wanted[0] })).toBe(0);
      expect((await ok(call('GET', `/porting-requests/${request.id}`, tokens.owner))).status).toBe(
        'submitted',
      );

      await ok(call('DELETE', `/dids/${meanwhile.id}`, tokens.owner), 204);
      await ok(move(request.id, 'accept', { scheduledAt: tomorrow() }));
      expect(
        (await call('POST', '/dids', tokens.b, { number: wanted[0], country: 'DE', currency: 'EUR' })).status,
      ).toBe(409);
      const heldDid = await kit.dataSource.getRepository(Did).findOneByOrFail({ number: wanted[0] });
      expect(heldDid).toMatchObject({ status: 'porting_in', accountId: accounts.owner });
      const reserve = await call('POST', `/dids/${heldDid.id}/reserve`, tokens.owner, {
        accountId: accounts.other,
        until: tomorrow(),
      });
      expect(reserve.status).toBe(409);

      await ok(move(request.id, 'reject', { reason: 'losing carrier refused' }));
      expect((await call('GET', `/dids/${heldDid.id}`, tokens.owner)).status).toBe(404);
      const events = await kit.dataSource
        .getRepository(DidEvent)
        .find({ where: { didId: heldDid.id }, order: { createdAt: 'ASC' } });
      expect(events.map((event) => event.event)).toEqual(['porting_in', 'removed']);
      await ok(call('POST', '/dids', tokens.b, { number: wanted[0], country: 'DE', currency: 'EUR' }), 201);
    });

    it('checks fields: numbers, repeated numbers, carriers, country, a route only for port-ins', async () => {
      const bad = await call('POST', '/porting-requests', tokens.owner, {
        direction: 'port_in',
        accountId: accounts.owner,
        numbers: ['12', '4930111', '4930111'],
        country: 'XX',
        losingCarrier: '',
        gainingCarrier: 'Us',
      });
      expect(bad.status).toBe(400);
      expect((bad.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()).toEqual([
        'country',
        'losingCarrier',
        'numbers.0',
        'numbers.2',
      ]);
      const empty = await call('POST', '/porting-requests', tokens.owner, {
        direction: 'port_out',
        accountId: accounts.owner,
        numbers: [],
        country: 'DE',
        losingCarrier: 'Us',
        gainingCarrier: 'Them',
      });
      expect(empty.status).toBe(400);
    });

    it('takes port-out numbers out of the inventory on completion, keeping their history', async () => {
      const [number] = numbers(1);
      const did = await ok(
        call('POST', '/dids', tokens.owner, { number, country: 'DE', currency: 'EUR' }),
        201,
      );
      const unassigned = await draft(tokens.owner, { direction: 'port_out', numbers: [number] });
      const refused = await move(unassigned.id, 'submit');
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ errors: [{ field: 'numbers' }] });

      await ok(
        call('POST', `/dids/${did.id}/assign`, tokens.owner, {
          accountId: accounts.owner,
          route: { kind: 'uri', uri: 'sip:a@pbx.example.net' },
        }),
      );
      const wrongAccount = await draft(tokens.owner, {
        direction: 'port_out',
        accountId: accounts.other,
        numbers: [number],
      });
      expect((await move(wrongAccount.id, 'submit')).status).toBe(400);

      await ok(move(unassigned.id, 'submit'));
      await ok(move(unassigned.id, 'accept', { scheduledAt: tomorrow() }));
      expect(
        (await move(unassigned.id, 'complete', { route: { kind: 'uri', uri: 'sip:x@example.net' } })).status,
      ).toBe(400);
      await ok(move(unassigned.id, 'complete'));

      expect((await call('GET', `/dids/${did.id}`, tokens.owner)).status).toBe(404);
      const ended = await kit.dataSource
        .getRepository(Did)
        .findOne({ where: { id: did.id }, withDeleted: true });
      expect(ended).toMatchObject({ status: 'porting_out', accountId: accounts.owner, routeKind: null });
      expect(ended!.deletedAt).not.toBeNull();
      const events = await kit.dataSource
        .getRepository(DidEvent)
        .find({ where: { didId: did.id }, order: { createdAt: 'ASC' } });
      expect(events.map((event) => [event.event, event.fromStatus, event.toStatus])).toEqual([
        ['added', null, 'available'],
        ['assigned', 'available', 'assigned'],
        ['ported_out', 'assigned', 'porting_out'],
      ]);
      expect(events[2]!.details).toMatchObject({ portingRequestId: unassigned.id });
      // The number may be brought back later: it is no longer in the inventory.
      await ok(call('POST', '/dids', tokens.owner, { number, country: 'DE', currency: 'EUR' }), 201);
    });
  });

  describe('who may do what', () => {
    it("lets an end user create and see its own account's requests, submit and cancel them, not accept or complete", async () => {
      const own = await draft(tokens.endUser, {});
      expect(
        (
          await call('POST', '/porting-requests', tokens.endUser, {
            direction: 'port_in',
            accountId: accounts.other,
            numbers: numbers(1),
            country: 'DE',
            losingCarrier: 'X',
            gainingCarrier: 'Y',
          })
        ).status,
      ).toBe(404);
      const otherAccounts = await draft(tokens.owner, { accountId: accounts.other });
      expect((await call('GET', `/porting-requests/${otherAccounts.id}`, tokens.endUser)).status).toBe(404);
      const listed = await ok(call('GET', '/porting-requests?limit=200', tokens.endUser));
      const ids = (listed.data as RequestBody[]).map((request) => request.id);
      expect(ids).toContain(own.id);
      expect(ids).not.toContain(otherAccounts.id);

      await ok(move(own.id, 'submit', {}, tokens.endUser));
      expect((await move(own.id, 'accept', { scheduledAt: tomorrow() }, tokens.endUser)).status).toBe(403);
      expect((await move(own.id, 'reject', { reason: 'no' }, tokens.endUser)).status).toBe(403);
      await ok(move(own.id, 'accept', { scheduledAt: tomorrow() }));
      expect((await move(own.id, 'complete', {}, tokens.endUser)).status).toBe(403);
      expectConflict(await move(own.id, 'cancel', {}, tokens.endUser), 'accepted');
      await ok(call('POST', `/porting-requests/${own.id}/notes`, tokens.endUser, { note: 'please hurry' }));
    });

    it("keeps each reseller's requests to itself; the owner sees its resellers'", async () => {
      const ofB = await draft(tokens.b, { accountId: accounts.b });
      expect((await call('GET', `/porting-requests/${ofB.id}`, tokens.a)).status).toBe(404);
      expect((await move(ofB.id, 'submit', {}, tokens.a)).status).toBe(404);
      expect(
        (
          await call('POST', '/porting-requests', tokens.a, {
            direction: 'port_in',
            accountId: accounts.b,
            numbers: numbers(1),
            country: 'DE',
            losingCarrier: 'X',
            gainingCarrier: 'Y',
          })
        ).status,
      ).toBe(404);
      expect((await ok(call('GET', `/porting-requests/${ofB.id}`, tokens.owner))).id).toBe(ofB.id);
      await ok(move(ofB.id, 'submit', {}, tokens.b));
      await ok(move(ofB.id, 'accept', { scheduledAt: tomorrow() }, tokens.b));
      await ok(move(ofB.id, 'complete', {}, tokens.b));
      const dids = await ok(call('GET', `/dids?numberPrefix=${ofB.numbers[0]}`, tokens.b));
      expect(dids.data).toEqual([expect.objectContaining({ accountId: accounts.b, status: 'assigned' })]);
    });
  });

  describe('documents', () => {
    function upload(
      requestId: string,
      fileName: string,
      content: Buffer,
      contentType = 'application/octet-stream',
      token = tokens.owner,
    ) {
      const boundary = `----tollgate${randomUUID()}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return kit.app.inject({
        method: 'POST',
        url: `/porting-requests/${requestId}/documents`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
    }

    async function filesOnDisk(): Promise<string[]> {
      return (await readdir(documentsDir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
    }

    it('stores a PDF, PNG or JPEG, lists it with size, type and uploader, serves it back and deletes it', async () => {
      const request = await draft(tokens.owner, {});
      const pdf = await upload(request.id, 'LOA.pdf', PDF, 'application/pdf');
      expect(pdf.statusCode, pdf.body).toBe(201);
      expect(pdf.json()).toMatchObject({
        fileName: 'LOA.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
      });
      expect((await upload(request.id, 'bill.png', PNG, 'image/png')).statusCode).toBe(201);
      expect((await upload(request.id, 'id.JPG', JPEG, 'image/jpeg', tokens.endUser)).statusCode).toBe(201);

      const listed = await ok(call('GET', `/porting-requests/${request.id}/documents`, tokens.owner));
      expect(
        listed.data.map((d: Record<string, unknown>) => [d.fileName, d.contentType, d.sizeBytes]),
      ).toEqual([
        ['LOA.pdf', 'application/pdf', PDF.length],
        ['bill.png', 'image/png', PNG.length],
        ['id.JPG', 'image/jpeg', JPEG.length],
      ]);
      expect(listed.data[0].uploadedByUserId).not.toBeNull();
      expect(listed.data[2].uploadedByUserId).not.toBe(listed.data[0].uploadedByUserId);

      const documentId = pdf.json<{ id: string }>().id;
      const download = await kit.app.inject({
        method: 'GET',
        url: `/porting-requests/${request.id}/documents/${documentId}`,
        headers: { authorization: `Bearer ${tokens.endUser}` },
      });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toContain('LOA.pdf');
      expect(download.rawPayload.equals(PDF)).toBe(true);

      expect(await filesOnDisk()).toContain(documentId);
      await ok(call('DELETE', `/porting-requests/${request.id}/documents/${documentId}`, tokens.owner), 204);
      expect(await filesOnDisk()).not.toContain(documentId);
      expect(
        (await call('GET', `/porting-requests/${request.id}/documents/${documentId}`, tokens.owner)).status,
      ).toBe(404);
      const history = await ok(call('GET', `/porting-requests/${request.id}/events`, tokens.owner));
      expect((history.data as Array<{ event: string }>).map((step) => step.event)).toEqual([
        'created',
        'document_added',
        'document_added',
        'document_added',
        'document_deleted',
      ]);
    });

    it('refuses a file too big (413), of another type, or whose name or declared type disguise its content (400), keeping nothing', async () => {
      const request = await draft(tokens.owner, {});
      const before = await filesOnDisk();
      const tooBig = await upload(
        request.id,
        'big.pdf',
        Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]),
        'application/pdf',
      );
      expect(tooBig.statusCode, tooBig.body).toBe(413);
      expect(tooBig.json()).toMatchObject({ errors: [{ field: 'file' }] });

      const refusals: Array<[string, Buffer, string]> = [
        ['notes.txt', Buffer.from('just text'), 'text/plain'],
        ['letter.pdf', PNG, 'application/pdf'], // a PNG called .pdf
        ['scan.jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'image/jpeg'], // an executable
        ['LOA.pdf', PDF, 'image/png'], // declared as another type
        ['LOA', PDF, 'application/pdf'], // no extension
      ];
      for (const [name, content, type] of refusals) {
        const response = await upload(request.id, name, content, type);
        expect(response.statusCode, `${name}: ${response.body}`).toBe(400);
        expect(response.json()).toMatchObject({ errors: [{ field: 'file' }] });
      }
      const empty = await upload(request.id, 'empty.pdf', Buffer.alloc(0), 'application/pdf');
      expect(empty.statusCode).toBe(400);
      const notMultipart = await call('POST', `/porting-requests/${request.id}/documents`, tokens.owner, {
        file: 'x',
      });
      expect(notMultipart.status).toBe(400);

      expect(await filesOnDisk()).toEqual(before);
      expect((await ok(call('GET', `/porting-requests/${request.id}/documents`, tokens.owner))).data).toEqual(
        [],
      );
    });

    it('answers a malformed or over-full multipart body with 400 or 413, never a failure', async () => {
      const request = await draft(tokens.owner, {});
      const send = (boundary: string, parts: string[], end = true) =>
        kit.app.inject({
          method: 'POST',
          url: `/porting-requests/${request.id}/documents`,
          headers: {
            authorization: `Bearer ${tokens.owner}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
          },
          payload: Buffer.concat([
            ...parts.map((part) => Buffer.from(`--${boundary}\r\n${part}\r\n`, 'latin1')),
            Buffer.from(end ? `--${boundary}--\r\n` : ''),
          ]),
        });
      const filePart = (name: string) =>
        `Content-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n${PDF.toString('latin1')}`;
      const field = 'Content-Disposition: form-data; name="comment"\r\n\r\nsigned copy';

      const withField = await send('b1', [field, filePart('LOA.pdf')]);
      expect(withField.statusCode, withField.body).toBe(201);
      const twoFiles = await send('b2', [filePart('one.pdf'), filePart('two.pdf')]);
      // One document a request: the first file is taken, the rest of the body is not read.
      expect(twoFiles.statusCode, twoFiles.body).toBe(201);
      expect(twoFiles.json()).toMatchObject({ fileName: 'one.pdf' });
      const truncated = await send('b3', [filePart('cut.pdf')], false);
      expect(truncated.statusCode, truncated.body).toBe(400);
      expect(truncated.json()).toMatchObject({ errors: [{ field: 'file' }] });
      const wrongName = await send('b4', [
        `Content-Disposition: form-data; name="document"; filename="a.pdf"\r\n\r\n${PDF.toString('latin1')}`,
      ]);
      expect(wrongName.statusCode, wrongName.body).toBe(400);
      const noBoundary = await kit.app.inject({
        method: 'POST',
        url: `/porting-requests/${request.id}/documents`,
        headers: { authorization: `Bearer ${tokens.owner}`, 'content-type': 'multipart/form-data' },
        payload: 'garbage',
      });
      expect(noBoundary.statusCode, noBoundary.body).toBe(400);
      const stored = await ok(call('GET', `/porting-requests/${request.id}/documents`, tokens.owner));
      expect(stored.data.map((d: { fileName: string }) => d.fileName)).toEqual(['LOA.pdf', 'one.pdf']);
    });

    it('takes no document on a closed request, and hides documents across tenants', async () => {
      const request = await draft(tokens.owner, {});
      const stored = await upload(request.id, 'LOA.pdf', PDF);
      expect(stored.statusCode).toBe(201);
      await ok(move(request.id, 'cancel'));
      expect((await upload(request.id, 'late.pdf', PDF)).statusCode).toBe(409);
      const documentId = stored.json<{ id: string }>().id;
      expect(
        (await call('DELETE', `/porting-requests/${request.id}/documents/${documentId}`, tokens.owner))
          .status,
      ).toBe(409);
      expect(
        (await call('GET', `/porting-requests/${request.id}/documents/${documentId}`, tokens.a)).status,
      ).toBe(404);
      expect((await upload(request.id, 'x.pdf', PDF, 'application/pdf', tokens.a)).statusCode).toBe(404);
      expect(existsSync(documentsDir)).toBe(true);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import { createPort, startHarness, type Harness } from './helpers';

const GREGORIAN_2020 = 63_745_056_000;

describe.each(['4.3', '4.2'] as const)('Kazoo %s', (version) => {
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ kazooVersion: version });
});
afterAll(async () => h.stop());

const expectEnvelope = (json: Record<string, unknown>, token: string): void => {
  expect(json.auth_token).toBe(token);
  expect(json.status).toBe('success');
  expect(typeof json.request_id).toBe('string');
  expect(typeof json.revision).toBe('string');
};

describe('Kazoo contract: documented examples', () => {
  let id = '';
  it('PUT creates an unconfirmed request (example body), keeps unknown client fields, drops private (pvt_) ones', async () => {
    const r = await h.kz('PUT', '/port_requests', {
      data: { numbers: { '+12025559000': {} }, name: 'Porting 202.555.9000', pvt_client_id: 'cm-1', client_mutation_id: 'm-7' },
    });
    expect(r.status).toBe(201);
    expectEnvelope(r.json, h.sb.token);
    const d = r.json.data as Record<string, unknown>;
    id = d.id as string;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(d).toMatchObject({ name: 'Porting 202.555.9000', numbers: { '+12025559000': {} }, port_state: 'unconfirmed', client_mutation_id: 'm-7' });
    expect(d).not.toHaveProperty('pvt_client_id');
    // 4.3's knm_port_request:public_fields adds _read_only; the single document has no account_id.
    if (version === '4.3') {
      expect(d._read_only).toEqual({ account_id: h.root, account_name: h.sb.accounts.root.name, port_authority: h.root, port_authority_name: h.sb.accounts.root.name });
    } else expect(d).not.toHaveProperty('_read_only');
    expect(d).not.toHaveProperty('account_id');
    expect(r.json.revision).toMatch(/^1-[0-9a-f]{32}$/);
  });

  it('GET list groups per account with the documented item fields', async () => {
    const r = await h.kz('GET', '/port_requests');
    expect(r.status).toBe(200);
    expectEnvelope(r.json, h.sb.token);
    const group = (r.json.data as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(group.account_id).toBe(h.root);
    expect(group.account_name).toBe(h.sb.accounts.root.name);
    const item = (group.port_requests as Record<string, unknown>[]).find((p) => p.id === id) as Record<string, unknown>;
    expect(item).toMatchObject({ account_id: h.root, port_state: 'unconfirmed', sent: false, uploads: {} });
    expect(item.created as number).toBeGreaterThan(GREGORIAN_2020);
    expect(item.updated).toBe(item.created);
  });

  it('GET /port_requests/{state}: a listing in 4.2, read as a request id (404) in 4.3', async () => {
    const r = await h.kz('GET', '/port_requests/unconfirmed');
    if (version === '4.3') {
      expect(r.status).toBe(404);
      expect(r.json).toMatchObject({ error: '404', message: 'bad_identifier', data: { cause: 'unconfirmed' } });
      return;
    }
    expect(r.status).toBe(200);
    const groups = r.json.data as { port_requests: { port_state: string }[] }[];
    expect(groups[0]?.port_requests.every((p) => p.port_state === 'unconfirmed')).toBe(true);
    for (const s of ['submitted', 'pending', 'scheduled', 'completed', 'rejected', 'canceled']) {
      const x = await h.kz('GET', `/port_requests/${s}`);
      expect(x.status).toBe(200);
      expect(x.json.status).toBe('success');
    }
  });

  it('GET detail, POST edit (example body) bumps revision and updated', async () => {
    const before = await h.kz('GET', `/port_requests/${id}`);
    expect(before.status).toBe(200);
    expect(before.json.revision).toMatch(/^1-/);
    const r = await h.kz('POST', `/port_requests/${id}`, { data: { numbers: { '+12025559000': { state: 'NY' } }, name: 'Renamed', pvt_client_id: 'cm-1' } });
    expect(r.status).toBe(200);
    expect(r.json.revision).toMatch(/^2-[0-9a-f]{32}$/);
    expect(r.json.data).toMatchObject({ name: 'Renamed', numbers: { '+12025559000': { state: 'NY' } }, port_state: 'unconfirmed', sent: false });
  });

  it('by_number finds the request (also under descendants), flat with page_size', async () => {
    for (const path of ['/port_requests?by_number=%2B12025559000', '/descendants/port_requests?by_number=2025559000']) {
      const r = await h.kz('GET', path);
      expect(r.status).toBe(200);
      expect(r.json.page_size).toBe(1);
      expect((r.json.data as { id: string }[])[0]?.id).toBe(id);
    }
  });

  it('attachments: PUT appends .pdf, list shows uploads, GET streams the bytes, POST replaces, DELETE removes', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% tiny test file\n%%EOF\n');
    const put = await h.kz('PUT', `/port_requests/${id}/attachments?filename=file`, undefined, { headers: { 'content-type': 'application/pdf' }, raw: pdf });
    expect(put.status).toBe(200);
    expect(put.json.data).toEqual({});
    expect(put.json.revision).toMatch(/^3-/);
    const list = await h.kz('GET', `/port_requests/${id}/attachments`);
    expect(list.json.data).toEqual({ 'file.pdf': { content_type: 'application/pdf', length: pdf.length } });
    const res = await fetch(`${h.sb.kazooUrl}/v2/accounts/${h.root}/port_requests/${id}/attachments/file.pdf`, {
      headers: { 'x-auth-token': h.sb.token, accept: 'application/pdf' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    const bigger = Buffer.concat([pdf, Buffer.alloc(100, 32)]);
    const rep = await h.kz('POST', `/port_requests/${id}/attachments/file.pdf`, undefined, { headers: { 'content-type': 'application/pdf' }, raw: bigger });
    expect(rep.status).toBe(200);
    const detail = await h.kz('GET', `/port_requests/${id}`);
    expect((detail.json.data as { uploads: Record<string, { length: number }> }).uploads['file.pdf']?.length).toBe(bigger.length);
    const del = await h.kz('DELETE', `/port_requests/${id}/attachments/file.pdf`);
    expect(del.status).toBe(200);
    expect((await h.kz('GET', `/port_requests/${id}/attachments`)).json.data).toEqual({});
    expect((await h.kz('GET', `/port_requests/${id}/attachments/file.pdf`)).status).toBe(404);
  });

  it('attachments over 8,000,000 bytes answer 413; other media types 415', async () => {
    const big = Buffer.alloc(8_000_001, 65);
    const r = await h.kz('PUT', `/port_requests/${id}/attachments?filename=big.pdf`, undefined, { headers: { 'content-type': 'application/pdf' }, raw: big });
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ error: '413', status: 'error' });
    const t = await h.kz('PUT', `/port_requests/${id}/attachments?filename=x`, undefined, { headers: { 'content-type': 'image/png' }, raw: Buffer.from('x') });
    expect(t.status).toBe(415);
  });

  it('GET loa returns a real PDF built from the port data', async () => {
    await h.kz('POST', `/port_requests/${id}`, { data: { name: 'LOA test', numbers: { '+12025559000': {} }, signee_name: 'Maria Gonzalez', bill: { name: 'Maple Street Bakery', locality: 'Washington', region: 'DC', postal_code: '20001' } } });
    const res = await fetch(`${h.sb.kazooUrl}/v2/accounts/${h.root}/port_requests/${id}/loa`, { headers: { 'x-auth-token': h.sb.token, accept: 'application/x-pdf' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('LOA LOA test');
  });

  it('DELETE returns the deleted document; it is gone afterwards', async () => {
    const r = await h.kz('DELETE', `/port_requests/${id}`);
    expect(r.status).toBe(200);
    expect((r.json.data as { id: string }).id).toBe(id);
    const gone = await h.kz('GET', `/port_requests/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ error: '404', message: 'bad_identifier', status: 'error' });
  });

  it('validation: name and numbers are required, numbers must be phone numbers', async () => {
    const a = await h.kz('PUT', '/port_requests', { data: { numbers: { '+12025550111': {} } } });
    expect(a.status).toBe(400);
    expect(a.json).toMatchObject({ error: '400', message: 'invalid request', status: 'error' });
    expect(a.json.data).toHaveProperty('name');
    const b = await h.kz('PUT', '/port_requests', { data: { name: 'x', numbers: {} } });
    expect(b.status).toBe(400);
    const c = await h.kz('PUT', '/port_requests', { data: { name: 'x', numbers: { 'not-a-number': {} } } });
    expect(c.status).toBe(400);
    expect(JSON.stringify(c.json.data)).toContain('not-a-number');
  });

  it('timeline merges transitions and comments', async () => {
    const comment = { content: 'Customer called', author: 'Someone', timestamp: GREGORIAN_2020 + 5, is_private: true };
    const pid = await createPort(h, ['+12025550150'], { comments: [comment] });
    await h.kz('PATCH', `/port_requests/${pid}/submitted`, { data: { reason: 'ready' }, accept_charges: true });
    const r = await h.kz('GET', `/port_requests/${pid}/timeline`);
    expect(r.status).toBe(200);
    type Entry = { type?: string; reason?: string; content?: string; transition?: { new: string; previous?: string }; authorization?: { reason?: string; account: { id: string } } };
    const entries = r.json.data as Entry[];
    const transitions = entries.filter((e) => e.type === 'transition');
    expect(transitions.map((e) => e.transition?.new)).toEqual(['unconfirmed', 'submitted']);
    // knm_port_request:transition_metadata_jobj: the reason at the top level, again under authorization.
    const submitted = transitions.find((e) => e.transition?.new === 'submitted');
    expect(submitted).toMatchObject({ reason: 'ready', transition: { previous: 'unconfirmed' }, authorization: { reason: 'ready', account: { id: h.root } } });
    // Comments enter the timeline as stored (the oldest first).
    expect(entries[0]?.content).toBe('Customer called');
  });
});

describe('Kazoo auth and account scoping', () => {
  it('401 without or with a bad token', async () => {
    const res = await fetch(`${h.sb.kazooUrl}/v2/accounts/${h.root}/port_requests`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: '401', status: 'error' });
    expect((await h.kz('GET', '/port_requests', undefined, { token: 'nope' })).status).toBe(401);
  });

  it('a sub-account token cannot read the root account (403), unknown accounts are 404', async () => {
    expect((await h.kz('GET', '/port_requests', undefined, { token: h.sb.subToken })).status).toBe(403);
    const sub = h.sb.accounts.subs[0]?.id ?? '';
    expect((await h.kz('GET', '/port_requests', undefined, { token: h.sb.subToken, account: sub })).status).toBe(200);
    expect((await h.kz('GET', '/port_requests', undefined, { account: 'f'.repeat(32) })).status).toBe(404);
  });

  it('descendants lists the sub-accounts\' requests only; a request loads by id under any reachable account', async () => {
    const sub = h.sb.accounts.subs[1]?.id ?? '';
    const pid = await createPort(h, ['+13125550177'], {}, sub);
    const ownPid = await createPort(h, ['+13125550178']);
    const r = await h.kz('GET', '/descendants/port_requests');
    const groups = r.json.data as { account_id: string; port_requests: { id: string }[] }[];
    expect(groups.find((g) => g.account_id === sub)?.port_requests.map((p) => p.id)).toContain(pid);
    // listing_by_descendant_state emits the request's pvt_tree, which never holds its own account.
    expect(JSON.stringify(r.json.data)).not.toContain(ownPid);
    const own = await h.kz('GET', '/port_requests');
    expect(JSON.stringify(own.json.data)).not.toContain(pid);
    expect(JSON.stringify(own.json.data)).toContain(ownPid);
    // cb_port_requests:load_port_request loads from the shared database by id alone.
    expect((await h.kz('GET', `/port_requests/${pid}`)).status).toBe(200);
    expect((await h.kz('GET', `/port_requests/${pid}`, undefined, { token: h.sb.subToken, account: sub })).status).toBe(403);
  });
});
});

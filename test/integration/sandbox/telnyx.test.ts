import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carrierAllowsPortOut } from '../../../src/sandbox/util/phone';
import { startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());

type Obj = Record<string, unknown>;
const nextWeekdayFoc = (): string => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return `${d.toISOString().slice(0, 10)}T16:00:00.000Z`;
};
const LOA = () => ({
  foc_date_requested_by_user: nextWeekdayFoc(),
  person_or_company_name: 'Maple Street Bakery',
  auth_person_name: 'Maria Gonzalez',
  billing_phone_number: '+13125550120',
  street_address: '311 Main St',
  locality: 'Chicago',
  administrative_area: 'IL',
  postal_code: '60601',
  country_code: 'US',
  default_connection_id: 'conn-1',
});
const PDF = (text: string): Buffer => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

let next = 3_125_550_300;
/** A fresh number the sandbox accepts for porting. */
function portableNumber(): string {
  for (;;) {
    next += 1;
    const n = `+1${next}`;
    if (carrierAllowsPortOut(n)) return n;
  }
}

/** A form POST to the file store, fields first and the file last, as a browser sends it. */
async function postForm(url: string, fields: Record<string, string>, file: Buffer): Promise<Response> {
  const boundary = `----portdesk${Date.now()}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = Buffer.from(`${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="doc.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const body = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return fetch(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: new Uint8Array(body) });
}

/** The real flow: upload request, form POST to the file store, then the draft's supporting document. */
async function attach(draftId: string, type: 'loa' | 'invoice', file: Buffer): Promise<Obj> {
  const grant = (await h.tx('POST', '/files/upload_requests', { content_type: 'application/pdf' })).json as { url: string; form_fields: Record<string, string> };
  expect((await postForm(grant.url, grant.form_fields, file)).status).toBe(204);
  const doc = await h.tx('POST', `/draft_port_requests/${draftId}/supporting_documents`, { document_type: type, key: grant.form_fields.key, body: `${type}.pdf` });
  expect(doc.status).toBe(201);
  return doc.json as Obj;
}

async function draft(numbers: string[]): Promise<Obj> {
  const r = await h.tx('POST', '/draft_port_requests', { phone_numbers: numbers.map((phone_number) => ({ phone_number })) });
  expect(r.status).toBe(201);
  return r.json as Obj;
}

async function submittedOrder(numbers: string[]): Promise<{ draft: string; pr: string; subs: string[] }> {
  const d = await draft(numbers);
  for (const s of d.sub_requests as Obj[]) await h.tx('PUT', `/draft_port_requests/${d.id}/sub_requests/${s.id}`, LOA());
  await attach(d.id as string, 'loa', PDF('LOA'));
  await attach(d.id as string, 'invoice', PDF('bill'));
  const sub = await h.tx('POST', `/draft_port_requests/${d.id}/submit`);
  expect(sub.status).toBe(201);
  const pr = (sub.json as Obj).port_request_id as string;
  const subs = ((await h.tx('GET', `/port_requests/${pr}/sub_requests`)).json as Obj[]).map((s) => s.id as string);
  return { draft: d.id as string, pr, subs };
}

describe('Telnyx v1: auth', () => {
  it('takes x-api-user + x-api-token; refuses Bearer, a missing user and another user with 401 in the errors shape', async () => {
    expect((await h.tx('GET', '/port_requests')).status).toBe(200);
    const bearer = await h.tx('GET', '/port_requests', undefined, { authorization: `Bearer ${h.sb.token}` });
    expect(bearer.status).toBe(401);
    expect((bearer.json as { errors: Obj[] }).errors[0]).toMatchObject({ code: expect.any(String), title: expect.any(String), detail: expect.stringContaining('x-api-user') });
    expect((await h.tx('GET', '/port_requests', undefined, { 'x-api-token': h.sb.token })).status).toBe(401);
    expect((await h.tx('GET', '/port_requests', undefined, { 'x-api-user': h.sb.subTelnyxUser, 'x-api-token': h.sb.token })).status).toBe(401);
    expect((await h.tx('GET', '/port_requests', undefined, { 'x-api-user': h.sb.telnyxUser, 'x-api-token': 'nope' })).status).toBe(401);
    expect(h.sb.telnyxUser).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
  });

  it('account scoping: the sub-account user gets 404 for the root account objects', async () => {
    const { pr } = await submittedOrder([portableNumber()]);
    expect((await h.tx('GET', `/port_requests/${pr}`, undefined, 'sub')).status).toBe(404);
    expect((await h.tx('GET', `/port_requests/${pr}`)).status).toBe(200);
  });
});

describe('Telnyx v1: drafts', () => {
  it('portability check (spec example) reports per-number results and invalid numbers', async () => {
    const r = await h.tx('POST', '/portability_checks', { phone_numbers: [{ phone_number: '+13125354200' }, { phone_number: '12' }] });
    expect(r.status).toBe(201);
    const results = ((r.json as Obj[])[0] as { phone_numbers: Obj[] }).phone_numbers;
    expect(results[0]).toMatchObject({ raw_number: '+13125354200', e164_number: '+13125354200', coverage_category: 'nanp_generic' });
    expect(results[1]).toMatchObject({ portable: false, non_portable_reason: 'invalid_phone_number' });
  });

  it('create ignores unknown fields (no customer_reference); 422 points at a bad number', async () => {
    const bad = await h.tx('POST', '/draft_port_requests', { phone_numbers: [{ phone_number: 'abc' }] });
    expect(bad.status).toBe(422);
    expect((bad.json as { errors: Obj[] }).errors[0]).toMatchObject({ source: { pointer: '/phone_numbers/0/phone_number' } });
    const n = portableNumber();
    const r = await h.tx('POST', '/draft_port_requests', { phone_numbers: [{ phone_number: n }], customer_reference: 'portdesk:x', name: 'Bakery' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ status: 'pending', phone_number_count: 1, port_request_id: null, phone_numbers: [{ phone_number: n }] });
    expect(r.json).not.toHaveProperty('customer_reference');
    expect(JSON.stringify(r.json)).not.toContain('Bakery');
  });

  it('sub requests: PUT only (PATCH 405), description ignored, fields validated; no update of the draft itself', async () => {
    const d = await draft([portableNumber(), portableNumber()]);
    const sub = (d.sub_requests as Obj[])[0] as Obj;
    const path = `/draft_port_requests/${d.id}/sub_requests/${sub.id}`;
    expect((await h.tx('PATCH', path, LOA())).status).toBe(405);
    expect((await h.tx('PATCH', `/draft_port_requests/${d.id}`, { phone_numbers: [] })).status).toBe(405);
    const badFoc = await h.tx('PUT', path, { ...LOA(), foc_date_requested_by_user: '2001-01-01T00:00:00Z' });
    expect(badFoc.status).toBe(422);
    expect(JSON.stringify(badFoc.json)).toContain('foc_date_requested_by_user');
    expect((await h.tx('PUT', path, { administrative_area: 'Illinois' })).status).toBe(422);
    const ok = await h.tx('PUT', path, { ...LOA(), description: 'My port name' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ complete: true, description: '', locality: 'Chicago' });
    const foc = await h.tx('GET', `${path}/allowed_foc_dates`);
    expect((foc.json as Obj[])[0]).toMatchObject({ start: expect.any(String), end: expect.any(String) });
  });

  it('listing: search by (partial) number, status, Total/Total-Pages, per_page capped at 100', async () => {
    const numbers = Array.from({ length: 105 }, () => portableNumber());
    const ids: string[] = [];
    for (const n of numbers) ids.push((await draft([n])).id as string);
    const page1 = await h.tx('GET', '/draft_port_requests?per_page=250');
    expect((page1.json as Obj[]).length).toBe(100);
    const total = Number(page1.headers.get('Total'));
    expect(total).toBeGreaterThanOrEqual(105);
    expect(Number(page1.headers.get('Total-Pages'))).toBe(Math.ceil(total / 100));
    const page2 = await h.tx('GET', '/draft_port_requests?per_page=250&page=2');
    expect((page2.json as Obj[]).length).toBe(total - 100);
    const beyond = await h.tx('GET', '/draft_port_requests?page=99');
    expect(beyond.json).toEqual([]);
    expect((await h.tx('GET', '/draft_port_requests?page=0')).status).toBe(422);
    const one = await h.tx('GET', `/draft_port_requests?search=${encodeURIComponent(numbers[7] as string)}`);
    expect((one.json as Obj[]).map((x) => x.id)).toEqual([ids[7]]);
    const partial = await h.tx('GET', `/draft_port_requests?search=${(numbers[7] as string).slice(-7)}`);
    expect((partial.json as Obj[]).map((x) => x.id)).toContain(ids[7]);
    expect(((await h.tx('GET', '/draft_port_requests?status=submitted')).json as Obj[]).some((x) => ids.includes(x.id as string))).toBe(false);
    const slim = (await h.tx('GET', `/draft_port_requests?search=${numbers[0]?.slice(1)}&include_phone_numbers=false&include_sub_requests=true`)).json as Obj[];
    expect(slim[0]).toHaveProperty('sub_requests');
    expect(slim[0]).not.toHaveProperty('phone_numbers');
  });

  it('documents: upload request, signed form POST to the file store, then the draft document; download_links expire after an hour', async () => {
    const d = await draft([portableNumber()]);
    const grant = (await h.tx('POST', '/files/upload_requests', { content_type: 'application/pdf' })).json as { url: string; http_method: string; form_fields: Record<string, string> };
    expect(grant).toMatchObject({ http_method: 'POST', form_fields: { key: expect.any(String), policy: expect.any(String), 'x-amz-signature': expect.any(String) } });
    expect((await h.tx('POST', '/files/upload_requests', {})).status).toBe(422);
    // Refusals: a forged signature, another key than the policy grants, a draft document for a key never stored.
    expect((await postForm(grant.url, { ...grant.form_fields, 'x-amz-signature': 'f00' }, PDF('x'))).status).toBe(403);
    expect((await postForm(grant.url, { ...grant.form_fields, key: 'direct-uploads/other' }, PDF('x'))).status).toBe(403);
    const early = await h.tx('POST', `/draft_port_requests/${d.id}/supporting_documents`, { document_type: 'loa', key: grant.form_fields.key });
    expect(early.status).toBe(422);
    const loa = PDF('signed LOA');
    expect((await postForm(grant.url, grant.form_fields, loa)).status).toBe(204);
    expect((await h.tx('POST', `/draft_port_requests/${d.id}/supporting_documents`, { document_type: 'selfie', key: grant.form_fields.key })).status).toBe(422);
    const doc = await h.tx('POST', `/draft_port_requests/${d.id}/supporting_documents`, { document_type: 'loa', key: grant.form_fields.key, body: 'Signed LOA.pdf' });
    expect(doc.status).toBe(201);
    expect(doc.json).toMatchObject({ id: expect.any(String), document_type: 'loa', body: 'Signed LOA.pdf' });
    const id = (doc.json as Obj).id as string;
    expect(((await h.tx('GET', `/draft_port_requests/${d.id}/supporting_documents`)).json as Obj[]).map((x) => x.id)).toEqual([id]);
    expect((await h.tx('GET', `/draft_port_requests/${d.id}/supporting_documents/${id}`)).json).toMatchObject({ id });
    expect((await h.tx('POST', `/draft_port_requests/${d.id}/supporting_documents/${id}/download_link`)).status).toBe(404);
    const link = await h.tx('POST', `/draft_port_requests/${d.id}/supporting_documents/${id}/download_links`);
    expect(link.status).toBe(201);
    const url = (link.json as { url: string }).url;
    const dl = await fetch(url);
    expect(Buffer.from(await dl.arrayBuffer()).equals(loa)).toBe(true);
    await h.admin('POST', '/time/advance', { ms: 3_600_001 });
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
  });

  it('submit: 422 while a sub request is incomplete or the LOA/invoice is missing; 201 with the port request; immutable after', async () => {
    const d = await draft([portableNumber()]);
    const sub = ((d.sub_requests as Obj[])[0] as Obj).id as string;
    const incomplete = await h.tx('POST', `/draft_port_requests/${d.id}/submit`);
    expect(incomplete.status).toBe(422);
    expect(JSON.stringify(incomplete.json)).toContain('missing');
    await h.tx('PUT', `/draft_port_requests/${d.id}/sub_requests/${sub}`, LOA());
    await attach(d.id as string, 'loa', PDF('LOA'));
    const noBill = await h.tx('POST', `/draft_port_requests/${d.id}/submit`);
    expect(noBill.status).toBe(422);
    expect(JSON.stringify(noBill.json)).toContain('invoice');
    await attach(d.id as string, 'invoice', PDF('bill'));
    const ok = await h.tx('POST', `/draft_port_requests/${d.id}/submit`);
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ status: 'submitted', port_request_id: expect.any(String) });
    const pr = (ok.json as Obj).port_request_id as string;
    expect((await h.tx('POST', `/draft_port_requests/${d.id}/submit`)).status).toBe(422);
    expect((await h.tx('PUT', `/draft_port_requests/${d.id}/sub_requests/${sub}`, LOA())).status).toBe(422);
    // The draft's documents are now the port request's, under the same ids.
    const draftDocs = (await h.tx('GET', `/draft_port_requests/${d.id}/supporting_documents`)).json as Obj[];
    const prDocs = (await h.tx('GET', `/port_requests/${pr}/supporting_documents`)).json as Obj[];
    expect(prDocs.map((x) => x.document_type).sort()).toEqual(['invoice', 'loa']);
    expect(prDocs.map((x) => x.id)).toEqual(draftDocs.map((x) => x.id));
    const link = await h.tx('POST', `/port_requests/${pr}/supporting_documents/${prDocs[0]?.id}/download_links`);
    expect((await fetch((link.json as { url: string }).url)).status).toBe(200);
    expect((await h.tx('POST', `/port_requests/${pr}/supporting_documents`, { document_type: 'loa', file: 'eA==' })).status).toBe(405);
  });
});

describe('Telnyx v1: port requests', () => {
  it('list and detail: includes, search by support key and number, complete/incomplete, counts by status', async () => {
    const n = portableNumber();
    const { pr } = await submittedOrder([n]);
    const detail = (await h.tx('GET', `/port_requests/${pr}`)).json as Obj;
    expect(detail).toMatchObject({ id: pr, support_key: expect.stringMatching(/^pr_/) });
    expect(detail).not.toHaveProperty('customer_reference');
    expect(detail.phone_number_counts_by_status).toEqual([{ status: 'unassigned', count: 1 }]);
    expect(((await h.tx('GET', `/port_requests?search=${detail.support_key}`)).json as Obj[]).map((p) => p.id)).toEqual([pr]);
    const byNum = await h.tx('GET', `/port_requests?search=${n.slice(2)}&include_sub_requests=true&include_phone_numbers=false`);
    const item = (byNum.json as Obj[])[0] as Obj;
    expect(item.id).toBe(pr);
    expect(item.sub_requests).toBeDefined();
    expect(item.phone_numbers).toBeUndefined();
    expect(((await h.tx('GET', '/port_requests?status=complete')).json as Obj[]).some((p) => p.id === pr)).toBe(false);
    expect(((await h.tx('GET', '/port_requests?status=incomplete&per_page=100')).json as Obj[]).some((p) => p.id === pr)).toBe(true);
    expect((await h.tx('GET', '/port_requests?status=ported')).status).toBe(422);
    const page = await h.tx('GET', '/port_requests?page=1&per_page=1');
    expect((page.json as Obj[]).length).toBe(1);
    expect(page.headers.get('Total-Pages')).toBe(page.headers.get('Total'));
  });

  it('sub requests: PUT (no PATCH), FOC dates, comments, cancel request; closed ones refuse edits', async () => {
    const { pr, subs } = await submittedOrder([portableNumber()]);
    const path = `/port_requests/${pr}/sub_requests/${subs[0]}`;
    expect((await h.tx('PATCH', path, { pin_passcode: '1' })).status).toBe(405);
    const put = await h.tx('PUT', path, { pin_passcode: '4321', account_number: '99887766', unknown_field: 1 });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ pin_passcode: '4321', account_number: '99887766', status: 'unassigned' });
    expect((await h.tx('GET', `/port_requests/${pr}/sub_requests/nope`)).status).toBe(404);
    expect((await h.tx('GET', `${path}/allowed_foc_dates`)).status).toBe(200);
    expect((await h.tx('POST', `/port_requests/${pr}/comments`, { body: '' })).status).toBe(422);
    const c = await h.tx('POST', `/port_requests/${pr}/comments`, { body: 'Customer confirmed PIN', sub_request_id: subs[0] });
    expect(c.json).toMatchObject({ body: 'Customer confirmed PIN', sub_request_id: subs[0], user_id: h.root });
    const cancel = await h.tx('POST', `${path}/cancel_request`);
    expect(cancel.json).toMatchObject({ status: 'cancel-pending' });
    await h.admin('POST', '/clock/tick', { ids: subs });
    expect(((await h.tx('GET', path)).json as Obj).status).toBe('cancelled');
    expect((await h.tx('PUT', path, { pin_passcode: '1' })).status).toBe(422);
    expect((await h.tx('POST', `${path}/cancel_request`)).status).toBe(422);
  });

  it('numbers on an active port request are not portable again', async () => {
    const n = portableNumber();
    await submittedOrder([n]);
    const r = await h.tx('POST', '/draft_port_requests', { phone_numbers: [{ phone_number: n }] });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.json)).toContain('not portable');
  });
});

describe('Telnyx portal (admin)', () => {
  it('submits a draft as the portal would, and moves sub requests through every staff status', async () => {
    const d = await draft([portableNumber()]);
    for (const s of d.sub_requests as Obj[]) await h.tx('PUT', `/draft_port_requests/${d.id}/sub_requests/${s.id}`, LOA());
    await attach(d.id as string, 'loa', PDF('LOA'));
    await attach(d.id as string, 'invoice', PDF('bill'));
    const sub = await h.admin('POST', `/telnyx/drafts/${d.id}/submit`);
    expect(sub.status).toBe(200);
    const pr = sub.json.port_request_id as string;
    const sid = ((await h.tx('GET', `/port_requests/${pr}/sub_requests`)).json as Obj[])[0]?.id as string;
    const move = (body: Obj) => h.admin('POST', `/telnyx/sub_requests/${sid}/status`, body);
    expect((await move({ status: 'in-process' })).json).toMatchObject({ status: 'in-process' });
    expect(((await h.tx('GET', `/port_requests/${pr}`)).json as Obj).phone_number_counts_by_status).toEqual([{ status: 'in-process', count: 1 }]);
    expect((await move({ status: 'exception' })).status).toBe(422);
    expect((await move({ status: 'shipped' })).status).toBe(422);
    expect((await move({ status: 'exception', text: 'Account number does not match the CSR' })).json).toMatchObject({ status: 'exception' });
    const comments = (await h.tx('GET', `/port_requests/${pr}/comments`)).json as Obj[];
    expect(comments.at(-1)).toMatchObject({ body: 'Account number does not match the CSR', sub_request_id: sid, user_id: 'telnyx-porting-team' });
    // The customer's correction goes back to Telnyx's team.
    expect((await h.tx('PUT', `/port_requests/${pr}/sub_requests/${sid}`, { account_number: '11223344' })).json).toMatchObject({ status: 'in-process' });
    expect((await move({ status: 'submitted' })).json).toMatchObject({ status: 'submitted' });
    expect((await move({ status: 'foc-date-confirmed', foc_date: '2030-01-15T16:00:00.000Z' })).json).toMatchObject({ foc_date: '2030-01-15T16:00:00.000Z' });
    expect((await move({ status: 'ported' })).json).toMatchObject({ status: 'ported' });
    expect(((await h.tx('GET', '/port_requests?status=complete&per_page=100')).json as Obj[]).some((p) => p.id === pr)).toBe(true);
    expect((await h.admin('POST', `/telnyx/sub_requests/nope/status`, { status: 'ported' })).status).toBe(404);
  });

  it('adds a document to a port request (portal upload); admin calls need the main token', async () => {
    const { pr } = await submittedOrder([portableNumber()]);
    const r = await h.admin('POST', `/telnyx/port_requests/${pr}/supporting_documents`, { document_type: 'invoice', body: 'April invoice.pdf', file: PDF('April').toString('base64') });
    expect(r.status).toBe(201);
    expect(((await h.tx('GET', `/port_requests/${pr}/supporting_documents`)).json as Obj[]).map((x) => x.body)).toContain('April invoice.pdf');
    const anon = await fetch(`${h.sb.adminUrl}/telnyx/drafts/x/submit`, { method: 'POST' });
    expect(anon.status).toBe(401);
  });
});

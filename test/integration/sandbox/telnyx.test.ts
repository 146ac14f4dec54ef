import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Numbers the sandbox reports as portable, taken from a candidate list via the API itself. */
async function portable(candidates: string[], count: number): Promise<string[]> {
  const r = await h.tx('POST', '/portability_checks', { phone_numbers: candidates.map((phone_number) => ({ phone_number })) });
  const ok = ((r.json as Obj[])[0] as { phone_numbers: Obj[] }).phone_numbers.filter((x) => x.portable).map((x) => x.e164_number as string);
  if (ok.length < count) throw new Error('not enough portable candidates');
  return ok.slice(0, count);
}

async function submittedOrder(numbers: string[], ref: string): Promise<{ pr: string; subs: string[] }> {
  const d = (await h.tx('POST', '/draft_port_requests', { phone_numbers: numbers.map((phone_number) => ({ phone_number })), customer_reference: ref })).json as Obj;
  for (const s of d.sub_requests as Obj[]) await h.tx('PATCH', `/draft_port_requests/${d.id}/sub_requests/${s.id}`, LOA());
  const sub = (await h.tx('POST', `/draft_port_requests/${d.id}/submit`)).json as Obj;
  const pr = sub.port_request_id as string;
  const subs = ((await h.tx('GET', `/port_requests/${pr}/sub_requests`)).json as Obj[]).map((s) => s.id as string);
  return { pr, subs };
}

describe('Telnyx family', () => {
  it('portability check (spec example) reports per-number results and invalid numbers', async () => {
    const r = await h.tx('POST', '/portability_checks', { phone_numbers: [{ phone_number: '+13125354200' }, { phone_number: '12' }] });
    expect(r.status).toBe(201);
    const results = ((r.json as Obj[])[0] as { phone_numbers: Obj[] }).phone_numbers;
    expect(results[0]).toMatchObject({ raw_number: '+13125354200', e164_number: '+13125354200', coverage_category: 'nanp_generic' });
    expect(typeof results[0]?.portable).toBe('boolean');
    expect(typeof results[0]?.carrier_name).toBe('string');
    expect(results[1]).toMatchObject({ portable: false, non_portable_reason: 'invalid_phone_number' });
  });

  it('401 without a Bearer token, in the errors shape', async () => {
    const res = await fetch(`${h.sb.telnyxUrl}/origination/porting/port_requests`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: Obj[] };
    expect(body.errors[0]).toMatchObject({ code: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  });

  it('drafts: 422 on bad input, submit only when complete, immutable after submit', async () => {
    const bad = await h.tx('POST', '/draft_port_requests', { phone_numbers: [{ phone_number: 'abc' }] });
    expect(bad.status).toBe(422);
    expect((bad.json as { errors: Obj[] }).errors[0]).toMatchObject({ source: { pointer: '/phone_numbers/0/phone_number' } });
    const nums = await portable(['+12065550110', '+16125550111', '+14045550110', '+17045550110', '+18085550110'], 2);
    const create = await h.tx('POST', '/draft_port_requests', { phone_numbers: nums.map((phone_number) => ({ phone_number })), customer_reference: 'ref-1' });
    expect(create.status).toBe(201);
    const d = create.json as Obj;
    expect(d).toMatchObject({ status: 'pending', phone_number_count: 2, port_request_id: null, customer_reference: 'ref-1' });
    const subs = d.sub_requests as Obj[];
    expect(subs.every((s) => s.complete === false)).toBe(true);
    const early = await h.tx('POST', `/draft_port_requests/${d.id}/submit`);
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.json)).toContain('missing');
    const badFoc = await h.tx('PATCH', `/draft_port_requests/${d.id}/sub_requests/${subs[0]?.id}`, { ...LOA(), foc_date_requested_by_user: '2001-01-01T00:00:00Z' });
    expect(badFoc.status).toBe(422);
    expect(JSON.stringify(badFoc.json)).toContain('foc_date_requested_by_user');
    const badState = await h.tx('PATCH', `/draft_port_requests/${d.id}/sub_requests/${subs[0]?.id}`, { administrative_area: 'Illinois' });
    expect(badState.status).toBe(422);
    for (const s of subs) {
      const p = await h.tx('PATCH', `/draft_port_requests/${d.id}/sub_requests/${s.id}`, LOA());
      expect(p.status).toBe(200);
      expect((p.json as Obj).complete).toBe(true);
    }
    const ok = await h.tx('POST', `/draft_port_requests/${d.id}/submit`);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'submitted', port_request_id: expect.any(String) });
    expect((await h.tx('PATCH', `/draft_port_requests/${d.id}`, { customer_reference: 'x' })).status).toBe(422);
    expect((await h.tx('POST', `/draft_port_requests/${d.id}/submit`)).status).toBe(422);
    const list = await h.tx('GET', '/draft_port_requests?customer_reference=ref-1');
    expect((list.json as Obj[]).map((x) => x.id)).toEqual([d.id]);
  });

  it('port requests: list with search/status/includes, detail, sub request PATCH, FOC dates, cancel', async () => {
    const { pr, subs } = await submittedOrder(await portable(['+18015550112', '+14045550120', '+17045550121', '+18085550122'], 1), 'ref-2');
    const detail = (await h.tx('GET', `/port_requests/${pr}`)).json as Obj;
    expect(detail).toMatchObject({ id: pr, support_key: expect.stringMatching(/^pr_/), customer_reference: 'ref-2' });
    expect(detail.phone_number_counts_by_status).toEqual([{ status: 'unassigned', count: 1 }]);
    const byKey = await h.tx('GET', `/port_requests?search=${detail.support_key}`);
    expect((byKey.json as Obj[]).map((p) => p.id)).toEqual([pr]);
    const detailNumber = ((detail.phone_numbers as Obj[])[0]?.phone_number as string).slice(2);
    const byNum = await h.tx('GET', `/port_requests?search=${detailNumber}&include_sub_requests=true&include_phone_numbers=false`);
    const item = (byNum.json as Obj[])[0] as Obj;
    expect(item.sub_requests).toBeDefined();
    expect(item.phone_numbers).toBeUndefined();
    expect(((await h.tx('GET', '/port_requests?status=ported')).json as Obj[]).some((p) => p.id === pr)).toBe(false);
    const page = await h.tx('GET', '/port_requests?page=1&per_page=1');
    expect((page.json as Obj[]).length).toBe(1);
    const foc = await h.tx('GET', `/port_requests/${pr}/sub_requests/${subs[0]}/allowed_foc_dates`);
    expect(foc.status).toBe(200);
    expect((foc.json as Obj[])[0]).toMatchObject({ start: expect.any(String), end: expect.any(String) });
    const patch = await h.tx('PATCH', `/port_requests/${pr}/sub_requests/${subs[0]}`, { pin_passcode: '4321', account_number: '99887766' });
    expect(patch.status).toBe(200);
    expect(patch.json).toMatchObject({ pin_passcode: '4321', account_number: '99887766', status: 'unassigned' });
    expect((await h.tx('GET', `/port_requests/${pr}/sub_requests/nope`)).status).toBe(404);
    const cancel = await h.tx('POST', `/port_requests/${pr}/sub_requests/${subs[0]}/cancel_request`);
    expect(cancel.json).toMatchObject({ status: 'cancel-pending' });
    await h.admin('POST', '/clock/tick', { ids: subs });
    const after = (await h.tx('GET', `/port_requests/${pr}/sub_requests/${subs[0]}`)).json as Obj;
    expect(after.status).toBe('cancelled');
    expect((await h.tx('PATCH', `/port_requests/${pr}/sub_requests/${subs[0]}`, { pin_passcode: '1' })).status).toBe(422);
    expect((await h.tx('POST', `/port_requests/${pr}/sub_requests/${subs[0]}/cancel_request`)).status).toBe(422);
  });

  it('comments and supporting documents; download link expires after one hour', async () => {
    const { pr, subs } = await submittedOrder(await portable(['+16155550113', '+14045550120', '+17045550121', '+18085550122'], 1), 'ref-3');
    expect((await h.tx('POST', `/port_requests/${pr}/comments`, { body: '' })).status).toBe(422);
    const c = await h.tx('POST', `/port_requests/${pr}/comments`, { body: 'Customer confirmed PIN', sub_request_id: subs[0] });
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ body: 'Customer confirmed PIN', sub_request_id: subs[0], user_id: h.root });
    expect(((await h.tx('GET', `/port_requests/${pr}/comments`)).json as Obj[]).length).toBe(1);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const up = await h.tx('POST', `/port_requests/${pr}/supporting_documents`, { document_type: 'loa', body: 'Signed LOA', file: pdf.toString('base64') });
    expect(up.status).toBe(201);
    const doc = up.json as Obj;
    expect(doc).toMatchObject({ document_type: 'loa', body: 'Signed LOA' });
    expect((await h.tx('POST', `/port_requests/${pr}/supporting_documents`, { document_type: 'selfie', file: 'eA==' })).status).toBe(422);
    expect(((await h.tx('GET', `/port_requests/${pr}/supporting_documents`)).json as Obj[]).length).toBe(1);
    const link = await h.tx('POST', `/port_requests/${pr}/supporting_documents/${doc.id}/download_link`);
    const url = (link.json as { url: string }).url;
    expect(url.startsWith(h.sb.telnyxUrl)).toBe(true);
    const dl = await fetch(url);
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(pdf)).toBe(true);
    await h.admin('POST', '/time/advance', { ms: 3_600_001 });
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(JSON.stringify(await expired.json())).toContain('expired');
  });

  it('account scoping: a sub-account token gets 404 for the root account objects', async () => {
    const { pr } = await submittedOrder(await portable(['+13035550114', '+14045550120', '+17045550121', '+18085550122'], 1), 'ref-4');
    expect((await h.tx('GET', `/port_requests/${pr}`, undefined, h.sb.subToken)).status).toBe(404);
    expect((await h.tx('GET', `/port_requests/${pr}`)).status).toBe(200);
  });

  it('numbers on an active port request are not portable again', async () => {
    const [n] = await portable(['+15125550115', '+14045550125', '+17045550126'], 1);
    await submittedOrder([n as string], 'ref-5');
    const r = await h.tx('POST', '/draft_port_requests', { phone_numbers: [{ phone_number: n }] });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.json)).toContain('not portable');
  });
});

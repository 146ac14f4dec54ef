import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../src/main/cli/program';
import { TelnyxAdapter } from '../../../src/main/sync/adapters/telnyx';
import { EMPTY_PORT_FIELDS } from '../../../src/shared/model';
import { tinyPdf } from '../../../src/sandbox/seed/tinyPdf';
import { carrierAllowsPortOut, carrierOf } from '../../../src/sandbox/util/phone';
import { numbers, startHarness, type Harness } from './harness';
import { allDrafts, completeFields, portal, subIds, telnyxApi } from './telnyx-api';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A number in another NPA-NXX whose losing carrier differs from `e164`'s (and releases numbers). */
function otherCarrierNumber(e164: string): string {
  // The carrier follows the NPA-NXX: walk the exchanges.
  for (let nxx = 201; nxx < 1000; nxx += 1) {
    const candidate = `+1415${nxx}0123`;
    if (carrierOf(candidate) !== carrierOf(e164) && carrierAllowsPortOut(candidate)) return candidate;
  }
  throw new Error('no number of another carrier');
}

const pdf = (title: string): Uint8Array<ArrayBuffer> => new Uint8Array(tinyPdf(title, [`${title} body`]));

async function converge(hh: Harness, rounds = 12): Promise<void> {
  let report = await hh.engine.syncNow({ waitMs: 10_000 });
  for (let i = 0; i < rounds && !report.converged; i += 1) report = await hh.engine.syncNow({ waitMs: 10_000 });
  await hh.faults({});
  report = await hh.engine.syncNow({ waitMs: 10_000 });
  expect(report.converged, report.message).toBe(true);
}

/** A port with every field and an LOA and bill, ready for Telnyx's submit. */
async function readyPort(hh: Harness, name: string, from: number): Promise<string> {
  const port = hh.ctx.ports.create({ fields: { name, ...completeFields() }, numbers: numbers(from, 2), remoteId: hh.remoteId });
  await hh.ctx.documents.add({ portId: port.id, filename: 'LOA.pdf', bytes: pdf(`LOA ${name}`), kind: 'loa' });
  await hh.ctx.documents.add({ portId: port.id, filename: 'Bill.pdf', bytes: pdf(`Bill ${name}`), kind: 'bill' });
  return port.id;
}

describe('Telnyx v1 sync', () => {
  it('N ports made offline land once each, with exactly their numbers and the connection, through lost answers, 503s, resets and 429s', async () => {
    h = await startHarness('telnyx');
    const made = Array.from({ length: 10 }, (_, i) => ({ name: `Clinic ${i}`, numbers: numbers(i * 7, 1 + (i % 3)) }));
    // Someone else's draft (made in the portal) holds the first port's number and one more: only an
    // exact number-set match may count as "our create", so the first port must not be linked to it.
    const foreign = (await telnyxApi(h, '/draft_port_requests', { method: 'POST', json: { phone_numbers: [made[0]!.numbers[0], numbers(300, 1)[0]].map((phone_number) => ({ phone_number })) } })) as { id: string };
    const ids = made.map((m) => h!.ctx.ports.create({ fields: { name: m.name, ...completeFields() }, numbers: m.numbers, remoteId: h!.remoteId }).id);
    await h.faults({ seed: 11, lostResponse: { rate: 0.35 }, serverError: { rate: 0.1, statuses: [503] }, reset: { rate: 0.05 }, rateLimit: { rate: 0.05, retryAfterSeconds: 0 } });
    await converge(h);

    const drafts = (await allDrafts(h)).filter((d) => d.id !== foreign.id);
    expect(drafts).toHaveLength(made.length);
    for (const [i, id] of ids.entries()) {
      const local = h.ctx.ports.get(id);
      expect(local.syncStatus).toBe('synced');
      expect(local.name).toBe(made[i]!.name); // v1 has no field for it: the name stays local
      const draft = drafts.find((d) => `draft:${d.id}` === local.remoteObjectId);
      expect(draft, made[i]!.name).toBeDefined();
      expect(draft!.phone_numbers.map((p) => p.phone_number).sort()).toEqual([...made[i]!.numbers].sort());
      for (const sub of draft!.sub_requests) expect(sub).toMatchObject({ default_connection_id: 'conn-1', locality: 'Annapolis', administrative_area: 'MD' });
    }
    expect(new Set(ids.map((id) => h!.ctx.ports.get(id).remoteObjectId)).size).toBe(ids.length);
    expect(ids.map((id) => h!.ctx.ports.get(id).remoteObjectId)).not.toContain(`draft:${foreign.id}`);
  }, 120_000);

  it('documents reach the draft through the upload flow before submit, even when the submit was queued first; downloads use download_links', async () => {
    h = await startHarness('telnyx');
    const port = h.ctx.ports.create({ fields: { name: 'Docs first', ...completeFields() }, numbers: numbers(40, 2), remoteId: h.remoteId });
    await converge(h);
    h.ctx.ports.move(port.id, { to: 'submitted', force: true });
    const loa = await h.ctx.documents.add({ portId: port.id, filename: 'LOA.pdf', bytes: pdf('LOA'), kind: 'loa' });
    const bill = await h.ctx.documents.add({ portId: port.id, filename: 'March bill.pdf', bytes: pdf('Bill'), kind: 'bill' });
    await h.ctx.router.call('comments.add', { portId: port.id, body: 'Please expedite' });
    await h.faults({ seed: 5, lostResponse: { rate: 0.3 } });
    await converge(h);

    const local = h.ctx.ports.get(port.id);
    expect(local.state).toBe('submitted');
    expect(local.remoteObjectId).toMatch(/^pr:/);
    const prId = (local.remoteObjectId as string).slice(3);
    const docs = (await telnyxApi(h, `/port_requests/${prId}/supporting_documents`)) as { id: string; document_type: string; body: string }[];
    expect(docs.map((d) => d.document_type).sort()).toEqual(['invoice', 'loa']);
    expect(h.ctx.documents.get(loa.id).remoteName).toBe(docs.find((d) => d.document_type === 'loa')?.id);
    expect(h.ctx.documents.get(bill.id).remoteName).toBe(docs.find((d) => d.document_type === 'invoice')?.id);
    const drafts = await allDrafts(h);
    expect(drafts).toHaveLength(1);
    expect(((await telnyxApi(h, `/port_requests/${prId}/comments`)) as { body: string }[]).map((c) => c.body)).toEqual(['Please expedite']);

    // A bill added in Telnyx's portal comes back once and downloads through its link.
    const april = pdf('April invoice');
    await portal(h, `/port_requests/${prId}/supporting_documents`, { document_type: 'invoice', body: 'April invoice.pdf', file: Buffer.from(april).toString('base64') });
    await converge(h);
    await converge(h);
    const pulled = h.ctx.documents.list(port.id).find((a) => a.name === 'April invoice.pdf');
    expect(pulled?.kind).toBe('bill');
    await h.engine.fetchAttachment(pulled!.id);
    expect(Buffer.from((await h.ctx.documents.read(pulled!.id)).bytes).equals(Buffer.from(april))).toBe(true);
    expect(h.ctx.documents.list(port.id)).toHaveLength(3);
  }, 90_000);

  it('an impossible FOC date pulled from the remote is no date here, and the timeline keeps the remote’s text', async () => {
    h = await startHarness('telnyx');
    const a = await readyPort(h, 'Delta', 80);
    await converge(h);
    h.ctx.ports.move(a, { to: 'submitted', force: true });
    await converge(h);
    const [sub] = await subIds(h, (h.ctx.ports.get(a).remoteObjectId as string).slice(3));
    // Telnyx's staff confirm a FOC date no calendar has (the portal takes the text as it is).
    await portal(h, `/sub_requests/${sub}/status`, { status: 'foc-date-confirmed', foc_date: '2031-02-30T16:00:00.000Z' });
    await converge(h);
    const port = h.ctx.ports.get(a);
    expect(port).toMatchObject({ state: 'scheduled', remoteStatus: 'foc-date-confirmed', focDate: '' });
    expect(port.timeline.filter((e) => e.kind === 'sync').map((e) => [e.actor, e.message])).toContainEqual(['remote', 'FOC date "2031-02-30" from the remote is not a real date: read as no date']);
    expect(port.syncStatus).toBe('synced');

    // Corrected on the remote: the real date comes back.
    await portal(h, `/sub_requests/${sub}/status`, { status: 'foc-date-confirmed', foc_date: '2031-02-28T16:00:00.000Z' });
    await converge(h);
    expect(h.ctx.ports.get(a).focDate).toBe('2031-02-28');
  }, 60_000);

  it('status changes made in the portal come back to the right local port; in-process is not progress; an exception shows its text', async () => {
    h = await startHarness('telnyx');
    const a = await readyPort(h, 'Alpha', 60);
    const b = await readyPort(h, 'Bravo', 70);
    await converge(h);
    h.ctx.ports.move(a, { to: 'submitted', force: true });
    h.ctx.ports.move(b, { to: 'submitted', force: true });
    await converge(h);
    const prOf = (id: string): string => (h!.ctx.ports.get(id).remoteObjectId as string).slice(3);
    const [subA] = await subIds(h, prOf(a));
    const [subB] = await subIds(h, prOf(b));

    expect(h.ctx.ports.get(b).remoteStatus).toBe('unassigned');
    await portal(h, `/sub_requests/${subB}/status`, { status: 'in-process' });
    await converge(h);
    expect(h.ctx.ports.get(b)).toMatchObject({ state: 'submitted', remoteStatus: 'in-process' });

    await portal(h, `/sub_requests/${subB}/status`, { status: 'submitted' });
    await portal(h, `/sub_requests/${subB}/status`, { status: 'foc-date-confirmed', foc_date: '2031-03-04T16:00:00.000Z' });
    // Hostile: the staff's text carries a terminal escape, NUL and a bidi override; it arrives clean.
    await portal(h, `/sub_requests/${subA}/status`, { status: 'exception', text: '\u001b[31mThe account number\u0000 does not match the CSR\u202E' });
    await h.faults({ seed: 9, serverError: { rate: 0.2, statuses: [503] }, rateLimit: { rate: 0.1, retryAfterSeconds: 0 } });
    await converge(h);
    const bravo = h.ctx.ports.get(b);
    expect(bravo).toMatchObject({ state: 'scheduled', remoteStatus: 'foc-date-confirmed' });
    expect(bravo.focDate).toBe('2031-03-04');
    expect(bravo.name).toBe('Bravo');
    const alpha = h.ctx.ports.get(a);
    expect(alpha).toMatchObject({ state: 'rejected', remoteStatus: 'exception' });
    expect(alpha.stateReason).toBe('The account number does not match the CSR');
    // Pulled from the listing alone (nothing of Alpha was queued): the explanation came with it.
    expect(alpha.remoteStatusDetail).toBe('The account number does not match the CSR');
    expect(alpha.name).toBe('Alpha');

    // Answering the exception sends the request back to Telnyx's team.
    h.ctx.ports.update(a, { accountNumber: '11223344' });
    h.ctx.ports.move(a, { to: 'submitted', force: true });
    await converge(h);
    expect(h.ctx.ports.get(a).state).toBe('submitted');
    expect(((await telnyxApi(h, `/port_requests/${prOf(a)}/sub_requests/${subA}`)) as { status: string; account_number: string })).toMatchObject({ status: 'in-process', account_number: '11223344' });
  }, 90_000);

  it("an exception's text comes with the list pull and stays through later pulls while the exception lasts, with faults on", async () => {
    h = await startHarness('telnyx');
    // Numbers of two losing carriers: one sub request each.
    const nums = [numbers(500, 1)[0]!, otherCarrierNumber(numbers(500, 1)[0]!)];
    const id = h.ctx.ports.create({ fields: { name: 'Two carriers', ...completeFields() }, numbers: nums, remoteId: h.remoteId }).id;
    await h.ctx.documents.add({ portId: id, filename: 'LOA.pdf', bytes: pdf('LOA'), kind: 'loa' });
    await h.ctx.documents.add({ portId: id, filename: 'Bill.pdf', bytes: pdf('Bill'), kind: 'bill' });
    await converge(h);
    h.ctx.ports.move(id, { to: 'submitted', force: true });
    await converge(h);
    const prId = (h.ctx.ports.get(id).remoteObjectId as string).slice(3);
    const [subA, subB] = await subIds(h, prId);
    expect(subB).toBeDefined();

    await portal(h, `/sub_requests/${subA}/status`, { status: 'exception', text: 'The PIN does not match' });
    await h.faults({ seed: 3, serverError: { rate: 0.2, statuses: [503] }, rateLimit: { rate: 0.1, retryAfterSeconds: 0 } });
    await converge(h);
    expect(h.ctx.ports.get(id)).toMatchObject({ state: 'rejected', remoteStatusDetail: 'The PIN does not match' });

    // The other sub request moves on: the request changed, the exception and its text remain.
    await portal(h, `/sub_requests/${subB}/status`, { status: 'in-process' });
    await h.faults({ seed: 4, serverError: { rate: 0.2, statuses: [503] } });
    await converge(h);
    expect(h.ctx.ports.get(id)).toMatchObject({ state: 'rejected', remoteStatusDetail: 'The PIN does not match' });
    expect(h.ctx.ports.get(id).remoteStatus).toContain('in-process');

    // Answered in the portal: the exception is over and so is its text.
    await portal(h, `/sub_requests/${subA}/status`, { status: 'in-process' });
    await converge(h);
    expect(h.ctx.ports.get(id)).toMatchObject({ state: 'submitted', remoteStatus: 'in-process', remoteStatusDetail: null });
  }, 90_000);

  it('street parts go out as its one street line and stay apart locally through lost answers and portal moves; a line rewritten in Telnyx comes back whole', async () => {
    h = await startHarness('telnyx');
    const split = { streetNumber: '1543', streetPreDir: 'N', street: 'Oak', streetType: 'Ave', streetPostDir: 'SW', extendedAddress: 'Apt 4' };
    const id = h.ctx.ports.create({ fields: { name: 'Oak Bakery', ...completeFields(), ...split }, numbers: numbers(130, 1), remoteId: h.remoteId }).id;
    await h.faults({ seed: 5, lostResponse: { next: 2 }, serverError: { rate: 0.2, statuses: [503] } });
    await converge(h);
    const sub = async (): Promise<Record<string, unknown>> => {
      const draft = (await allDrafts(h!)).find((d) => `draft:${d.id}` === h!.ctx.ports.get(id).remoteObjectId);
      return draft?.sub_requests[0] ?? {};
    };
    expect(await sub()).toMatchObject({ street_address: '1543 N Oak Ave SW', extended_address: 'Apt 4' });
    expect(h.ctx.ports.get(id)).toMatchObject({ ...split, syncStatus: 'synced' });

    h.ctx.ports.update(id, { streetType: 'Blvd' });
    await h.faults({ lostResponse: { next: 1 } });
    await converge(h);
    expect(await sub()).toMatchObject({ street_address: '1543 N Oak Blvd SW' });
    expect(h.ctx.ports.get(id)).toMatchObject({ ...split, streetType: 'Blvd', syncStatus: 'synced' });

    // Someone rewrites the line in Telnyx: it is the street now; no stale part is kept around it.
    const draftId = (h.ctx.ports.get(id).remoteObjectId as string).slice('draft:'.length);
    await telnyxApi(h, `/draft_port_requests/${draftId}/sub_requests/${String((await sub()).id)}`, { method: 'PUT', json: { street_address: '9 Elm St' } });
    await converge(h);
    expect(h.ctx.ports.get(id)).toMatchObject({ streetNumber: '', streetPreDir: '', street: '9 Elm St', streetType: '', streetPostDir: '', extendedAddress: 'Apt 4' });
  }, 90_000);

  it('a draft submitted in the portal stays the same local port, with its name and local fields', async () => {
    h = await startHarness('telnyx');
    const id = await readyPort(h, 'Portal submit', 90);
    h.ctx.ports.update(id, { referenceNumber: 'INT-7731' });
    await converge(h);
    const draftId = (h.ctx.ports.get(id).remoteObjectId as string).slice('draft:'.length);
    await portal(h, `/drafts/${draftId}/submit`);
    await converge(h);
    const local = h.ctx.ports.get(id);
    expect(h.ctx.ports.list()).toHaveLength(1);
    expect(local.remoteObjectId).toMatch(/^pr:/);
    expect(local.state).toBe('submitted');
    expect(local).toMatchObject({ name: 'Portal submit', referenceNumber: 'INT-7731' });
  }, 60_000);

  it('a 422 blocks only that port with the server message', async () => {
    h = await startHarness('telnyx');
    const bad = h.ctx.ports.create({ fields: { name: 'Bad', ...completeFields(), postalCode: '12' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    const good = h.ctx.ports.create({ fields: { name: 'Good' }, numbers: numbers(20, 2), remoteId: h.remoteId });
    await h.engine.syncNow({ waitMs: 5000 });
    const b = h.ctx.ports.get(bad.id);
    expect(b.syncStatus).toBe('error');
    expect(b.syncError).toContain('postal_code');
    expect(h.ctx.ports.get(good.id).syncStatus).toBe('synced');
    h.ctx.ports.update(bad.id, { postalCode: '21401' });
    await h.ctx.router.call('sync.retry', { portId: bad.id });
    const report = await h.engine.syncNow({ waitMs: 5000 });
    expect(report.converged, `${report.message} ${h.ctx.ports.get(bad.id).syncError}`).toBe(true);
    expect(await allDrafts(h)).toHaveLength(2);
  });

  it('a never-submitted draft moved to canceled says what is true: delete it in the portal and the port here; deleting the port says the draft stays on Telnyx, and it is not pulled back', async () => {
    h = await startHarness('telnyx');
    const port = h.ctx.ports.create({ fields: { name: 'Not wanted' }, numbers: numbers(30, 1), remoteId: h.remoteId });
    const kept = h.ctx.ports.create({ fields: { name: 'Wanted' }, numbers: numbers(35, 1), remoteId: h.remoteId });
    await h.faults({ seed: 5, lostResponse: { rate: 0.2 } });
    await converge(h);
    const draftId = h.ctx.ports.get(port.id).remoteObjectId?.replace(/^draft:/, '') ?? '';
    expect(draftId).not.toBe('');

    h.ctx.ports.move(port.id, { to: 'canceled', reason: 'Customer stays' });
    expect((await h.engine.syncNow({ waitMs: 5_000 })).blocked).toBe(1);
    const refused = h.ctx.ports.get(port.id);
    expect(refused.syncStatus).toBe('error');
    expect(refused.syncError).toBe(`Telnyx's v1 API can neither cancel nor delete draft ${draftId} (never submitted): delete the draft in the Telnyx portal, and delete this port in PortDesk, which then forgets the draft (deleting the port alone leaves the draft on Telnyx)`);

    // Deleted here (from the CLI), the port goes; the user is told the draft does not.
    let out = '';
    const code = await runCli(['--db', join(h.dir, 'portdesk.db'), 'ports', 'delete', port.id], { out: (t) => (out += t), err: () => undefined, env: {} });
    expect(code).toBe(0);
    expect(out).toContain(`Deleted ${port.id}\nDraft ${draftId} stays on Telnyx: Telnyx's v1 API cannot delete a draft, so delete it in the Telnyx portal. PortDesk will not pull it back`);
    const report = await h.engine.syncNow({ waitMs: 10_000 });
    expect(report.converged, report.message).toBe(true);
    expect((await allDrafts(h)).find((d) => d.id === draftId)?.status).toBe('pending');
    expect(h.ctx.ports.list().map((p) => p.id)).toEqual([kept.id]);
    // The service says it to the window too; a port never sent leaves nothing behind.
    const local = h.ctx.ports.create({ fields: { name: 'Local only' }, numbers: numbers(40, 1), remoteId: h.remoteId });
    expect(h.ctx.ports.delete(local.id)).toEqual({ leftOnRemote: null });
  });

  it('listing follows Total-Pages past the server per_page cap: every draft of 5 pages (2-5 read together) comes back once, through 503s', async () => {
    h = await startHarness('telnyx');
    const made = Array.from({ length: 430 }, (_, i) => numbers(400 + i * 2, 1));
    for (const n of made) await telnyxApi(h, '/draft_port_requests', { method: 'POST', json: { phone_numbers: [{ phone_number: n[0] }] } });
    const adapter = new TelnyxAdapter(h.ctx.remotes.config(h.remoteId));
    await h.faults({ seed: 4, serverError: { rate: 0.02, statuses: [503] } });
    let listed: Awaited<ReturnType<TelnyxAdapter['listAll']>> | undefined;
    for (let i = 0; i < 10 && !listed; i += 1) listed = await adapter.listAll().catch(() => undefined);
    await h.faults({});
    expect(listed?.length).toBe(430);
    expect(new Set(listed?.map((p) => p.numbers[0]))).toEqual(new Set(made.map((n) => n[0])));
  }, 60_000);

  it('one pull gets through 503s and 429s on its listing pages and per-request GETs: each GET is retried, not the pull', async () => {
    h = await startHarness('telnyx');
    const made = Array.from({ length: 12 }, (_, i) => numbers(600 + i * 2, 1)[0]!);
    for (const n of made) await telnyxApi(h, '/draft_port_requests', { method: 'POST', json: { phone_numbers: [{ phone_number: n }] } });
    // Every GET of the pull stands a 40 % chance of a fault: a pull that failed on the first one
    // (the listing's two pages and a documents GET per draft) would all but never converge.
    await h.faults({ seed: 21, serverError: { rate: 0.25, statuses: [503] }, rateLimit: { rate: 0.15, retryAfterSeconds: 0 } });
    const report = await h.engine.syncNow({ waitMs: 10_000 });
    const log = ((await h.admin('/log', undefined, 'GET')) as { data: { fault: string | null; method: string }[] }).data;
    await h.faults({});
    expect(report.converged, report.message).toBe(true);
    expect(new Set(h.ctx.ports.list().flatMap((p) => (p.firstNumber ? [p.firstNumber] : [])))).toEqual(new Set(made));
    expect(log.filter((e) => e.method === 'GET' && e.fault === 'server-error-503').length).toBeGreaterThan(0);
    expect(log.filter((e) => e.method === 'GET' && e.fault === 'rate-limit').length).toBeGreaterThan(0);
  }, 60_000);

  it('findCreated: only a draft with exactly the numbers is ours; a failed lookup says it cannot tell yet, never guesses', async () => {
    h = await startHarness('telnyx');
    const adapter = new TelnyxAdapter(h.ctx.remotes.config(h.remoteId));
    const [a, b, c] = numbers(500, 3) as [string, string, string];
    const snap = { localId: 'local-1', state: 'unconfirmed' as const, fields: { ...EMPTY_PORT_FIELDS, name: 'Probe' }, numbers: [a, b] };
    await telnyxApi(h, '/draft_port_requests', { method: 'POST', json: { phone_numbers: [a, b, c].map((phone_number) => ({ phone_number })) } });
    await telnyxApi(h, '/draft_port_requests', { method: 'POST', json: { phone_numbers: [{ phone_number: a }] } });
    expect(await adapter.findCreated(snap)).toBeNull();
    const ours = (await telnyxApi(h, '/draft_port_requests', { method: 'POST', json: { phone_numbers: [b, a].map((phone_number) => ({ phone_number })) } })) as { id: string };
    expect((await adapter.findCreated(snap))?.remoteObjectId).toBe(`draft:${ours.id}`);
    await h.faults({ serverError: { next: 1, statuses: [503] } });
    await expect(adapter.findCreated(snap)).rejects.toMatchObject({ kind: 'transient', message: expect.stringContaining('cannot tell yet whether the earlier create landed') });
  });
});

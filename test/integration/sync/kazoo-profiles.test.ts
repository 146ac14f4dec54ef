import { KazooAdapter } from '../../../src/main/sync/adapters/kazoo';
import { EMPTY_PORT_FIELDS } from '../../../src/shared/model';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pdfPagesText } from '../documents/poppler';
import { statusText } from '../../../src/main/cli/commands/sync';
import { numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const FAULTS = { lostResponse: { rate: 0.2 }, serverError: { rate: 0.15 }, reset: { rate: 0.1, phase: 'headers' as const } };

async function converge(hh: Harness): Promise<void> {
  for (let i = 0; i < 6; i += 1) {
    const r = await hh.engine.syncNow({ waitMs: 10_000 });
    if (r.converged) return;
  }
  throw new Error('did not converge');
}

/** Straight from the sandbox, as the root sees it: the request and the account it is in. */
async function remoteDoc(hh: Harness, id: string): Promise<{ account: string; doc: Record<string, unknown> }> {
  const root = hh.sb.accounts.root.id;
  for (const path of ['port_requests?by_types=all', 'descendants/port_requests?by_types=all']) {
    const version = hh.sb.kazooVersion;
    const url = `${hh.sb.kazooUrl}/v2/accounts/${root}/${version === '4.3' ? path : path.replace('?by_types=all', '')}`;
    const body = (await (await fetch(url, { headers: { 'x-auth-token': hh.sb.token } })).json()) as { data: { account_id: string; port_requests: Record<string, unknown>[] }[] };
    for (const g of body.data) {
      const doc = g.port_requests.find((p) => p.id === id);
      if (doc) return { account: g.account_id, doc };
    }
  }
  throw new Error(`request ${id} not listed`);
}

async function kazooCall(hh: Harness, method: string, account: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${hh.sb.kazooUrl}/v2/accounts/${account}${path}`, {
    method,
    headers: { 'x-auth-token': hh.sb.token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

describe.each(['4.3', '4.2'] as const)('Kazoo %s, version found by the adapter', (version) => {
  it('a port in a sub-account is edited, moved and commented under its own account, with faults on', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    // Harbor Lights: a sub-account without activation charges.
    const sub = h.sb.accounts.subs[0]?.id ?? '';
    const [n1] = numbers(300, 1);
    const created = await kazooCall(h, 'PUT', sub, '/port_requests', { data: { name: 'Harbor Lights main line', numbers: { [n1 as string]: {} }, bill: { name: 'Harbor Lights Dental' } } });
    const id = (created.data as { id: string }).id;
    await converge(h);
    const local = h.ctx.ports.list().find((p) => p.remoteObjectId === id);
    expect(local).toBeDefined();
    const portId = local?.id ?? '';
    h.ctx.ports.update(portId, { billingName: 'Harbor Lights Dental LLC', locality: 'Omaha' });
    await h.ctx.router.call('comments.add', { portId, body: 'Customer sent the bill' });
    h.ctx.ports.move(portId, { to: 'submitted', force: true });
    await h.faults(FAULTS);
    await converge(h);
    await h.faults({});
    await converge(h);
    const { account, doc } = await remoteDoc(h, id);
    expect(account).toBe(sub);
    expect(doc.port_state).toBe('submitted');
    expect((doc.bill as Record<string, unknown>).name).toBe('Harbor Lights Dental LLC');
    // 4.0-4.2 take comments only while the request may be edited: the comment went before the submit.
    expect(((doc.comments ?? []) as { content: string }[]).map((c) => c.content)).toContain('Customer sent the bill');
    expect(h.ctx.ports.get(portId).syncStatus).toBe('synced');
  }, 60_000);

  it('every street part round-trips (pull, edit of one part, push with lost answers) into the document and the generated LOA, nothing the server holds lost', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const root = h.sb.accounts.root.id;
    const [n1] = numbers(320, 1);
    // As each version's schema names the bill (4.3: split street; 4.2: one line), plus keys PortDesk does not know.
    const bill =
      version === '4.3'
        ? { name: 'Oak Bakery', street_number: '1543', street_pre_dir: 'N', street_address: 'Oak', street_type: 'Ave', street_post_dir: 'SW', extended_address: 'Apt 4', locality: 'Portland', region: 'OR', postal_code: '97201', custom_note: 'gate code 12' }
        : { name: 'Oak Bakery', street_address: '1543 N Oak Ave SW', extended_address: 'Apt 4', locality: 'Portland', region: 'OR', postal_code: '97201', custom_note: 'gate code 12' };
    const created = await kazooCall(h, 'PUT', root, '/port_requests', { data: { name: 'Oak Bakery', numbers: { [n1 as string]: {} }, carrier: 'PACIFIC BELL', bill, signee_name: 'Ana Oak', crm_id: 'X-77' } });
    const id = (created.data as { id: string }).id;
    await converge(h);
    const portId = h.ctx.ports.list().find((p) => p.remoteObjectId === id)?.id ?? '';
    const split = { streetNumber: '1543', streetPreDir: 'N', street: 'Oak', streetType: 'Ave', streetPostDir: 'SW', extendedAddress: 'Apt 4' };
    if (version === '4.3') {
      expect(h.ctx.ports.get(portId)).toMatchObject(split);
    } else {
      // 4.2 keeps one line: it is pulled whole; the specialist splits it, and the split is written back.
      expect(h.ctx.ports.get(portId)).toMatchObject({ street: '1543 N Oak Ave SW', streetNumber: '', extendedAddress: 'Apt 4' });
      h.ctx.ports.update(portId, split);
      await converge(h);
      expect((await remoteDoc(h, id)).doc.bill).toMatchObject({ street_address: '1543 N Oak Ave SW', street_number: '1543', street_pre_dir: 'N', street_type: 'Ave', street_post_dir: 'SW' });
    }
    expect(h.ctx.ports.get(portId).losingCarrier).toBe('PACIFIC BELL');
    // One part edited locally, pushed through lost answers and errors.
    h.ctx.ports.update(portId, { streetPreDir: 'S' });
    await h.faults({ lostResponse: { next: 1 }, serverError: { rate: 0.2 } });
    await converge(h);
    await h.faults({});
    await converge(h);
    const { doc } = await remoteDoc(h, id);
    expect(doc.crm_id).toBe('X-77');
    expect(doc.bill).toMatchObject(
      version === '4.3'
        ? { ...bill, street_pre_dir: 'S' }
        : { ...bill, street_address: '1543 S Oak Ave SW', street_number: '1543', street_pre_dir: 'S', street_type: 'Ave', street_post_dir: 'SW' },
    );
    // Pulled back, every part is still its own field, locally and for a client that never saw it.
    expect(h.ctx.ports.get(portId)).toMatchObject({ ...split, streetPreDir: 'S', syncStatus: 'synced' });
    const fresh = await new KazooAdapter(h.ctx.remotes.config(h.remoteId)).get(id);
    expect(fresh.fields).toMatchObject({ ...split, streetPreDir: 'S' });
    const loa = await h.ctx.router.call('loa.generate', { portId, draft: true });
    if (!loa.ok) throw new Error(loa.error.message);
    const dir = mkdtempSync(join(tmpdir(), 'pd-loa-'));
    try {
      const file = join(dir, 'loa.pdf');
      writeFileSync(file, Buffer.from((loa.value as { contentBase64: string }).contentBase64, 'base64'));
      expect(pdfPagesText(file).join('\n')).toContain('1543 S Oak Ave SW Apt 4');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it("a carrier's rejection brings its reason from the transition entry to the card and the detail", async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const port = h.ctx.ports.create({ fields: { name: 'To be rejected' }, numbers: numbers(340, 1), remoteId: h.remoteId });
    h.ctx.ports.move(port.id, { to: 'submitted', force: true });
    await h.engine.syncNow({ waitMs: 5000 });
    await h.ctx.router.call('sync.acceptCharges', { portId: port.id });
    await converge(h);
    const objectId = h.ctx.ports.get(port.id).remoteObjectId as string;
    await h.admin('/clock/tick', { ids: [objectId], outcome: 'reject' });
    await h.faults({ serverError: { rate: 0.2 } });
    await converge(h);
    await h.faults({});
    const detail = h.ctx.ports.get(port.id);
    expect(detail.state).toBe('rejected');
    const tl = await kazooCall(h, 'GET', h.sb.accounts.root.id, `/port_requests/${objectId}/timeline`);
    const entry = (tl.data as { reason?: string; transition?: { new: string } }[]).filter((e) => e.transition?.new === 'rejected').at(-1);
    expect(entry?.reason).toBeTruthy();
    expect(detail.stateReason).toBe(entry?.reason);
    expect(h.ctx.ports.list().find((p) => p.id === port.id)?.stateReason).toBe(entry?.reason);
  }, 60_000);
});

describe.each(['4.3', '4.2'] as const)('Kazoo %s, a connection that is not the port authority', (version) => {
  it('knows it per port, is offered only submit and cancel, and what it submits lands', async () => {
    h = await startHarness('kazoo', { kazooVersion: version, token: 'sub' });
    const sub = h.sb.accounts.subs[0]?.id ?? '';
    const [n1, n2] = numbers(360, 2);
    await kazooCall(h, 'PUT', sub, '/port_requests', { data: { name: 'Draft A', numbers: { [n1 as string]: {} } } });
    await kazooCall(h, 'PUT', sub, '/port_requests', { data: { name: 'Draft B', numbers: { [n2 as string]: {} } } });
    await converge(h);
    const [a, b] = ['Draft A', 'Draft B'].map((name) => h?.ctx.ports.list().find((p) => p.name === name));
    // 4.3 says who the authority is (_read_only.port_authority: the master account); 4.2 does not.
    expect(a?.remoteAuthority).toBe(version === '4.3' ? false : null);
    h.ctx.ports.move(a?.id ?? '', { to: 'submitted', force: true });
    h.ctx.ports.move(b?.id ?? '', { to: 'canceled' });
    await h.faults({ serverError: { rate: 0.2 } });
    await converge(h);
    await h.faults({});
    await converge(h);
    expect(h.ctx.ports.get(a?.id ?? '').state).toBe('submitted');
    expect(h.ctx.ports.get(b?.id ?? '').state).toBe('canceled');
    const further = (): unknown => h?.ctx.ports.move(a?.id ?? '', { to: 'pending' });
    if (version === '4.3') expect(further).toThrow(/please contact your port authority/);
    else expect(further).not.toThrow();
    if (version === '4.2') return;
    // Comments: a private one is refused here (Kazoo would answer 403); a plain one lands as the sub-account's user.
    const priv = await h.ctx.router.call('comments.add', { portId: a?.id ?? '', body: 'internal', isPrivate: true });
    expect(priv).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await h.ctx.router.call('comments.add', { portId: a?.id ?? '', body: 'Bill attached by the customer' });
    await h.faults({ lostResponse: { next: 1 } });
    await converge(h);
    await h.faults({});
    const objectId = h.ctx.ports.get(a?.id ?? '').remoteObjectId ?? '';
    const doc = (await kazooCall(h, 'GET', sub, `/port_requests/${objectId}`)).data as { comments: { content: string; author: string; timestamp: number }[] };
    expect(doc.comments).toEqual([expect.objectContaining({ content: 'Bill attached by the customer', author: h.sb.users.sub, timestamp: expect.any(Number) })]);
  }, 60_000);
});

describe.each(['4.3', '4.2'] as const)('Kazoo %s, a document PortDesk cannot read', (version) => {
  it('an unknown port_state or a malformed field leaves a linked port as it was; a new request that cannot be read is listed, not made a port', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const a = h.ctx.ports.create({ fields: { name: 'Odd state', billingName: 'Keep Me' }, numbers: numbers(380, 2), remoteId: h.remoteId });
    const b = h.ctx.ports.create({ fields: { name: 'Odd numbers' }, numbers: numbers(390, 1), remoteId: h.remoteId });
    await converge(h);
    const before = h.ctx.ports.get(a.id);
    // A request someone else made in a sub-account, then stored as a newer Kazoo or another tool might.
    const sub = h.sb.accounts.subs[0];
    const made = await kazooCall(h, 'PUT', sub?.id ?? '', '/port_requests', { data: { name: 'Made elsewhere', numbers: { [numbers(395, 1)[0] as string]: {} } } });
    const newId = (made.data as { id: string }).id;
    await h.admin(`/kazoo/port_requests/${before.remoteObjectId}/as-is`, { port_state: 'on_hold' });
    await h.admin(`/kazoo/port_requests/${h.ctx.ports.get(b.id).remoteObjectId}/as-is`, { set: { numbers: 'none' } });
    await h.admin(`/kazoo/port_requests/${newId}/as-is`, { set: { name: 42 } });
    await h.faults({ serverError: { rate: 0.2 } });
    await converge(h);
    await h.faults({});
    await h.engine.syncNow({ waitMs: 5000 });
    const after = h.ctx.ports.get(a.id);
    expect(after.state).toBe(before.state);
    expect(after.billingName).toBe('Keep Me');
    expect(after.numbers.map((n) => n.e164)).toEqual(before.numbers.map((n) => n.e164));
    expect(after.syncStatus).toBe('error');
    expect(after.syncError).toMatch(/Not updated from the remote: .*port_state/);
    const other = h.ctx.ports.get(b.id);
    expect(other.numbers).toHaveLength(1);
    expect(other.syncError).toMatch(/numbers/);
    expect(h.ctx.ports.list().some((p) => p.remoteObjectId === newId)).toBe(false);

    // Listed on the Sync screen's data and in `portdesk sync status`, each with id, account and why.
    const status = h.engine.status();
    const unreadable = status.remotes[0]?.unreadable ?? [];
    expect(unreadable).toHaveLength(3);
    expect(unreadable.find((u) => u.remoteObjectId === before.remoteObjectId)).toMatchObject({ portId: a.id, reason: expect.stringMatching(/port_state/) });
    expect(unreadable.find((u) => u.remoteObjectId === newId)).toMatchObject({ portId: null, accountId: sub?.id, accountName: sub?.name, reason: expect.stringMatching(/name/) });
    const text = statusText(status);
    expect(text).toContain('3 remote requests could not be read');
    expect(text).toContain(`${newId} in ${sub?.name ?? ''} (${sub?.id ?? ''})`);

    // Once the server sends something PortDesk can read, the request becomes a port and leaves the list.
    await h.admin(`/kazoo/port_requests/${newId}/as-is`, { set: { name: 'Made elsewhere' } });
    await converge(h).catch(() => undefined);
    expect(h.ctx.ports.list().find((p) => p.remoteObjectId === newId)?.name).toBe('Made elsewhere');
    expect(h.engine.status().remotes[0]?.unreadable.map((u) => u.remoteObjectId).sort()).toEqual([before.remoteObjectId, h.ctx.ports.get(b.id).remoteObjectId].sort());
  }, 60_000);
});

describe.each(['4.3', '4.2'] as const)('Kazoo %s, windows and doubt', (version) => {
  it('a completed port older than the 31-day listing window survives a pull and keeps its state', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const port = h.ctx.ports.create({ fields: { name: 'Done long ago' }, numbers: numbers(400, 1), remoteId: h.remoteId });
    h.ctx.ports.move(port.id, { to: 'submitted', force: true });
    await h.engine.syncNow({ waitMs: 5000 });
    await h.ctx.router.call('sync.acceptCharges', { portId: port.id });
    await converge(h);
    const objectId = h.ctx.ports.get(port.id).remoteObjectId as string;
    await h.admin('/clock/tick', { ids: [objectId] });
    await kazooCall(h, 'PATCH', h.sb.accounts.root.id, `/port_requests/${objectId}/completed`, { data: {} });
    await converge(h);
    expect(h.ctx.ports.get(port.id).state).toBe('completed');
    await h.admin('/time/advance', { ms: 45 * 86_400_000 });
    await h.faults({ serverError: { rate: 0.2 }, reset: { rate: 0.1, phase: 'body' } });
    await converge(h);
    await h.faults({});
    await converge(h);
    const after = h.ctx.ports.get(port.id);
    expect(after.state).toBe('completed');
    expect(after.remoteObjectId).toBe(objectId);
  }, 60_000);

  it('findCreated throws "cannot tell yet" when its lookup fails or cannot be read, never answers null', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const config = h.ctx.remotes.config(h.remoteId);
    const adapter = new KazooAdapter(config);
    await adapter.version();
    const snapshot = { localId: 'never-created', state: 'unconfirmed' as const, fields: { ...EMPTY_PORT_FIELDS, name: 'x' }, numbers: numbers(410, 1) };
    expect(await adapter.findCreated(snapshot)).toBeNull();
    await h.faults({ serverError: { next: 50 } });
    await expect(adapter.findCreated(snapshot)).rejects.toMatchObject({ kind: 'transient', message: expect.stringMatching(/cannot tell yet whether the earlier create landed/) });
    await h.faults({ reset: { next: 50, phase: 'body' } });
    await expect(adapter.findCreated(snapshot)).rejects.toMatchObject({ kind: 'transient', message: expect.stringMatching(/cannot tell yet/) });
    await h.faults({});
  }, 60_000);
});

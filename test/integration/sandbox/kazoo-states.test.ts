import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPort, startHarness, type Harness } from './helpers';

const STATES = ['unconfirmed', 'submitted', 'pending', 'scheduled', 'completed', 'rejected', 'canceled'] as const;
/** Shortest legal route from unconfirmed to each state. */
const ROUTE: Record<string, string[]> = {
  unconfirmed: [],
  submitted: ['submitted'],
  pending: ['submitted', 'pending'],
  scheduled: ['submitted', 'pending', 'scheduled'],
  completed: ['submitted', 'pending', 'completed'],
  rejected: ['submitted', 'rejected'],
  canceled: ['canceled'],
};
const ALLOWED: Record<string, string[]> = {
  submitted: ['unconfirmed', 'rejected'],
  pending: ['submitted'],
  scheduled: ['pending'],
  completed: ['pending', 'scheduled', 'rejected'],
  rejected: ['submitted', 'pending', 'scheduled'],
  canceled: ['unconfirmed', 'submitted', 'pending', 'scheduled', 'rejected'],
  unconfirmed: [],
};
const SCHEDULE = { scheduled_date: 63_990_000_000 };

let n = 0;
const num = (): string => `+1415555${String(1000 + n++).padStart(4, '0')}`;

describe.each(['4.3', '4.2'] as const)('Kazoo %s', (version) => {
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ kazooVersion: version });
});
afterAll(async () => h.stop());

async function portIn(state: string, account?: string): Promise<string> {
  const id = await createPort(h, [num()], {}, account);
  for (const s of ROUTE[state] ?? []) {
    const r = await h.kz('PATCH', `/port_requests/${id}/${s}`, { data: s === 'scheduled' ? SCHEDULE : {}, accept_charges: true }, { account });
    if (r.status !== 200) throw new Error(`${s}: ${JSON.stringify(r.json)}`);
  }
  return id;
}

describe('Kazoo state machine', () => {
  for (const from of STATES) {
    it(`moves from ${from}: allowed succeed, others answer 400 on port_state (move_state)`, async () => {
      for (const to of STATES) {
        const id = await portIn(from);
        const before = await h.kz('GET', `/port_requests/${id}`);
        const r = await h.kz('PATCH', `/port_requests/${id}/${to}`, { data: to === 'scheduled' ? SCHEDULE : {}, accept_charges: true });
        if (ALLOWED[to]?.includes(from)) {
          expect(r.status, `${from}->${to}`).toBe(200);
          expect((r.json.data as { port_state: string }).port_state).toBe(to);
          expect(Number(String(r.json.revision).split('-')[0])).toBe(Number(String(before.json.revision).split('-')[0]) + 1);
        } else {
          expect(r.status, `${from}->${to}`).toBe(400);
          expect(r.json).toMatchObject({
            error: '400',
            message: 'invalid request',
            status: 'error',
            data: { port_state: { enum: { cause: to, message: 'Cannot move to new state from current state' } } },
          });
        }
      }
    });
  }

  it('scheduled needs a scheduled_date (or schedule_on)', async () => {
    const id = await portIn('pending');
    const r = await h.kz('PATCH', `/port_requests/${id}/scheduled`);
    expect(r.status).toBe(400);
    const ok = await h.kz('PATCH', `/port_requests/${id}/scheduled`, { data: { schedule_on: { date_time: '2030-01-02T15:00:00Z', timezone: 'America/New_York' } } });
    expect(ok.status).toBe(200);
    expect((ok.json.data as { scheduled_date: number }).scheduled_date).toBeGreaterThan(63_900_000_000);
  });

  it('402 accept charges until the envelope carries accept_charges: true', async () => {
    const id = await createPort(h, [num()]);
    const r = await h.kz('PATCH', `/port_requests/${id}/submitted`);
    expect(r.status).toBe(402);
    expect(r.json).toMatchObject({
      data: { activation_charges: 10, number_services: { port: { activation_charges: 10 } } },
      error: '402',
      message: 'accept charges',
      status: 'error',
    });
    expect((await h.kz('GET', `/port_requests/${id}`)).json.data).toMatchObject({ port_state: 'unconfirmed' });
    const ok = await h.kz('PATCH', `/port_requests/${id}/submitted`, { data: {}, accept_charges: true });
    expect(ok.status).toBe(200);
    expect((ok.json.data as { port_state: string }).port_state).toBe('submitted');
  });

  it('an account without activation charges submits directly', async () => {
    const sub = h.sb.accounts.subs[0]?.id ?? '';
    const id = await createPort(h, [num()], {}, sub);
    const r = await h.kz('PATCH', `/port_requests/${id}/submitted`, undefined, { account: sub });
    expect(r.status).toBe(200);
  });

  it('numbers are unique among open requests; unconfirmed drafts may share', async () => {
    const shared = num();
    const a = await createPort(h, [shared]);
    const b = await createPort(h, [shared]);
    expect((await h.kz('PATCH', `/port_requests/${a}/submitted`, { accept_charges: true })).status).toBe(200);
    const clash = await h.kz('PATCH', `/port_requests/${b}/submitted`, { accept_charges: true });
    expect(clash.status).toBe(400);
    expect(JSON.stringify(clash.json.data)).toContain(`Number is on a port request already: ${a}`);
    const create = await h.kz('PUT', '/port_requests', { data: { name: 'dup', numbers: { [shared]: {} } } });
    expect(create.status).toBe(400);
    // Once the first is canceled the number is free again.
    await h.kz('PATCH', `/port_requests/${a}/canceled`);
    expect((await h.kz('PATCH', `/port_requests/${b}/submitted`, { accept_charges: true })).status).toBe(200);
  });

  it('edit only while unconfirmed or rejected; delete only while unconfirmed, rejected or canceled', async () => {
    // As the sub-account's own user: the super-duper admin (the root here) may edit in any state.
    const sub = h.sb.accounts.subs[0]?.id ?? '';
    for (const state of STATES) {
      const id = await portIn(state, sub);
      const edit = await h.kz('POST', `/port_requests/${id}`, { data: { name: 'changed', numbers: { [num()]: {} } } }, { token: h.sb.subToken, account: sub });
      expect(edit.status, `edit in ${state}`).toBe(['unconfirmed', 'rejected'].includes(state) ? 200 : 400);
      const del = await h.kz('DELETE', `/port_requests/${id}`);
      expect(del.status, `delete in ${state}`).toBe(['unconfirmed', 'rejected', 'canceled'].includes(state) ? 200 : 405);
      if (edit.status === 400) {
        // on_successful_validation: a validation error keyed by the state the request is in.
        expect(edit.json.data).toEqual({ [state]: { type: { cause: state, message: 'Updating port requests not allowed in current port state' } } });
      }
    }
  });

  it('completed and canceled are listed over a modified window of at most 31 days, the last 31 by default', async () => {
    const done = await portIn('completed');
    const path = version === '4.3' ? '/port_requests?by_types=completed' : '/port_requests/completed';
    const ids = async (q = ''): Promise<string[]> => {
      const r = await h.kz('GET', `${path}${q ? (path.includes('?') ? '&' : '?') + q : ''}`);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return (r.json.data as { port_requests: { id: string }[] }[]).flatMap((g) => g.port_requests.map((p) => p.id));
    };
    expect(await ids()).toContain(done);
    const modified = ((await h.kz('GET', `/port_requests/${done}`)).json.data as { updated: number }).updated;
    // 40 days on, the default window no longer reaches it; an explicit window does.
    await h.admin('POST', '/time/advance', { ms: 40 * 86_400_000 });
    expect(await ids()).not.toContain(done);
    expect(await ids(`modified_from=${modified - 10}&modified_to=${modified + 10}`)).toContain(done);
    const wide = await h.kz('GET', `${path}${path.includes('?') ? '&' : '?'}modified_from=${modified - 40 * 86_400}&modified_to=${modified}`);
    expect(wide.status).toBe(400);
    expect(wide.json.data).toHaveProperty(['modified_from', 'date_range']);
  });
});

describe('carrier clock', () => {
  it('a deterministic admin tick moves the given ports one step and records a timeline entry', async () => {
    const id = await portIn('submitted');
    const t1 = await h.admin('POST', '/clock/tick', { ids: [id] });
    expect(t1.json.moved).toEqual([{ family: 'kazoo', id, from: 'submitted', to: 'pending', reason: null }]);
    await h.admin('POST', '/clock/tick', { ids: [id] });
    const d = await h.kz('GET', `/port_requests/${id}`);
    expect(d.json.data).toMatchObject({ port_state: 'scheduled' });
    expect((d.json.data as { scheduled_date?: number }).scheduled_date).toBeGreaterThan(0);
    const rej = await h.admin('POST', '/clock/tick', { ids: [id], outcome: 'reject' });
    expect((rej.json.moved as { to: string; reason: string }[])[0]?.to).toBe('rejected');
    const tl = await h.kz('GET', `/port_requests/${id}/timeline`);
    const last = (tl.json.data as { reason?: string; transition?: { new: string }; authorization?: { account: { id: string } } }[]).at(-1);
    expect(last?.transition?.new).toBe('rejected');
    expect(last?.reason).toBeTruthy();
    // The carrier's moves are the port authority's (here the master account, the tree's root).
    expect(last?.authorization?.account.id).toBe(h.root);
  });

  it('the timed clock moves submitted ports onward by itself', async () => {
    const timed = await startHarness({ clock: { intervalMs: 50 }, kazooVersion: version });
    try {
      const created = await timed.kz('PUT', '/port_requests', { data: { name: 'Timed', numbers: { '+12025550188': {} } } });
      const id = (created.json.data as { id: string }).id;
      expect((await timed.kz('PATCH', `/port_requests/${id}/submitted`, { data: {}, accept_charges: true })).status).toBe(200);
      let state = 'submitted';
      for (let i = 0; i < 100 && state === 'submitted'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        state = ((await timed.kz('GET', `/port_requests/${id}`)).json.data as { port_state: string }).port_state;
      }
      expect(state).not.toBe('submitted');
    } finally {
      await timed.stop();
    }
  });
});
});

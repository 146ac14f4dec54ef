import { afterEach, describe, expect, it } from 'vitest';
import { numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A weekday 5-9 days ahead: inside Telnyx's allowed FOC windows. */
function focDay(): string {
  let t = Date.now() + 5 * 86_400_000;
  while ([0, 6].includes(new Date(t).getUTCDay())) t += 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const complete = () => ({
  billingName: 'Harbor Lights Dental',
  authorizedPerson: 'Dana Reyes',
  billingPhone: '+12025550100',
  street: '12 Harbor Way',
  locality: 'Annapolis',
  region: 'MD',
  postalCode: '21401',
  country: 'US',
  transferDate: focDay(),
});

async function telnyx(hh: Harness, path: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${hh.sb.telnyxUrl}/origination/porting${path}`, { headers: { authorization: `Bearer ${hh.sb.token}` } });
  return (await res.json()) as Record<string, unknown>[];
}

describe('Telnyx sync', () => {
  it('creates one draft per port even when answers are lost, submits it, and pulls carrier progress', async () => {
    h = await startHarness('telnyx');
    const ids = Array.from({ length: 8 }, (_, i) => h!.ctx.ports.create({ fields: { name: `T${i}` }, numbers: numbers(i * 5, 3), remoteId: h!.remoteId }).id);
    ids.forEach((id) => h!.ctx.ports.update(id, complete()));
    await h.faults({ seed: 3, lostResponse: { rate: 0.4 }, serverError: { rate: 0.1 } });
    let report = await h.engine.syncNow({ waitMs: 10_000 });
    for (let i = 0; i < 10 && !report.converged; i += 1) report = await h.engine.syncNow({ waitMs: 10_000 });
    await h.faults({});
    report = await h.engine.syncNow({ waitMs: 5000 });
    expect(report.converged, report.message).toBe(true);
    const drafts = await telnyx(h, '/draft_port_requests?per_page=250');
    expect(drafts).toHaveLength(8);
    expect(new Set(drafts.map((d) => d.customer_reference))).toEqual(new Set(ids.map((id) => `portdesk:${id}`)));
    for (const id of ids) expect(h.ctx.ports.get(id).syncStatus).toBe('synced');

    const first = ids[0] as string;
    h.ctx.ports.move(first, { to: 'submitted', force: true });
    expect((await h.engine.syncNow({ waitMs: 5000 })).converged).toBe(true);
    const local = h.ctx.ports.get(first);
    expect(local.state).toBe('submitted');
    expect(local.remoteObjectId).toMatch(/^pr:/);
    const prs = await telnyx(h, '/port_requests?include_sub_requests=true');
    expect(prs).toHaveLength(1);
    const subId = ((prs[0]?.sub_requests as { id: string }[]) ?? [])[0]?.id as string;
    await h.admin('/clock/tick', { ids: [subId] });
    await h.engine.syncNow();
    const after = h.ctx.ports.get(first);
    expect(after.state).toBe('pending');
    expect(after.timeline.some((e) => e.actor === 'remote' && e.toState === 'pending')).toBe(true);
    expect(h.ctx.ports.list()).toHaveLength(8);
  });

  it('a 422 blocks only that port with the server message', async () => {
    h = await startHarness('telnyx');
    const bad = h.ctx.ports.create({ fields: { name: 'Bad', ...complete(), region: 'Maryland' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    const good = h.ctx.ports.create({ fields: { name: 'Good' }, numbers: numbers(20, 2), remoteId: h.remoteId });
    await h.engine.syncNow({ waitMs: 5000 });
    const b = h.ctx.ports.get(bad.id);
    expect(b.syncStatus).toBe('error');
    expect(b.syncError).toContain('two-letter state abbreviation');
    expect(h.ctx.ports.get(good.id).syncStatus).toBe('synced');
    h.ctx.ports.update(bad.id, { region: 'MD' });
    await h.ctx.router.call('sync.retry', { portId: bad.id });
    const report = await h.engine.syncNow({ waitMs: 5000 });
    expect(report.converged, `${report.message} ${h.ctx.ports.get(bad.id).syncError}`).toBe(true);
    expect(await telnyx(h, '/draft_port_requests')).toHaveLength(2);
  });
});

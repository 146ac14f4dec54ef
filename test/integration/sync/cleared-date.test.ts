import { afterEach, describe, expect, it } from 'vitest';
import { numbers, startHarness, type Harness } from './harness';
import { join } from 'node:path';
import { kazooRemote } from './harness';
import { READY_FIELDS } from '../../support/port-fields';
import { runCli } from '../../../src/main/cli/program';
import { statusText } from '../../../src/main/cli/commands/sync';
import { dateToGregorian } from '../../../src/main/sync/adapters/kazoo';
import { needsScheduleDate, undatedScheduleHelp } from '../../../src/shared/domain/undatedSchedule';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a queued move to Scheduled whose FOC date was cleared as impossible (migrations 16 and 19)', () => {
  it('Kazoo refuses it with a message saying what to do; nothing is lost; once a date is entered the move is sent and converges', async () => {
    h = await startHarness('kazoo');
    const port = h.ctx.ports.create({ fields: { ...READY_FIELDS, name: 'Feb 30' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    // Forced: readiness is not what this is about; the sandbox asks for activation charges on submit, as Kazoo does.
    h.ctx.ports.move(port.id, { to: 'submitted', force: true });
    h.ctx.ports.move(port.id, { to: 'pending' });
    await h.engine.syncNow({ waitMs: 20_000 });
    h.engine.acceptCharges(port.id);
    expect((await h.engine.syncNow({ waitMs: 20_000 })).converged).toBe(true);
    // Scheduled for 2026-02-30 by an older PortDesk: the migrations cleared the date from the port and from its queued move.
    h.ctx.ports.move(port.id, { to: 'scheduled', date: '2031-03-03' });
    h.ctx.db.prepare("UPDATE outbox SET payload = json_set(payload, '$.date', NULL) WHERE port_id = ? AND op = 'port.move'").run(port.id);
    h.ctx.db.prepare("UPDATE ports SET foc_date = '' WHERE id = ?").run(port.id);
    await h.ctx.router.call('comments.add', { portId: port.id, body: 'Carrier confirmed by phone' });

    const before = h.ctx.ports.get(port.id);

    // Kazoo refuses to schedule without a date: only this move is blocked, with the server's words and what to do.
    const refused = await h.engine.syncNow({ waitMs: 20_000 });
    expect(refused.blocked).toBe(1);
    const p = h.ctx.ports.get(port.id);
    expect(p.syncStatus).toBe('error');
    expect(p.syncError).toBe(`scheduled_date: scheduled_date or schedule_on is required to schedule a port (invalid request). ${undatedScheduleHelp(port.id)}`);
    expect(needsScheduleDate(p.syncError)).toBe(true);
    expect(statusText(h.engine.status())).toContain('1 blocked');
    // Nothing lost: the port stays Scheduled here with its fields, the move stays blocked, the comment behind it queued.
    expect(p.state).toBe('scheduled');
    expect({ ...p, syncStatus: before.syncStatus, syncError: null, updatedAt: before.updatedAt }).toEqual({ ...before, syncError: null });
    expect(h.ctx.repos.outbox.rows(port.id).map((r) => [r.change?.op, r.status])).toEqual([
      ['port.move', 'blocked'],
      ['comment.add', 'queued'],
    ]);
    expect((await kazooRemote(h)).map((r) => r.port_state)).toEqual(['pending']);
    // A retry as is is refused the same way.
    h.engine.retry(port.id);
    expect((await h.engine.syncNow({ waitMs: 20_000 })).blocked).toBe(1);

    // The date entered (the port cannot be edited while Scheduled: moved to Scheduled again with it, here from the CLI).
    let out = '';
    const code = await runCli(['--db', join(h.dir, 'portdesk.db'), 'ports', 'move', port.id, 'scheduled', '--date', '2031-03-03'], { out: (t) => (out += t), err: (t) => (out += t), env: {} });
    expect(code, out).toBe(0);
    expect(h.ctx.ports.get(port.id)).toMatchObject({ state: 'scheduled', syncStatus: 'pending', syncError: null, focDate: '2031-03-03' });
    expect(h.ctx.repos.events.list(port.id).map((e) => e.message)).toContain('FOC date 2031-03-03 entered for the move to Scheduled');

    // Sent through lost answers: a retried move reads the request first and finds it scheduled.
    await h.faults({ seed: 7, lostResponse: { rate: 0.4 } });
    const after = await h.engine.syncNow({ waitMs: 20_000 });
    await h.faults({});
    expect(((await h.admin('/log', undefined, 'GET')) as { data: { outcome: string }[] }).data.filter((e) => e.outcome === 'lost').length).toBeGreaterThan(0);
    expect(after.converged, after.message).toBe(true);
    expect(after.blocked).toBe(0);
    const remote = (await kazooRemote(h))[0] as { port_state: string; scheduled_date?: number; comments?: { content: string }[] } | undefined;
    expect(remote?.port_state).toBe('scheduled');
    expect(remote?.scheduled_date).toBe(dateToGregorian('2031-03-03'));
    expect(h.ctx.repos.outbox.rows(port.id)).toEqual([]);
    expect(h.ctx.ports.get(port.id)).toMatchObject({ state: 'scheduled', syncStatus: 'synced', focDate: '2031-03-03' });
    expect(h.ctx.ports.get(port.id).comments.map((c) => c.body)).toEqual(['Carrier confirmed by phone']);
  });
});

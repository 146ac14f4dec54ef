import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src/shared/rpc/events';
import { testContext } from '../../support/context';
import { READY_FIELDS as ready } from '../../support/port-fields';


describe('ports service', () => {
  it('creates a port with normalised numbers, a timeline entry and one outbox row in one go', () => {
    const { ports, repos } = testContext();
    const port = ports.create({ fields: { name: 'Acme HQ' }, numbers: ['(202) 555-0143', '+1 202-555-0176', '2025550143'] });
    expect(port.state).toBe('unconfirmed');
    expect(port.numbers.map((n) => n.e164)).toEqual(['+12025550143', '+12025550176']);
    expect(port.timeline.map((e) => e.kind)).toEqual(['created']);
    const outbox = repos.outbox.list();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ op: 'port.create', portId: port.id, payload: { numbers: ['+12025550143', '+12025550176'] } });
  });

  it('writes nothing when one number is invalid, naming it', () => {
    const { ports, repos } = testContext();
    expect(() => ports.create({ fields: { name: 'Bad' }, numbers: ['2025550143', '12'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_NUMBER', message: expect.stringContaining('"12"') }),
    );
    expect(ports.list()).toEqual([]);
    expect(repos.outbox.count()).toBe(0);
  });

  it('refuses a number already on another open port, and frees it once that port is canceled', () => {
    const { ports } = testContext();
    const first = ports.create({ fields: { name: 'First' }, numbers: ['2025550143'] });
    const second = ports.create({ fields: { name: 'Second' } });
    expect(() => ports.addNumbers(second.id, ['+12025550143'])).toThrow(expect.objectContaining({ code: 'NUMBER_IN_USE', message: expect.stringContaining('"First"') }));
    ports.move(first.id, { to: 'canceled' });
    expect(ports.addNumbers(second.id, ['+12025550143']).added).toEqual(['+12025550143']);
    expect(ports.findByNumber('202.555.0143').port?.id).toBe(second.id);
  });

  it('reports numbers already on the port instead of duplicating them', () => {
    const { ports, repos } = testContext();
    const port = ports.create({ fields: { name: 'Acme' }, numbers: ['2025550143'] });
    const result = ports.addNumbers(port.id, ['202-555-0143', '2025550176']);
    expect(result).toMatchObject({ added: ['+12025550176'], alreadyOnPort: ['+12025550143'] });
    expect(repos.outbox.list().map((o) => o.op)).toEqual(['port.create', 'port.numbers']);
  });

  it('enforces the state machine with a message naming where the port can go', () => {
    const { ports } = testContext();
    const port = ports.create({ fields: { name: 'Acme' }, numbers: ['2025550143'] });
    expect(() => ports.move(port.id, { to: 'completed' })).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION', message: 'Cannot move "Acme" from Unconfirmed to Completed; it can go to Submitted, Canceled' }),
    );
  });

  it('refuses to submit an incomplete port unless forced, and locks edits after submit', () => {
    const { ports, repos } = testContext();
    const port = ports.create({ fields: { name: 'Acme', ...ready }, numbers: ['2025550143'] });
    expect(() => ports.move(port.id, { to: 'submitted' })).toThrow(expect.objectContaining({ code: 'VALIDATION', message: expect.stringMatching(/LOA is not attached.*bill is not attached/) }));
    const moved = ports.move(port.id, { to: 'submitted', force: true, reason: 'documents by e-mail' });
    expect(moved.state).toBe('submitted');
    expect(moved.timeline.at(-1)).toMatchObject({ kind: 'state', fromState: 'unconfirmed', toState: 'submitted', message: 'Moved to Submitted: documents by e-mail' });
    expect(() => ports.update(port.id, { name: 'Renamed' })).toThrow(expect.objectContaining({ code: 'LOCKED' }));
    expect(() => ports.addNumbers(port.id, ['2025550176'])).toThrow(expect.objectContaining({ code: 'LOCKED' }));
    expect(repos.outbox.list().map((o) => o.op)).toEqual(['port.create', 'port.move']);
  });

  it('needs an FOC date to schedule and records it', () => {
    const { ports } = testContext();
    const port = ports.create({ fields: { name: 'Acme', ...ready }, numbers: ['2025550143'] });
    ports.move(port.id, { to: 'submitted', force: true });
    ports.move(port.id, { to: 'pending' });
    expect(() => ports.move(port.id, { to: 'scheduled' })).toThrow(expect.objectContaining({ code: 'VALIDATION', message: expect.stringMatching(/FOC date/) }));
    expect(ports.move(port.id, { to: 'scheduled', date: '2026-12-01' }).focDate).toBe('2026-12-01');
  });

  it('records only changed fields and emits change events after commit', () => {
    const { ports, repos, changes } = testContext();
    const seen: ChangeEvent[] = [];
    changes.subscribe((e) => seen.push(e));
    const port = ports.create({ fields: { name: 'Acme' } });
    ports.update(port.id, { name: 'Acme', losingCarrier: 'AT&T' });
    expect(repos.outbox.list().at(-1)).toMatchObject({ op: 'port.update', payload: { patch: { losingCarrier: 'AT&T' } } });
    ports.update(port.id, { losingCarrier: 'AT&T' });
    expect(repos.outbox.count()).toBe(2);
    expect(seen).toEqual([
      { type: 'ports', ids: [port.id], removed: [] },
      { type: 'ports', ids: [port.id], removed: [] },
    ]);
  });

  it('deletes a never-pushed port together with its queued changes', () => {
    const { ports, repos } = testContext();
    const port = ports.create({ fields: { name: 'Draft' }, numbers: ['2025550143'] });
    ports.delete(port.id);
    expect(ports.list()).toEqual([]);
    expect(repos.outbox.count()).toBe(0);
    expect(() => ports.get(port.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('rolls back the rows when the outbox write fails mid-transaction', () => {
    const { ports, db } = testContext();
    const port = ports.create({ fields: { name: 'Acme' } });
    db.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => ports.update(port.id, { losingCarrier: 'AT&T' })).toThrow(/disk full/);
    expect(ports.get(port.id).losingCarrier).toBe('');
    expect(ports.get(port.id).timeline).toHaveLength(1);
  });
});

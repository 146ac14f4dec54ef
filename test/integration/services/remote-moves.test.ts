import { describe, expect, it } from 'vitest';
import type { RemoteStateChange } from '../../../src/shared/domain/remoteMoves';
import { watchRemoteMoves } from '../../../src/main/services/remote-moves';
import { testContext } from '../../support/context';

describe('remote moves for notifications', () => {
  it('reports each state change pulled from the remote once, with its reason, and ignores local moves', () => {
    const { ports, repos, changes } = testContext();
    const port = ports.create({ fields: { name: 'Acme HQ' }, numbers: ['2025550143', '2025550176'] });
    const seen: RemoteStateChange[] = [];
    const stop = watchRemoteMoves(repos, changes, (c) => seen.push(c));

    ports.move(port.id, { to: 'canceled' });
    expect(seen).toEqual([]);

    // As pull records a move: the port's state and the remote's reason, and a timeline entry by the remote.
    repos.ports.setPulledState(port.id, 'rejected', 'BTN mismatch', 1);
    repos.events.add({ portId: port.id, at: 1, kind: 'state', fromState: 'submitted', toState: 'rejected', message: 'Moved to Rejected on the remote', actor: 'remote' });
    changes.emit({ type: 'ports', ids: [port.id], removed: [] });
    changes.emit({ type: 'ports', ids: [port.id], removed: [] });
    expect(seen).toEqual([{ portId: port.id, portName: 'Acme HQ', from: 'submitted', to: 'rejected', numberCount: 2, reason: 'BTN mismatch' }]);
    stop();

    // A restart starts after what is already there: old moves are not notified again.
    const again: RemoteStateChange[] = [];
    watchRemoteMoves(repos, changes, (c) => again.push(c));
    changes.emit({ type: 'ports', ids: [port.id], removed: [] });
    expect(again).toEqual([]);
  });
});

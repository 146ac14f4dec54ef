import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../src/shared/rpc/events';
import { recordConflict } from '../../../src/main/sync/conflicts';
import { testContext } from '../../support/context';
import { PortFieldsSchema, type PortFields } from '../../../src/shared/model';

const pickFields = (port: PortFields): PortFields => PortFieldsSchema.parse(port);

describe('sync actions tell every view', () => {
  it('resolving a conflict emits the port and sync events and keeps the chosen values', async () => {
    const { ports, repos, router, changes } = testContext();
    const port = ports.create({ fields: { name: 'Mine', locality: 'Here' }, numbers: ['2025550143'], remoteId: null });
    const fields = pickFields(ports.get(port.id));
    recordConflict(
      repos,
      { localId: port.id, fields, numbers: ['+12025550143'], state: 'unconfirmed' },
      { remoteObjectId: 'r1', revision: '2-x', accountId: 'acc', marker: port.id, fields: { ...fields, name: 'Theirs', locality: 'There' }, numbers: ['+12025550143'], state: 'unconfirmed' },
      1,
    );
    const seen: ChangeEvent[] = [];
    changes.subscribe((e) => seen.push(e));
    const result = await router.call('conflicts.resolve', { portId: port.id, choices: { name: 'remote', locality: 'local' } });
    expect(result).toEqual({ ok: true, value: { portId: port.id, resolved: true } });
    expect(seen).toContainEqual({ type: 'ports', ids: [port.id], removed: [] });
    expect(seen).toContainEqual({ type: 'sync' });
    expect(ports.get(port.id)).toMatchObject({ name: 'Theirs', locality: 'Here' });
  });
});

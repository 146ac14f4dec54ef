import { describe, expect, it } from 'vitest';
import { SyncStore } from '../../../src/main/sync/store';
import type { RemotePort } from '../../../src/main/sync/adapters/types';
import { testContext } from '../../support/context';

describe('a push answer records what the server says about the port', () => {
  it('port authority from the answer to a write, before any pull; an answer that does not say leaves it', () => {
    const ctx = testContext();
    const port = ctx.ports.create({ fields: { name: 'Sub-account port' }, numbers: ['2025550143'] });
    const store = new SyncStore(ctx.repos);
    const detail = ctx.ports.get(port.id);
    const answer: RemotePort = {
      remoteObjectId: 'req-1',
      revision: '1-a',
      accountId: 'acct-sub',
      state: 'unconfirmed',
      fields: { ...detail, name: 'Sub-account port' },
      numbers: ['+12025550143'],
      marker: port.id,
      authority: false,
    };
    expect(detail.remoteAuthority).toBeNull();
    store.pushed(port.id, answer, {});
    expect(ctx.ports.get(port.id).remoteAuthority).toBe(false);
    // Kazoo 4.2 says nothing about it: what was known stays.
    const { authority: _unsaid, ...silent } = answer;
    store.pushed(port.id, { ...silent, revision: '2-b' }, {});
    expect(ctx.ports.get(port.id).remoteAuthority).toBe(false);
    expect(ctx.ports.get(port.id).remoteObjectId).toBe('req-1');
  });
});

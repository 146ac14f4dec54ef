import { afterEach, describe, expect, it } from 'vitest';
import { numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const FAULTS = { lostResponse: { rate: 0.2 }, serverError: { rate: 0.15 }, reset: { rate: 0.1, phase: 'headers' as const } };

describe.each(['4.3', '4.2'] as const)('Kazoo %s: the accounts ports live in, by name', (kazooVersion) => {
  it('a pull stores each account name its listings give, and the port summaries carry it', async () => {
    h = await startHarness('kazoo', { kazooVersion });
    const { root, subs } = h.sb.accounts;
    const [harbor, cedar] = subs;
    if (!harbor || !cedar) throw new Error('the sandbox has no sub-accounts');
    const [n1, n2, n3] = numbers(700, 3) as [string, string, string];
    for (const [account, name, n] of [
      [harbor.id, 'Harbor front desk', n1],
      [cedar.id, 'Cedar warehouse', n2],
    ] as const) {
      const res = await fetch(`${h.sb.kazooUrl}/v2/accounts/${account}/port_requests`, {
        method: 'PUT',
        headers: { 'x-auth-token': h.sb.token, 'content-type': 'application/json' },
        body: JSON.stringify({ data: { name, numbers: { [n]: {} } } }),
      });
      expect(res.status).toBe(201);
    }
    // One of PortDesk's own, created in the connection's account.
    h.ctx.ports.create({ fields: { name: 'Reseller office' }, numbers: [n3], remoteId: h.remoteId });
    await h.faults(FAULTS);
    for (let i = 0; i < 8 && !(await h.engine.syncNow({ waitMs: 10_000 })).converged; i += 1);
    await h.faults({});
    expect((await h.engine.syncNow({ waitMs: 10_000 })).converged).toBe(true);

    const byName = new Map(h.ctx.ports.list().map((p) => [p.name, p]));
    expect(byName.get('Harbor front desk')).toMatchObject({ remoteAccountId: harbor.id, remoteAccountName: harbor.name, remoteName: expect.any(String) });
    expect(byName.get('Cedar warehouse')).toMatchObject({ remoteAccountId: cedar.id, remoteAccountName: cedar.name });
    expect(byName.get('Reseller office')).toMatchObject({ remoteAccountId: root.id, remoteAccountName: root.name });
    expect(h.ctx.repos.remoteAccounts.name(h.remoteId, harbor.id)).toBe(harbor.name);
  });
});

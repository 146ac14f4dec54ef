import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testWithSandbox as test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { carrierAllowsPortOut } from '../../src/sandbox/util/phone';

/** Two numbers of a 202-NXX exchange whose sandbox carrier releases numbers. */
function portableNumbers(): string[] {
  for (let nxx = 300; nxx < 1000; nxx++) if (carrierAllowsPortOut(`+1202${nxx}0000`)) return [`+1202${nxx}0041`, `+1202${nxx}0042`];
  throw new Error('no portable exchange in 202');
}

test('a second remote copy of a port is listed as a duplicate, not imported, and can be canceled on the server after a confirmation', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  const remote = await call('remotes.add', { kind: 'kazoo', url: sandbox.kazooUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, name: 'Northwind reseller' });
  const port = await call('ports.create', { fields: { name: 'Lakeside Clinic – main' }, numbers: portableNumbers(), remoteId: remote.id });
  await call('sync.now', {});
  const kept = (await call('ports.get', { id: port.id })).remoteObjectId ?? '';

  // What a create landing late leaves: another request carrying the same client marker.
  const base = `${sandbox.kazooUrl}/v2/accounts/${sandbox.accounts.root.id}/port_requests`;
  const headers = { 'x-auth-token': sandbox.token, 'content-type': 'application/json' };
  const doc = ((await (await fetch(`${base}/${kept}`, { headers })).json()) as { data: Record<string, unknown> }).data;
  const { id: _id, ...copy } = doc;
  const made = (await (await fetch(base, { method: 'PUT', headers, body: JSON.stringify({ data: copy }) })).json()) as { data: { id: string } };
  const dupId = made.data.id;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sync' }).click();
  const sync = page.getByRole('button', { name: 'Sync now' });
  await sync.click();
  await expect(sync).toBeEnabled({ timeout: 35_000 });
  const item = page.getByRole('listitem', { name: 'Duplicate of Lakeside Clinic – main' });
  await expect(item).toContainText(`holds a second copy, ${dupId}`);
  await expect(item).toContainText(`The port stays linked to ${kept}`);
  expect((await call('ports.list', {})).length).toBe(1);

  if (process.env.PORTDESK_SCREENS) {
    const dir = join(ROOT, 'test-results', 'screens');
    mkdirSync(dir, { recursive: true });
    for (const size of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }]) {
      await page.setViewportSize(size);
      await item.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(dir, `sync-duplicates-${size.width}x${size.height}.png`) });
    }
  }

  await item.getByRole('button', { name: 'Cancel on the server…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`This moves the second copy of “Lakeside Clinic – main” to canceled on Northwind reseller`);
  if (process.env.PORTDESK_SCREENS) await page.screenshot({ path: join(ROOT, 'test-results', 'screens', 'sync-duplicates-confirm.png') });
  await dialog.getByRole('button', { name: 'Cancel the duplicate' }).click();
  await expect(item).toBeHidden();
  const after = (await (await fetch(`${base}/${dupId}`, { headers })).json()) as { data: { port_state: string } };
  expect(after.data.port_state).toBe('canceled');
  expect((await call('ports.get', { id: port.id })).state).toBe('unconfirmed');
});

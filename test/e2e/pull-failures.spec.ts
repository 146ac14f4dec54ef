import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testWithSandbox as test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';

/**
 * A request the server holds that PortDesk cannot read (as a newer Kazoo or another tool might
 * store it) is listed on the Sync screen with its id, account and reason, and made into no port.
 */
test('the Sync screen lists remote requests that could not be read, with id, account and reason', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  await call('remotes.add', { kind: 'kazoo', url: sandbox.kazooUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, name: 'Northwind reseller' });
  const sub = sandbox.accounts.subs[0];
  if (!sub) throw new Error('the sandbox has no sub-account');
  const kazoo = async (method: string, url: string, body: unknown): Promise<{ data: { id: string } }> => {
    const res = await fetch(url, { method, headers: { 'x-auth-token': sandbox.token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { data: { id: string } };
  };
  const made = await kazoo('PUT', `${sandbox.kazooUrl}/v2/accounts/${sub.id}/port_requests`, { data: { name: 'Made elsewhere', numbers: { '+12025550177': {} } } });
  await kazoo('POST', `${sandbox.adminUrl}/kazoo/port_requests/${made.data.id}/as-is`, { set: { name: 42 } });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sync' }).click();
  const button = page.getByRole('button', { name: 'Sync now' });
  await button.click();
  await expect(button).toBeEnabled({ timeout: 35_000 });

  const section = page.getByRole('region', { name: '1 remote request could not be read' });
  await expect(section).toBeVisible();
  const row = section.getByRole('listitem', { name: made.data.id });
  await expect(row).toContainText(`account ${sub.name} (${sub.id})`);
  await expect(row).toContainText(/name/);
  expect((await call('ports.list', {})).some((p) => p.remoteObjectId === made.data.id)).toBe(false);
  if (process.env.PORTDESK_SCREENS) {
    const dir = join(ROOT, 'test-results', 'screens');
    mkdirSync(dir, { recursive: true });
    for (const size of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }]) {
      await page.setViewportSize(size);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(dir, `pull-failures-${size.width}.png`) });
    }
  }
});

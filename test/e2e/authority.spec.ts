import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testWithSandbox as test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';

/**
 * A connection that is not the port authority (the sandbox's sub-account token on Kazoo 4.3) is
 * offered only the moves the server accepts from it: submit, and cancel while unconfirmed.
 */
test('a non-authority connection is offered only submit and cancel', async ({ page, host, sandbox }) => {
  test.setTimeout(120_000);
  const call = hostRpc(host);
  const sub = sandbox.accounts.subs[0]?.id ?? '';
  for (const [name, n] of [['Harbor fax line', '+12025550461'], ['Harbor main line', '+12025550462']] as const) {
    const res = await fetch(`${sandbox.kazooUrl}/v2/accounts/${sub}/port_requests`, {
      method: 'PUT',
      headers: { 'x-auth-token': sandbox.subToken, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { name, numbers: { [n]: {} } } }),
    });
    expect(res.status).toBe(201);
  }
  // Background ports kept local: this connection is the first, and would otherwise take and push all 300.
  await seedDemoPorts(call, 300, 7, { keptLocal: true });
  await call('remotes.add', { kind: 'kazoo', url: sandbox.kazooUrl, accountId: sub, token: sandbox.subToken, name: 'Harbor Lights' });
  await call('sync.now', {});
  await page.reload();
  await page.getByPlaceholder('Search name, number, carrier, account').fill('Harbor fax');

  const card = page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: /Harbor fax line/ });
  await expect(card).toBeVisible();
  await card.click();
  await page.keyboard.press('Escape');
  await card.focus();
  await card.press('m');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText([/Submitted/, /Canceled/]);

  const dir = join(ROOT, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  for (const size of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(dir, `authority-menu-${size.width}x${size.height}.png`) });
  }
  await page.keyboard.press('Escape');
  await card.click();
  await expect(page.getByRole('complementary')).toBeVisible();
  await expect(page.getByText('Private and action-required comments are for the port authority')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Private' })).toHaveCount(0);
  await page.getByText('Private and action-required comments are for the port authority').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(dir, 'authority-detail-1280x720.png') });
});

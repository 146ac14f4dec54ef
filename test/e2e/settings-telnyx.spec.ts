import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { testWithSandbox as test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';
import { startSandbox } from '../../src/sandbox/index';
import { carrierAllowsPortOut } from '../../src/sandbox/util/phone';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });

/** Two numbers the sandbox's Telnyx family accepts for porting. */
function portable(): string[] {
  for (let nxx = 300; nxx < 1000; nxx++) if (carrierAllowsPortOut(`+1212${nxx}0000`)) return [`+1212${nxx}0101`, `+1212${nxx}0102`];
  throw new Error('no portable exchange');
}

test('Settings: a Telnyx connection takes the API user with the token; the user is shown, the token never; sync signs in with both', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  await nav(page, 'Settings').click();
  await page.getByRole('radio', { name: 'Telnyx' }).check();
  await expect(page.getByLabel('Server URL')).toHaveAttribute('placeholder', 'https://api.telnyx.com');

  await page.getByRole('button', { name: 'Add connection' }).click();
  await expect(page.getByText(/API user is required/)).toBeVisible();
  await page.getByLabel('API user (e-mail)').fill('porting desk');
  await expect(page.getByText('API user must be an e-mail address, e.g. porting@example.com')).toBeVisible();

  await page.getByLabel('Server URL').fill(sandbox.telnyxUrl);
  await page.getByLabel('Account ID').fill(sandbox.accounts.root.id);
  await page.getByLabel('API user (e-mail)').fill(sandbox.telnyxUser);
  await page.getByLabel('Token', { exact: true }).fill(sandbox.token);
  await page.getByLabel('Name (optional)').fill('Telnyx porting');
  await page.getByLabel('Default connection ID (optional)').fill('conn-e2e');
  await page.getByRole('button', { name: 'Add connection' }).click();

  const row = page.getByRole('row', { name: /Telnyx porting/ });
  await expect(row).toContainText(sandbox.telnyxUser);
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  await expect(page.locator('body')).not.toContainText(sandbox.token);
  const [remote] = await call('remotes.list', {});
  expect(remote).toMatchObject({ kind: 'telnyx', apiUser: sandbox.telnyxUser, hasToken: true });
  expect(JSON.stringify(remote)).not.toContain(sandbox.token);

  // Sync signs in with the user and the token: the port becomes a Telnyx draft.
  const port = await call('ports.create', { fields: { name: 'Harbor Dental – Telnyx' }, numbers: portable() });
  await call('sync.now', {});
  await expect.poll(async () => (await call('ports.get', { id: port.id })).remoteObjectId, { timeout: 20_000 }).toMatch(/^draft:/);

  // Replacing the token shows the user, which can be corrected with it; a wrong one is refused.
  await page.getByRole('button', { name: 'Replace token of Telnyx porting' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('API user (e-mail)')).toHaveValue(sandbox.telnyxUser);
  await dialog.getByLabel('API user (e-mail)').fill('');
  await dialog.getByLabel('New token').fill(sandbox.token);
  await dialog.getByRole('button', { name: 'Save token' }).click();
  await expect(dialog.getByText(/API user is required/)).toBeVisible();
  await dialog.getByLabel('API user (e-mail)').fill(sandbox.subTelnyxUser);
  await dialog.getByRole('button', { name: 'Save token' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(sandbox.subTelnyxUser);
  // The sandbox refuses a token sent with another user: the connection pauses and says why.
  await call('ports.update', { id: port.id, patch: { locality: 'Annapolis' } });
  await call('sync.now', {});
  await nav(page, 'Sync').click();
  const card = page.getByRole('article', { name: 'Telnyx porting' });
  await expect(card).toContainText(/x-api-user/);
  await card.getByLabel('API user (e-mail)').fill(sandbox.telnyxUser);
  await card.getByLabel('New token').fill(sandbox.token);
  await card.getByRole('button', { name: 'Save token' }).click();
  await call('sync.now', {});
  await expect.poll(async () => (await call('ports.get', { id: port.id })).syncStatus, { timeout: 20_000 }).toBe('synced');
});

test('screenshots of Settings with Telnyx and Kazoo connections @screens', async ({ page, host, sandbox }) => {
  test.skip(!process.env.PORTDESK_SCREENS, 'screenshots run on demand: set PORTDESK_SCREENS=1');
  test.setTimeout(180_000);
  const call = hostRpc(host);
  await seedDemoPorts(call, 300);
  await call('remotes.add', { kind: 'kazoo', url: sandbox.kazooUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, name: 'Northwind reseller' });
  await call('remotes.add', { kind: 'telnyx', url: sandbox.telnyxUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, apiUser: sandbox.telnyxUser, name: 'Telnyx porting' });
  const dir = join(ROOT, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await nav(page, 'Settings').click();
    await page.getByRole('radio', { name: 'Telnyx' }).check();
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.screenshot({ path: join(dir, `settings-telnyx-${size.width}x${size.height}.png`), fullPage: true });
    await page.getByRole('button', { name: 'Replace token of Telnyx porting' }).click();
    await page.screenshot({ path: join(dir, `settings-token-${size.width}x${size.height}.png`) });
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  }
});

test('screenshots of Telnyx statuses on the board and in the detail @screens', async ({ page, host }) => {
  test.skip(!process.env.PORTDESK_SCREENS, 'screenshots run on demand: set PORTDESK_SCREENS=1');
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'portdesk-e2e-telnyx-demo-'));
  const demo = await startSandbox({ dataDir, port: 0, seed: 'demo' });
  try {
    const call = hostRpc(host);
    await seedDemoPorts(call, 300);
    await call('remotes.add', { kind: 'telnyx', url: demo.telnyxUrl, accountId: demo.accounts.root.id, token: demo.token, apiUser: demo.telnyxUser, name: 'Telnyx porting' });
    await call('sync.now', {});
    const dir = join(ROOT, 'test-results', 'screens');
    mkdirSync(dir, { recursive: true });
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(size);
      await page.reload();
      await page.getByRole('searchbox').fill('Telnyx pr_');
      await expect(page.getByRole('region', { name: 'Submitted' })).toBeVisible();
      await page.screenshot({ path: join(dir, `board-telnyx-${size.width}x${size.height}.png`) });
      await page.getByRole('region', { name: 'Rejected' }).getByRole('group').first().click();
      await expect(page.getByRole('complementary')).toBeVisible();
      await page.screenshot({ path: join(dir, `detail-telnyx-exception-${size.width}x${size.height}.png`) });
      await page.getByRole('button', { name: 'Close detail' }).click();
      await page.getByRole('region', { name: 'Submitted' }).getByRole('group').first().click();
      await page.screenshot({ path: join(dir, `detail-telnyx-${size.width}x${size.height}.png`) });
      await page.getByRole('button', { name: 'Close detail' }).click();
      await page.getByRole('searchbox').fill('');
    }
  } finally {
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

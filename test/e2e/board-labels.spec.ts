import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, testWithSandbox, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';

/** Issue 17, "labels that mean what they say": sub-account names, which number a search matched, card titles. */

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;
const HEX_ID = /\b[0-9a-f]{32}\b/;

async function screenshots(page: Page, name: string): Promise<void> {
  const dir = join(ROOT, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(dir, `${name}-${size.width}x${size.height}.png`) });
  }
}

testWithSandbox('sub-accounts show by name in the account filter, on the card and in the detail header, and search finds them', async ({ page, host, sandbox }) => {
  test.setTimeout(180_000);
  const call = hostRpc(host);
  const [harbor, cedar] = sandbox.accounts.subs;
  if (!harbor || !cedar) throw new Error('the sandbox has no sub-accounts');
  // Requests filed in two customers' sub-accounts, as a reseller's staff would in the Kazoo portal.
  for (const [account, name, number] of [
    [harbor.id, 'Front desk lines', '+13125550461'],
    [harbor.id, 'Fax lines', '+13125550462'],
    [cedar.id, 'Warehouse lines', '+13125550463'],
  ] as const) {
    const res = await fetch(`${sandbox.kazooUrl}/v2/accounts/${account}/port_requests`, {
      method: 'PUT',
      headers: { 'x-auth-token': sandbox.token, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { name, numbers: { [number]: {} } } }),
    });
    expect(res.status).toBe(201);
  }
  await seedDemoPorts(call, 300);
  await call('remotes.add', { kind: 'kazoo', url: sandbox.kazooUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, name: 'Northwind Kazoo' });
  await call('sync.now', {});
  await page.reload();

  const unconfirmed = page.getByRole('region', { name: 'Unconfirmed' });
  const filter = page.getByRole('combobox', { name: 'Account' });
  // The demo ports went to the connection's own account when it was added: it is listed by name too.
  await expect(filter.locator('optgroup[label="Remote sub-accounts"] option')).toHaveText([cedar.name, harbor.name, sandbox.accounts.root.name].sort((a, b) => a.localeCompare(b)));
  expect(await filter.locator('option').allTextContents()).not.toContainEqual(expect.stringMatching(HEX_ID));

  // The filter keeps that sub-account's ports only.
  await filter.selectOption({ label: harbor.name });
  await expect(unconfirmed.getByRole('group')).toHaveCount(2);
  const card = unconfirmed.getByRole('group', { name: 'Front desk lines' });
  await expect(card).toContainText(harbor.name);
  await expect(card).not.toContainText(HEX_ID);
  await screenshots(page, 'subaccount-filter');
  await card.click();
  const header = page.getByRole('complementary', { name: 'Port Front desk lines' }).locator('header');
  const place = header.getByTitle(`Connection: Northwind Kazoo\nSub-account: ${harbor.name}`);
  await expect(place).toContainText('Northwind Kazoo');
  await expect(place).toContainText(harbor.name);
  await expect(header).not.toContainText(HEX_ID);
  await expect(header).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await screenshots(page, 'subaccount-detail');
  await page.keyboard.press('Escape');

  // Searching the sub-account's name finds its ports (the port names do not contain it).
  await filter.selectOption({ label: 'All accounts' });
  await page.getByRole('searchbox', { name: 'Search ports' }).fill(cedar.name);
  await expect(unconfirmed.getByRole('group')).toHaveCount(1);
  await expect(unconfirmed.getByRole('group', { name: 'Warehouse lines' })).toContainText(cedar.name);
});

testWithSandbox('before a pull has named its sub-account, a port reads by its connection and “account not yet named”; the remote hint says the connection is paused and why', async ({ page, host, sandbox }) => {
  test.setTimeout(120_000);
  const call = hostRpc(host);
  await seedDemoPorts(call, 200, 7, { keptLocal: true });
  // The token is refused before any pull could name the account: the connection pauses at its first sync.
  const admin = await fetch(`${sandbox.adminUrl}/tokens/expire`, { method: 'POST', headers: { 'x-auth-token': sandbox.token, 'content-type': 'application/json' }, body: '{}' });
  expect(admin.status).toBe(200);
  const remote = await call('remotes.add', { kind: 'kazoo', url: sandbox.kazooUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, name: 'Northwind Kazoo' });
  await call('ports.create', { fields: { name: 'Harbor front desk', accountName: 'Harbor Dental' }, remoteId: remote.id, remoteAccountId: sandbox.accounts.root.id });
  await call('sync.now', {});
  await expect.poll(async () => (await call('sync.status', {})).remotes[0]?.state).toBe('paused');
  await page.reload();

  await page.getByRole('searchbox', { name: 'Search ports' }).fill('Harbor front desk');
  const card = page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: 'Harbor front desk' });
  await expect(card).toBeVisible();
  await expect(card).not.toContainText('Account ');
  await expect(card).not.toContainText(sandbox.accounts.root.id.slice(0, 4));
  await card.click();
  const detail = page.getByRole('complementary', { name: 'Port Harbor front desk' });
  const place = detail.locator('header').getByTitle(`Connection: Northwind Kazoo\nSub-account: account not yet named (id ${sandbox.accounts.root.id})`);
  await expect(place).toHaveText('Northwind Kazoo › , sub-account account not yet named');
  await expect(detail.locator('header')).not.toContainText(sandbox.accounts.root.id.slice(0, 4));
  await expect(detail.getByRole('combobox', { name: 'Remote for this port' })).toHaveAccessibleDescription(
    'Northwind Kazoo is paused: its server refused the token (401), so nothing is sent to it or pulled from it until a new token is entered on the Sync screen. Until then you can choose another remote, or keep the port local.',
  );
  await screenshots(page, 'paused-unnamed-detail');

  // The account filter names it on its connection; the table neither shows the id nor groups by it.
  await expect(page.getByRole('combobox', { name: 'Account' }).locator('optgroup[label="Remote sub-accounts"] option')).toHaveText([`Northwind Kazoo: account not yet named (${sandbox.accounts.root.id.slice(0, 4)}…)`]);
  await page.getByRole('button', { name: 'Close detail' }).click();
  await page.getByRole('radio', { name: 'Table' }).click();
  const grid = page.getByRole('grid', { name: 'Ports' });
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(grid).not.toContainText(HEX_ID);
});

test('a number search shows on each card the number that matched', async ({ page, host }) => {
  test.setTimeout(120_000);
  const call = hostRpc(host);
  await seedDemoPorts(call, 300);
  await call('ports.create', { fields: { name: 'Quarry Lane – main office' }, numbers: ['(720) 555-0100', '(720) 555-0142', '(720) 555-0199'] });
  await call('ports.create', { fields: { name: 'Quarry Lane – fax' }, numbers: ['(720) 555-0300', '(720) 555-0342'] });
  await page.reload();

  const search = page.getByRole('searchbox', { name: 'Search ports' });
  await search.fill('720 555 01');
  const unconfirmed = page.getByRole('region', { name: 'Unconfirmed' });
  const main = unconfirmed.getByRole('group', { name: 'Quarry Lane – main office' });
  await expect(main.locator('mark')).toHaveText('Matches +1 720 555 0100');
  await expect(unconfirmed.getByRole('group', { name: 'Quarry Lane – fax' })).toHaveCount(0);

  // Not the first number: the one that matched.
  await search.fill('5550342');
  const fax = unconfirmed.getByRole('group', { name: 'Quarry Lane – fax' });
  await expect(fax.locator('mark')).toHaveText('Matches +1 720 555 0342');
  await search.fill('555-0199');
  await expect(main.locator('mark')).toHaveText('Matches +1 720 555 0199');
  await screenshots(page, 'search-matched-number');

  // A text search marks nothing.
  await search.fill('Quarry Lane');
  await expect(main).toBeVisible();
  await expect(main.locator('mark')).toHaveCount(0);
});

testWithSandbox('an illegal drop says why: the state rule, or the remote rule for this connection', async ({ page, host, sandbox }) => {
  test.setTimeout(180_000);
  const call = hostRpc(host);
  // A request the sub-account filed and submitted itself: its connection is not the port authority.
  const sub = sandbox.accounts.subs[0]?.id ?? '';
  const headers = { 'x-auth-token': sandbox.subToken, 'content-type': 'application/json' };
  const created = await fetch(`${sandbox.kazooUrl}/v2/accounts/${sub}/port_requests`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ data: { name: 'Harbor main line', numbers: { '+12025550471': {} } } }),
  });
  expect(created.status).toBe(201);
  const id = ((await created.json()) as { data: { id: string } }).data.id;
  const submitted = await fetch(`${sandbox.kazooUrl}/v2/accounts/${sub}/port_requests/${id}/submitted`, { method: 'PATCH', headers, body: JSON.stringify({ data: {} }) });
  expect(submitted.status).toBe(200);
  await seedDemoPorts(call, 300);
  const done = await call('ports.create', { fields: { name: 'Finished bakery port', losingCarrier: 'AT&T' }, numbers: ['(720) 555-0900'] });
  for (const to of ['submitted', 'pending', 'completed'] as const) await call('ports.move', { id: done.id, to, force: true });
  await call('remotes.add', { kind: 'kazoo', url: sandbox.kazooUrl, accountId: sub, token: sandbox.subToken, name: 'Harbor Lights' });
  await call('sync.now', {});
  await page.reload();

  const search = page.getByRole('searchbox', { name: 'Search ports' });
  const column = (name: string) => page.getByRole('region', { name, exact: true });
  const alert = page.getByRole('alert');

  // The state rule: a completed port is final.
  await search.fill('Finished bakery');
  await column('Completed').getByRole('button', { name: /Show Completed/ }).click();
  await column('Completed').getByRole('group', { name: 'Finished bakery port' }).dragTo(column('Submitted'));
  await expect(alert).toHaveText('Cannot move "Finished bakery port" from Completed to Submitted; Completed is final');
  await expect(column('Completed').getByRole('group', { name: 'Finished bakery port' })).toBeVisible();
  await screenshots(page, 'illegal-drop-final');
  await alert.getByRole('button', { name: 'Dismiss' }).click();

  // The remote's rule: only the port authority moves a submitted request on.
  await search.fill('Harbor main');
  await column('Submitted').getByRole('group', { name: 'Harbor main line' }).dragTo(column('Pending'));
  await expect(alert).toContainText('Cannot move "Harbor main line" to Pending: this connection is not the request\'s port authority');
  await expect(alert).toContainText('please contact your port authority');
  await expect(column('Submitted').getByRole('group', { name: 'Harbor main line' })).toBeVisible();
  expect((await call('ports.list', {})).find((p) => p.name === 'Harbor main line')?.state).toBe('submitted');
});

test('card titles use the head width at 1366 px and show the whole name on keyboard focus and hover', async ({ page, host }) => {
  test.setTimeout(120_000);
  const call = hostRpc(host);
  await seedDemoPorts(call, 300);
  const long = 'Riverside Community Church – after-hours lines, second building';
  await call('ports.create', { fields: { name: long, losingCarrier: 'Lumen' }, numbers: ['(720) 555-0600'] });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.reload();
  await page.getByRole('searchbox', { name: 'Search ports' }).fill('Riverside Community Church – after');
  const card = page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: long });
  const title = card.locator('.card-title');
  await expect(title).toHaveAttribute('title', long);
  // Characters shown before the ellipsis: about 12 before the warning and menu left the head.
  const shown = await title.evaluate((el, n) => Math.floor((el.clientWidth / el.scrollWidth) * n), long.length);
  expect(shown).toBeGreaterThanOrEqual(20);

  await page.getByRole('searchbox', { name: 'Search ports' }).press('Tab');
  await card.focus();
  await expect(card).toBeFocused();
  const clipped = await title.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
  expect(clipped).toBe(false);
  await screenshots(page, 'card-title-focus');
});

test('the unsaved-draft notice leaves the open port’s Save bar uncovered at 1280x720', async ({ page, host }) => {
  test.setTimeout(120_000);
  const call = hostRpc(host);
  await seedDemoPorts(call, 300);
  await call('ports.create', { fields: { name: 'Maple Street Bakery – front' }, numbers: ['(720) 555-0700'] });
  await call('ports.create', { fields: { name: 'Maple Street Bakery – back' }, numbers: ['(720) 555-0701'] });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.reload();
  await page.getByRole('searchbox', { name: 'Search ports' }).fill('Maple Street Bakery – ');
  const column = page.getByRole('region', { name: 'Unconfirmed' });
  await column.getByRole('group', { name: 'Maple Street Bakery – front', exact: true }).click();
  await page.getByRole('complementary').getByLabel('Authorized person').fill('Dana Whitfield');
  await column.getByRole('group', { name: 'Maple Street Bakery – back', exact: true }).click();
  const notice = page.getByText('1 unsaved edit to “Maple Street Bakery – front” kept as a draft');
  await expect(notice).toBeVisible();
  const save = page.getByRole('complementary', { name: 'Port Maple Street Bakery – back' }).getByRole('button', { name: 'Save changes' });
  await save.scrollIntoViewIfNeeded();
  const [a, b] = [await notice.boundingBox(), await save.boundingBox()];
  if (!a || !b) throw new Error('not laid out');
  const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlaps).toBe(false);
  await screenshots(page, 'draft-notice');
});

testWithSandbox('the remote hint in an open detail panel turns to “paused” when its connection pauses (401) meanwhile', async ({ page, host, sandbox }) => {
  test.setTimeout(120_000);
  const call = hostRpc(host);
  const remote = await call('remotes.add', { kind: 'kazoo', url: sandbox.kazooUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, name: 'Northwind Kazoo' });
  await call('ports.create', { fields: { name: 'Harbor back office', accountName: 'Harbor Dental' }, remoteId: remote.id, remoteAccountId: sandbox.accounts.root.id });
  await call('sync.now', {});
  await expect.poll(async () => (await call('sync.status', {})).remotes[0]?.state).not.toBe('paused');
  await page.reload();

  await page.getByRole('searchbox', { name: 'Search ports' }).fill('Harbor back office');
  await page.getByRole('group', { name: 'Harbor back office' }).click();
  const picker = page.getByRole('complementary', { name: 'Port Harbor back office' }).getByRole('combobox', { name: 'Remote for this port' });
  await expect(picker).toHaveAccessibleDescription(/^(Sent with the next sync|On Northwind Kazoo)/);

  // The token is refused while the panel stays open.
  const admin = await fetch(`${sandbox.adminUrl}/tokens/expire`, { method: 'POST', headers: { 'x-auth-token': sandbox.token, 'content-type': 'application/json' }, body: '{}' });
  expect(admin.status).toBe(200);
  await call('sync.now', {});
  await expect.poll(async () => (await call('sync.status', {})).remotes[0]?.state).toBe('paused');
  await expect(picker).toHaveAccessibleDescription(/Northwind Kazoo is paused: its server refused the token \(401\)/);
});

import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

const unconfirmed = (page: Page) => page.getByRole('region', { name: 'Unconfirmed', exact: true }).getByRole('group');

test('partial-number search finds ports whose numbers contain the digits, in any punctuation', async ({ page, host }) => {
  const call = hostRpc(host);
  await call('ports.create', { fields: { name: 'Holds 0142' }, numbers: ['+1 202 555 0142'] });
  await call('ports.create', { fields: { name: 'Holds 0199' }, numbers: ['(303) 555-0199'] });
  await call('ports.create', { fields: { name: 'Elsewhere' }, numbers: ['512 777 1234'] });
  await page.reload();
  await expect(unconfirmed(page)).toHaveCount(3);

  const search = page.getByRole('searchbox', { name: 'Search ports' });
  await search.fill('555-01');
  await expect(unconfirmed(page)).toHaveCount(2);
  await search.fill('(202) 555-01');
  await expect(unconfirmed(page)).toHaveText([/Holds 0142/]);
  await search.fill('777');
  await expect(unconfirmed(page)).toHaveText([/Elsewhere/]);
});

test('the account filter offers account names and remote sub-accounts and narrows the board', async ({ page, host }) => {
  const call = hostRpc(host);
  await call('ports.create', { fields: { name: 'Dental main', accountName: 'Acme Dental' } });
  await call('ports.create', { fields: { name: 'Dental fax', accountName: 'Acme Dental' }, remoteAccountId: 'sub-42' });
  await call('ports.create', { fields: { name: 'Hotel', accountName: 'Harborview Hotel' } });
  await page.reload();
  const account = page.getByRole('combobox', { name: 'Account' });
  await account.selectOption({ label: 'Acme Dental' });
  await expect(unconfirmed(page)).toHaveCount(2);
  await account.selectOption({ label: 'sub-42' });
  await expect(unconfirmed(page)).toHaveText([/Dental fax/]);
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(unconfirmed(page)).toHaveCount(3);
});

test('the status slot says the view is connected, and disconnected when the host goes away', async ({ page, host }) => {
  const status = page.getByRole('status', { name: 'Sync status' });
  await expect(status).toContainText('Working offline');
  await host.stop();
  await expect(status).toContainText('Disconnected from PortDesk');
});

test('the FOC date range opens from one chip, narrows the board and names the range on the chip', async ({ page, host }) => {
  const call = hostRpc(host);
  await call('ports.create', { fields: { name: 'Early', focDate: '2026-12-01' } });
  await call('ports.create', { fields: { name: 'Late', focDate: '2027-02-01' } });
  await page.reload();
  await expect(unconfirmed(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'FOC date' }).click();
  const range = page.getByRole('group', { name: 'FOC date range' });
  await range.getByLabel('FOC from').fill('2026-11-20');
  await range.getByLabel('FOC to').fill('2026-12-31');
  await expect(unconfirmed(page)).toHaveText([/Early/]);
  await page.keyboard.press('Escape');
  await expect(range).toBeHidden();
  await expect(page.getByRole('button', { name: 'FOC Nov 20 – Dec 31' })).toHaveAttribute('aria-pressed', 'true');
});

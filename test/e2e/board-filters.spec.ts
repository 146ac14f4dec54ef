import type { Page } from '@playwright/test';
import { PDFDocument } from '@cantoo/pdf-lib';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';
import { READY_FIELDS } from '../support/port-fields';

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
  // A sub-account the remote never named says so, with the start of its id (named ones show their name).
  await account.selectOption({ label: 'Connection: account not yet named (sub-…)' });
  await expect(unconfirmed(page)).toHaveText([/Dental fax/]);
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(unconfirmed(page)).toHaveCount(3);
});

test('the status slot says the view is connected, and disconnected when the host goes away', async ({ page, host }) => {
  const status = page.getByRole('status', { name: 'Sync status' });
  await expect(status).toContainText('Local only: no connection set up');
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

test('ready to submit: the review queue shows only complete drafts, which move to Submitted together', async ({ page, host }) => {
  const call = hostRpc(host);
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]);
  const pdf = Buffer.from(await doc.save()).toString('base64');
  for (const [i, name] of ['Ready one', 'Ready two', 'Missing bill'].entries()) {
    const p = await call('ports.create', { fields: { name, ...READY_FIELDS }, numbers: [`202555161${i}`] });
    await call('attachments.add', { portId: p.id, filename: 'loa.pdf', contentBase64: pdf, kind: 'loa' });
    if (name !== 'Missing bill') await call('attachments.add', { portId: p.id, filename: 'bill.pdf', contentBase64: pdf, kind: 'bill' });
  }
  await call('ports.create', { fields: { name: 'Bare draft' }, numbers: [] });
  await page.reload();
  await expect(unconfirmed(page)).toHaveCount(4);

  const show = page.getByRole('combobox', { name: 'Show' });
  await show.selectOption({ label: 'Ready to submit' });
  await expect(unconfirmed(page)).toHaveText([/Ready (one|two)/, /Ready (one|two)/]);
  await expect(page.getByText('2 of 4 ports')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select all in Unconfirmed' }).check();
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await bar.getByRole('button', { name: 'Move selected to…' }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Submitted' }).click();
  await expect(unconfirmed(page)).toHaveCount(0);

  await show.selectOption({ label: 'All ports' });
  await expect(page.getByRole('region', { name: 'Submitted', exact: true }).getByRole('group')).toHaveCount(2);
  await expect(unconfirmed(page)).toHaveText([/Missing bill|Bare draft/, /Missing bill|Bare draft/]);
});

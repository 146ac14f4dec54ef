import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

const grid = (page: Page) => page.getByRole('grid', { name: 'Ports' });
const row = (page: Page, name: string) => grid(page).getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select ${name}`, exact: true }) });
const toast = (page: Page) => page.locator('.edit-undo-toast');

test('Ctrl+Z undoes edit after edit, newest first, and the toast names what the next one undoes', async ({ page, host }) => {
  const call = hostRpc(host);
  const ids: string[] = [];
  for (const name of ['Port 01', 'Port 02']) ids.push((await call('ports.create', { fields: { name, losingCarrier: 'Verizon', accountNumber: '111' }, numbers: [], remoteId: null })).id);
  const carriers = async () => (await call('ports.summaries', { ids })).sort((a, b) => a.name.localeCompare(b.name)).map((p) => `${p.losingCarrier}/${p.accountNumber}`);
  await page.reload();
  await page.getByRole('radio', { name: 'Table' }).click();

  // Step 1: an inline edit of one cell.
  await row(page, 'Port 01').getByRole('gridcell').filter({ hasText: 'Verizon' }).dblclick();
  await grid(page).getByLabel('Losing carrier of Port 01').fill('AT&T');
  await grid(page).getByLabel('Losing carrier of Port 01').press('Enter');
  await expect(toast(page)).toContainText('Edited Losing carrier on 1 port');
  // Step 2: a field set on both rows.
  await grid(page).getByRole('checkbox', { name: 'Select all rows' }).check();
  await page.getByRole('button', { name: 'Set field…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set a field on 2 ports' });
  await dialog.getByLabel('Field').selectOption('accountNumber');
  await dialog.getByLabel('New value').fill('222');
  await dialog.getByRole('button', { name: 'Set on 2 ports' }).click();
  await expect(toast(page)).toContainText('Set Account number on 2 ports');
  await expect(toast(page).getByRole('button', { name: 'Undo' })).toHaveAttribute('title', 'Undo: Set Account number on 2 ports (Ctrl+Z)');
  expect(await carriers()).toEqual(['AT&T/222', 'Verizon/222']);
  await page.getByRole('button', { name: 'Clear selection' }).click();

  await page.keyboard.press('Control+z');
  await expect(toast(page)).toContainText('Undone: Set Account number on 2 ports. Ctrl+Z again undoes: Edited Losing carrier on 1 port');
  await expect.poll(carriers).toEqual(['AT&T/111', 'Verizon/111']);

  // The toast's Undo takes back the step it names.
  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page)).toContainText('Undone: Edited Losing carrier on 1 port');
  await expect.poll(carriers).toEqual(['Verizon/111', 'Verizon/111']);
  await expect(row(page, 'Port 01')).toContainText('Verizon');
  // Nothing left to undo: no Undo button, and Ctrl+Z changes nothing.
  await expect(toast(page).getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  expect(await carriers()).toEqual(['Verizon/111', 'Verizon/111']);
});

import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';
import { READY_FIELDS } from '../support/port-fields';

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

test('a bulk move of 40 ports is one undoable step; a port moved on since is named with why; a tag on 40 ports undoes too', async ({ page, host }) => {
  const call = hostRpc(host);
  const ids: string[] = [];
  for (let i = 1; i <= 40; i++) {
    const p = await call('ports.create', { fields: { ...READY_FIELDS, name: `Move ${String(i).padStart(2, '0')}` }, numbers: [`+1202555${3000 + i}`], remoteId: null });
    await call('ports.move', { id: p.id, to: 'submitted', force: true });
    ids.push(p.id);
  }
  const states = async () => (await call('ports.summaries', { ids })).reduce<Record<string, number>>((n, p) => ({ ...n, [p.state]: (n[p.state] ?? 0) + 1 }), {});
  const tagged = async () => (await call('ports.summaries', { ids })).filter((p) => p.tags.includes('Batch 7')).length;
  await page.reload();
  await page.getByRole('radio', { name: 'Table' }).click();

  await grid(page).getByRole('checkbox', { name: 'Select all rows' }).check();
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(bar).toContainText('40 selected');
  await bar.getByRole('button', { name: 'Move selected to…' }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Pending' }).click();
  await expect(toast(page)).toContainText('Moved 40 ports to Pending');
  await expect.poll(states).toEqual({ pending: 40 });

  // The same selection tagged: a second step on top of the move.
  await grid(page).getByRole('checkbox', { name: 'Select all rows' }).check();
  await bar.getByRole('button', { name: 'Tag…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag 40 ports' });
  await dialog.getByRole('combobox', { name: 'Tag' }).fill('Batch 7');
  await dialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(toast(page)).toContainText('Tagged 40 ports with "Batch 7"');
  await expect(toast(page).getByRole('button', { name: 'Undo' })).toHaveAttribute('title', 'Undo: Tagged 40 ports with "Batch 7" (Ctrl+Z)');
  expect(await tagged()).toBe(40);
  await page.getByRole('button', { name: 'Clear selection' }).click();

  await page.keyboard.press('Control+z');
  await expect(toast(page)).toContainText('Undone: Tagged 40 ports with "Batch 7". Ctrl+Z again undoes: Moved 40 ports to Pending');
  await expect.poll(tagged).toBe(0);

  // Meanwhile one port moves on (Pending to Rejected): the undo cannot put it back, and says so.
  await call('ports.move', { id: ids[6]!, to: 'rejected' });
  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page)).toContainText('Undone: Moved 40 ports to Pending (1 port could not be changed back)');
  await expect(page.getByRole('status').filter({ hasText: 'Not undone on 1 port: “Move 07” is Rejected now, no longer Pending: it has moved since' })).toBeVisible();
  await expect.poll(states).toEqual({ submitted: 39, rejected: 1 });
  await expect(row(page, 'Move 40')).toContainText('Submitted');
  // Withdrawn before they were sent: the 39 ports have no move left to send.
  expect((await call('ports.get', { id: ids[0]! })).timeline.at(-1)).toMatchObject({ kind: 'state', toState: 'submitted', message: 'Move to Pending undone before it was sent' });
});

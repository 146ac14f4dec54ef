import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';

const DAY = 86_400_000;
type Call = ReturnType<typeof hostRpc>;

/** `count` drafts named "Port 01".. with one number each; returns their ids in name order. */
async function seed(call: Call, count: number, prefix = 'Port'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const p = await call('ports.create', { fields: { name: `${prefix} ${String(i).padStart(2, '0')}`, losingCarrier: 'Verizon' }, numbers: [`+1202555${String(1000 + i)}`], remoteId: null });
    ids.push(p.id);
  }
  return ids;
}

async function openTable(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Table' }).click();
  await expect(page.getByRole('grid', { name: 'Ports' })).toBeVisible();
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Ports' });
const row = (page: Page, name: string) => grid(page).getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select ${name}`, exact: true }) });

test('switches between board and table (remembered), sorts by a column both ways', async ({ page, host }) => {
  const call = hostRpc(host);
  await seed(call, 3);
  await call('ports.create', { fields: { name: 'Alpha Dental' }, remoteId: null });
  await page.reload();
  await expect(page.getByRole('region', { name: 'Unconfirmed' })).toBeVisible();
  await openTable(page);
  await page.reload();
  await expect(grid(page)).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Table' })).toHaveAttribute('aria-checked', 'true');

  const nameHeader = grid(page).getByRole('columnheader', { name: 'Name' });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  const dataRows = grid(page).getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(dataRows.first()).toContainText('Alpha Dental');
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(dataRows.first()).toContainText('Port 03');
  await expect(dataRows.last()).toContainText('Alpha Dental');

  await page.getByRole('radio', { name: 'Board' }).click();
  await expect(page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: 'Port 01' })).toBeVisible();
});

test('an inline edit shows the detail form’s error on the cell, then saves', async ({ page, host }) => {
  const call = hostRpc(host);
  const [id] = await seed(call, 1);
  await page.reload();
  await openTable(page);
  const cell = row(page, 'Port 01').getByRole('gridcell').filter({ hasText: 'Verizon' });
  await cell.dblclick();
  const input = grid(page).getByLabel('Losing carrier of Port 01');
  await input.fill('x'.repeat(129));
  await input.press('Enter');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(grid(page).getByRole('alert')).toHaveText('Losing carrier is too long: 129 characters, at most 128');
  await input.fill('AT&T');
  await input.press('Enter');
  await expect(row(page, 'Port 01')).toContainText('AT&T');
  expect((await call('ports.get', { id: id! })).losingCarrier).toBe('AT&T');
});

test('sets a field on 40 selected ports in one step (a submitted one skipped), then Ctrl+Z undoes it', async ({ page, host }) => {
  const call = hostRpc(host);
  const ids = await seed(call, 40);
  const sent = await call('ports.create', { fields: { name: 'Sent one', losingCarrier: 'Verizon' }, numbers: ['+12025552000'], remoteId: null });
  await call('ports.move', { id: sent.id, to: 'submitted', force: true });
  await page.reload();
  await openTable(page);
  await grid(page).getByRole('checkbox', { name: 'Select all rows' }).check();
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('41 selected');
  await page.getByRole('button', { name: 'Set field…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set a field on 41 ports' });
  await dialog.getByLabel('Field').selectOption('losingCarrier');
  await dialog.getByLabel('New value').fill('Lumen');
  await dialog.getByRole('button', { name: 'Set on 41 ports' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Skipped 1 port: “Sent one” is submitted' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Set Losing carrier on 40 ports' })).toBeVisible();
  const carriers = async () => (await call('ports.summaries', { ids })).map((p) => p.losingCarrier);
  expect(new Set(await carriers())).toEqual(new Set(['Lumen']));
  await expect(row(page, 'Port 40')).toContainText('Lumen');

  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status').filter({ hasText: 'Undone: Set Losing carrier on 40 ports' })).toBeVisible();
  await expect(row(page, 'Port 40')).toContainText('Verizon');
  expect(new Set(await carriers())).toEqual(new Set(['Verizon']));
});

test('pastes a column of 40 account numbers from the clipboard onto the selected rows, in order, after a preview', async ({ page, host, context }) => {
  const call = hostRpc(host);
  const ids = await seed(call, 40);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.reload();
  await openTable(page);
  await grid(page).getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  const numbers = ids.map((_, i) => `00${7000 + i}`);
  await page.evaluate((text) => navigator.clipboard.writeText(text), `${numbers.join('\r\n')}\r\n`);
  // Focus a read-only column: the pasted column then goes to the account number.
  await row(page, 'Port 01').locator('[data-col="5"]').click();
  await grid(page).getByRole('checkbox', { name: 'Select all rows' }).check();
  await page.keyboard.press('Control+v');
  const dialog = page.getByRole('dialog', { name: 'Paste 40 lines onto 40 selected ports' });
  await expect(dialog.getByLabel('Column 1 is')).toHaveValue('accountNumber');
  await expect(dialog).toContainText('40 ports change');
  await expect(dialog.getByRole('row').filter({ hasText: 'Port 02' })).toContainText('007001');
  await dialog.getByRole('button', { name: 'Apply to 40 ports' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Pasted Account number on 40 ports' })).toBeVisible();
  const byId = new Map((await call('ports.summaries', { ids })).map((p) => [p.id, p.accountNumber]));
  expect(ids.map((id) => byId.get(id))).toEqual(numbers);
});

test('saves the current filters and sort as a view, lists it with its count, and reopens it', async ({ page, host }) => {
  const call = hostRpc(host);
  const ids = await seed(call, 3);
  await call('ports.move', { id: ids[1]!, to: 'submitted', force: true });
  await call('ports.move', { id: ids[2]!, to: 'submitted', force: true });
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.reload();
  await page.getByRole('group', { name: 'States' }).getByRole('button', { name: 'Submitted' }).click();
  await openTable(page);
  await grid(page).getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await page.getByRole('button', { name: 'Save view…' }).click();
  await page.getByRole('dialog', { name: 'Save view' }).getByLabel('View name').fill('Waiting on carrier');
  await page.getByRole('dialog', { name: 'Save view' }).getByRole('button', { name: 'Save view' }).click();
  const views = page.getByRole('region', { name: 'Saved views' });
  const mine = views.getByRole('button', { name: /^Waiting on carrier\s*2$/ });
  await expect(mine).toBeVisible();
  await expect(views.getByRole('button', { name: /^FOC overdue\s*0$/ })).toBeVisible();

  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(page.getByText('3 ports', { exact: true })).toBeVisible();
  await mine.click();
  await expect(page.getByText('2 of 3 ports')).toBeVisible();
  await expect(page.getByRole('group', { name: 'States' }).getByRole('button', { name: 'Submitted' })).toHaveAttribute('aria-pressed', 'true');
  await expect(grid(page).getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(mine).toHaveAttribute('aria-current', 'true');
  expect((await call('views.list', {})).map((v) => v.name)).toContain('Waiting on carrier');
});

test('exports the view to CSV and re-imports the file as the same numbers', async ({ page, host }) => {
  const call = hostRpc(host);
  const ids = await seed(call, 3);
  await call('numbers.add', { portId: ids[0]!, numbers: ['+12025553001', '+12025553002'] });
  const before = await Promise.all(ids.map(async (id) => (await call('ports.get', { id })).numbers.map((n) => n.e164).sort()));
  await page.reload();
  await openTable(page);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 3 ports' });
  await dialog.getByLabel('CSV (.csv)').check();
  await dialog.getByLabel('One per number').check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^portdesk-ports-.*\.csv$/);
  const csv = readFileSync((await file.path())!);
  expect(csv.toString('utf8').split('\r\n')).toHaveLength(1 + 5);

  // Gone from the store, then back from the file: same ports, same numbers.
  for (const id of ids) await call('ports.delete', { id });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('Import file').setInputFiles({ name: file.suggestedFilename(), mimeType: 'text/csv', buffer: csv });
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('dialog', { name: 'Import these numbers?' }).getByRole('button', { name: 'Create ports' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 5 numbers into 3 ports' })).toBeVisible();
  const after = await call('ports.list', {});
  const numbers = await Promise.all(after.map(async (p) => [p.name, (await call('ports.get', { id: p.id })).numbers.map((n) => n.e164).sort()] as const));
  expect(numbers.sort((a, b) => a[0].localeCompare(b[0])).map(([, n]) => n)).toEqual(before);
});

test('shows days in state from a timeline seeded days ago, flagged past the state’s threshold', async ({ page, host }) => {
  const call = hostRpc(host);
  const [stuck, fresh] = await seed(call, 2);
  for (const id of [stuck!, fresh!]) await call('ports.move', { id, to: 'submitted', force: true });
  // The timeline says the carrier got it 8 days ago (as a pull of an old move would record it).
  const db = new Database(host.dbPath);
  db.prepare("INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor) VALUES (?, ?, 'state', 'unconfirmed', 'submitted', 'Moved to Submitted', 'you')").run(stuck, Date.now() - 8 * DAY - 60_000);
  db.close();
  await page.reload();
  const card = page.getByRole('region', { name: 'Submitted' }).getByRole('group', { name: 'Port 01' });
  await expect(card.getByText('8d')).toHaveClass(/is-ageing/);
  await expect(page.getByRole('region', { name: 'Submitted' }).getByRole('group', { name: 'Port 02' }).getByText('0d')).not.toHaveClass(/is-ageing/);
  await openTable(page);
  await expect(row(page, 'Port 01').getByTitle(/^Submitted for 8 days .*: over the 5-day limit for Submitted$/)).toHaveText('8d (ageing)');
  await page.getByRole('button', { name: 'Saved views' }).click();
  await expect(page.getByRole('button', { name: /^Stuck > 5 days in Submitted\s*1$/ })).toBeVisible();
});

test('at 1280x720 the table shows every port’s whole state and FOC / transfer date; longer values end in an ellipsis', async ({ page, host }) => {
  test.setTimeout(120_000);
  await seedDemoPorts(hostRpc(host), 120);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.reload();
  await page.getByRole('radio', { name: 'Table' }).click();
  const grid = page.getByRole('grid', { name: 'Ports' });
  await expect(grid.locator('[data-row="0"]')).toBeVisible();
  const headers = await grid.locator('.ptable-th').allTextContents();
  const cols = ['State', 'FOC / transfer'].map((label) => headers.findIndex((h) => h.startsWith(label)));
  const clipped = async () =>
    grid.evaluate(
      (el, wanted) => [...el.querySelectorAll<HTMLElement>('.ptable-td[data-col]')].filter((td) => wanted.includes(Number(td.dataset.col)) && td.scrollWidth > td.clientWidth).map((td) => td.textContent),
      cols,
    );
  // Every row passes through the drawn range as the table scrolls to its end.
  const seen: (string | null)[] = [];
  for (;;) {
    seen.push(...(await clipped()));
    const atEnd = await grid.evaluate(async (el) => {
      el.scrollTop += el.clientHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
    });
    if (atEnd) break;
  }
  seen.push(...(await clipped()));
  expect(seen).toEqual([]);
  // A name too long for its column is cut with an ellipsis, not mid-letter: the cell is a block (a flex box's text shows none).
  expect(await grid.locator('.ptable-td[data-col="0"]').first().evaluate((td) => [getComputedStyle(td).display, getComputedStyle(td).textOverflow])).toEqual(['block', 'ellipsis']);
});

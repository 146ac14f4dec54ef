import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

const DAY = 86_400_000;
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
const grid = (page: Page) => page.getByRole('grid', { name: 'Ports' });
const row = (page: Page, name: string) => grid(page).getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select ${name}`, exact: true }) });
const card = (page: Page, name: string) => page.getByRole('region', { name: 'Submitted' }).getByRole('group', { name, exact: true });
const ageing = (page: Page) => page.getByRole('region', { name: 'Ageing' });

test('the Ageing settings change which cards and rows are flagged, and a bad limit is refused with its reason', async ({ page, host }) => {
  const call = hostRpc(host);
  const ids: string[] = [];
  for (const name of ['Three days', 'Seven days']) {
    const p = await call('ports.create', { fields: { name }, numbers: [], remoteId: null });
    await call('ports.move', { id: p.id, to: 'submitted', force: true });
    ids.push(p.id);
  }
  // The timeline says the carrier got them 3 and 7 days ago.
  const db = new Database(host.dbPath);
  const seedMove = db.prepare("INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor) VALUES (?, ?, 'state', 'unconfirmed', 'submitted', 'Moved to Submitted', 'you')");
  seedMove.run(ids[0], Date.now() - 3 * DAY - 60_000);
  seedMove.run(ids[1], Date.now() - 7 * DAY - 60_000);
  db.close();
  await page.reload();
  // The default Submitted limit is 5 days: only the week-old port is flagged.
  await expect(card(page, 'Seven days').getByText('7d')).toHaveClass(/is-ageing/);
  await expect(card(page, 'Three days').getByText('3d')).not.toHaveClass(/is-ageing/);

  await nav(page, 'Settings').click();
  const submitted = ageing(page).getByLabel('Submitted (days)');
  await expect(submitted).toHaveValue('5');
  await submitted.fill('0');
  await ageing(page).getByRole('button', { name: 'Save limits' }).click();
  await expect(ageing(page).getByRole('alert')).toHaveText('Submitted: give whole days from 1 to 365, or leave it empty');
  await submitted.fill('2');
  await ageing(page).getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ageing limits saved' })).toBeVisible();
  await expect(ageing(page).getByRole('alert')).toHaveCount(0);

  // Both are now past 2 days, on the board and in the table.
  await nav(page, 'Board').click();
  await expect(card(page, 'Three days').getByText('3d')).toHaveClass(/is-ageing/);
  await expect(card(page, 'Seven days').getByText('7d')).toHaveClass(/is-ageing/);
  await page.getByRole('radio', { name: 'Table' }).click();
  await expect(row(page, 'Three days').getByTitle(/over the 2-day limit for Submitted$/)).toHaveText('3d (ageing)');

  // An empty limit means never: nothing in Submitted is flagged, and it holds after a reload.
  await nav(page, 'Settings').click();
  await submitted.fill('');
  await ageing(page).getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ageing limits saved' }).first()).toBeVisible();
  await page.reload();
  await nav(page, 'Settings').click();
  await expect(ageing(page).getByLabel('Submitted (days)')).toHaveValue('');
  await nav(page, 'Board').click();
  await page.getByRole('radio', { name: 'Table' }).click();
  await expect(row(page, 'Seven days').getByText('7d')).not.toHaveClass(/is-ageing/);
  await expect(row(page, 'Seven days').getByTitle(/^Submitted for 7 days \(since [^)]+\)$/)).toBeVisible();
});

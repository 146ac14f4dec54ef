import { test, expect } from './support/fixtures';
import { runCli } from './support/host';
import { hostRpc } from './support/rpc';

/** Issue 3's journey: create a port and its numbers in the UI, reload, and the same through the CLI. */
test('create a port with numbers in the UI, add more, and see them after reload', async ({ page }) => {
  await page.getByRole('button', { name: 'New port' }).click();
  const dialog = page.getByRole('dialog', { name: 'New port request' });
  await dialog.getByLabel('Name', { exact: true }).fill('Acme Dental – main office');
  await dialog.getByLabel('Numbers (optional)').fill('2025559000\n+1 202-555-9001');
  await dialog.getByRole('button', { name: 'Create port' }).click();
  await expect(dialog).toBeHidden();

  const detail = page.getByRole('complementary', { name: 'Port Acme Dental – main office' });
  const numbers = detail.getByRole('table', { name: 'Numbers' });
  await expect(numbers.getByRole('row')).toHaveCount(3);
  await expect(numbers).toContainText('+1 202 555 9000');

  await detail.getByLabel('Add numbers').fill('(202) 555-9002, 202.555.9003');
  await detail.getByRole('button', { name: 'Add numbers' }).click();
  await expect(numbers.getByRole('row')).toHaveCount(5);

  await detail.getByRole('button', { name: 'Remove +1 202 555 9001' }).click();
  await expect(numbers.getByRole('row')).toHaveCount(4);

  await page.reload();
  const card = page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: 'Acme Dental – main office' });
  await expect(card.getByRole('img', { name: '3 numbers', exact: true })).toBeVisible();
  await card.click();
  await expect(page.getByRole('table', { name: 'Numbers' })).toContainText('+1 202 555 9003');
  await expect(page.getByRole('table', { name: 'Numbers' })).not.toContainText('+1 202 555 9001');
});

test('the new-port dialog shows every line\'s result and creates the valid numbers on request', async ({ page }) => {
  await page.getByRole('button', { name: 'New port' }).click();
  const dialog = page.getByRole('dialog', { name: 'New port request' });
  await dialog.getByLabel('Name', { exact: true }).fill('Typo port');
  await dialog.getByLabel('Numbers (optional)').fill('(202) 555-9000\n202555900O\n+1 202 555 9000\n202-555-9001 ext 22\n12');
  const check = dialog.getByRole('region', { name: 'Number check' });
  await expect(check).toContainText('2 valid, 2 invalid, 1 duplicate');
  const lines = check.getByRole('listitem');
  await expect(lines).toHaveCount(5);
  await expect(lines.nth(0)).toContainText('Valid+1 202 555 9000');
  await expect(lines.nth(1)).toContainText('Invalid');
  await expect(lines.nth(1)).toContainText('contains letters');
  await expect(lines.nth(2)).toContainText('duplicate of line 1, added once');
  await expect(lines.nth(3)).toContainText('Extension dropped+1 202 555 9001: extension 22 dropped');
  await expect(lines.nth(4)).toContainText('too short');
  await dialog.getByRole('button', { name: 'Create with the 2 valid numbers' }).click();
  await expect(dialog).toBeHidden();
  const numbers = page.getByRole('complementary', { name: 'Port Typo port' }).getByRole('table', { name: 'Numbers' });
  await expect(numbers.getByRole('row')).toHaveCount(3);
  await expect(numbers).toContainText('+1 202 555 9001');
});

test('ports and numbers created through the CLI on the same database appear in the UI', async ({ page, host }) => {
  await expect(page.getByText('No port requests yet')).toBeVisible();
  const created = await runCli(['--json', 'ports', 'create', '--name', 'CLI Corp', '--number', '+1 303 555 0100'], host.dbPath);
  expect(created.code, created.stderr).toBe(0);
  const { id } = JSON.parse(created.stdout) as { id: string };

  // Live: the host notices the CLI's commit and the board refetches without a page reload.
  const card = page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: 'CLI Corp' });
  await expect(card.getByRole('img', { name: '1 number', exact: true })).toBeVisible();
  const added = await runCli(['numbers', 'add', id, '303-555-0101', '(303) 555 0102'], host.dbPath);
  expect(added.code, added.stderr).toBe(0);
  await expect(card.getByRole('img', { name: '3 numbers', exact: true })).toBeVisible();

  await page.reload();
  await card.click();
  await expect(page.getByRole('table', { name: 'Numbers' })).toContainText('+1 303 555 0102');
});

test('a completed request shows its numbers as ported', async ({ page, host }) => {
  const call = hostRpc(host);
  const port = await call('ports.create', { fields: { name: 'Done deal' }, numbers: ['2025551400', '2025551401'] });
  for (const to of ['submitted', 'pending', 'completed'] as const) await call('ports.move', { id: port.id, to, force: true });
  await page.reload();
  await page.getByRole('region', { name: 'Completed', exact: true }).getByRole('button', { name: /Show Completed/ }).click();
  await page.getByRole('group', { name: 'Done deal', exact: true }).click();
  const numbers = page.getByRole('table', { name: 'Numbers' });
  await expect(numbers.getByRole('row', { name: /\+1 202 555 1400/ })).toContainText('Ported');
  await expect(numbers.getByRole('row', { name: /\+1 202 555 1401/ })).toContainText('Ported');
  await expect(page.getByText('all ported')).toBeVisible();
});

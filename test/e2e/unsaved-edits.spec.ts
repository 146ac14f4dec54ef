import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

/** Issue 17: unsaved edits in the port detail survive Escape and clicking another card. */
test('edits left unsaved are kept as a draft when the detail closes, and can be saved or discarded later', async ({ page, host }) => {
  const call = hostRpc(host);
  await call('ports.create', { fields: { name: 'Maple Street Bakery' }, numbers: ['2025551500'] });
  await call('ports.create', { fields: { name: 'Oak Dental' }, numbers: ['2025551501'] });
  await page.reload();
  const column = page.getByRole('region', { name: 'Unconfirmed' });
  await column.getByRole('group', { name: 'Maple Street Bakery' }).click();
  const detail = page.getByRole('complementary', { name: 'Port Maple Street Bakery' });
  await detail.getByLabel('Authorized person').fill('Dana Whitfield');
  await detail.getByLabel('PIN / passcode').fill('4411');
  await expect(detail.getByText('2 unsaved changes (kept as a draft)')).toBeVisible();

  await detail.getByLabel('PIN / passcode').press('Escape');
  await expect(detail).toBeHidden();
  await expect(page.getByText('2 unsaved edits to “Maple Street Bakery” kept as a draft')).toBeVisible();

  await column.getByRole('group', { name: 'Maple Street Bakery' }).click();
  await expect(detail.getByLabel('Authorized person')).toHaveValue('Dana Whitfield');
  await expect(detail.getByLabel('PIN / passcode')).toHaveValue('4411');

  // Clicking another card keeps the draft too; the other port has none of it.
  await column.getByRole('group', { name: 'Oak Dental' }).click();
  const other = page.getByRole('complementary', { name: 'Port Oak Dental' });
  await expect(other.getByLabel('Authorized person')).toHaveValue('');
  await column.getByRole('group', { name: 'Maple Street Bakery' }).click();
  await expect(detail.getByLabel('Authorized person')).toHaveValue('Dana Whitfield');
  await detail.getByRole('button', { name: 'Save changes' }).click();
  await expect(detail.getByText('All changes saved')).toBeVisible();
  const saved = await call('ports.list', {});
  expect(saved.find((p) => p.name === 'Maple Street Bakery')).toMatchObject({ authorizedPerson: 'Dana Whitfield', pin: '4411' });

  // Discard drops the draft for good.
  await detail.getByLabel('Account number').fill('99-1');
  await detail.getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('button', { name: 'Close detail' }).click();
  await column.getByRole('group', { name: 'Maple Street Bakery' }).click();
  await expect(detail.getByLabel('Account number')).toHaveValue('');
});

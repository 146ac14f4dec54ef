import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

test('write a private, action-required comment in the port detail: listed with its flags, counted on the card, kept', async ({ page, host }) => {
  const call = hostRpc(host);
  const port = await call('ports.create', { fields: { name: 'Maple Street – fax' }, numbers: ['2025551300'] });
  await page.reload();
  const card = page.getByRole('group', { name: 'Maple Street – fax', exact: true });
  await card.click();
  const detail = page.getByRole('complementary', { name: 'Port Maple Street – fax' });
  const add = detail.getByRole('button', { name: 'Add comment' });
  await expect(add).toBeDisabled();

  const box = detail.getByLabel('New comment');
  await box.fill('   ');
  await expect(add).toBeDisabled();
  await box.fill('Customer will send the signed LOA on Monday.\nBill is from March.');
  await detail.getByLabel('Private').check();
  await detail.getByLabel('Action required').check();
  await box.press('Control+Enter');

  const comment = detail.locator('.comment').filter({ hasText: 'Customer will send the signed LOA on Monday.' });
  await expect(comment).toContainText('Private');
  await expect(comment).toContainText('Action required');
  await expect(box).toHaveValue('');
  await expect(detail.getByLabel('Private')).not.toBeChecked();
  await expect(card.getByRole('img', { name: '1 comment', exact: true })).toBeVisible();

  const [saved] = (await call('ports.get', { id: port.id })).comments;
  expect(saved).toMatchObject({ body: 'Customer will send the signed LOA on Monday.\nBill is from March.', isPrivate: true, actionRequired: true });
  await page.reload();
  await page.getByRole('group', { name: 'Maple Street – fax', exact: true }).click();
  await expect(page.locator('.comment')).toContainText('Bill is from March.');
});

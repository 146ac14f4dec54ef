import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

test('write a private comment and an action-required one in the port detail (never both: Kazoo refuses it): listed with their flags, counted on the card, kept', async ({ page, host }) => {
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
  // A private comment cannot also be action required (cb_port_requests:validate_comments).
  await expect(detail.getByLabel('Action required')).toBeDisabled();
  await box.press('Control+Enter');

  const comment = detail.locator('.comment').filter({ hasText: 'Customer will send the signed LOA on Monday.' });
  await expect(comment).toContainText('Private');
  await expect(box).toHaveValue('');
  await expect(detail.getByLabel('Private')).not.toBeChecked();
  await box.fill('Please confirm the PIN.');
  await detail.getByLabel('Action required').check();
  await box.press('Control+Enter');
  await expect(detail.locator('.comment').filter({ hasText: 'Please confirm the PIN.' })).toContainText('Action required');
  await expect(card.getByRole('img', { name: '2 comments', exact: true })).toBeVisible();

  const saved = (await call('ports.get', { id: port.id })).comments;
  expect(saved).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ body: 'Customer will send the signed LOA on Monday.\nBill is from March.', isPrivate: true, actionRequired: false }),
      expect.objectContaining({ body: 'Please confirm the PIN.', isPrivate: false, actionRequired: true }),
    ]),
  );
  await page.reload();
  await page.getByRole('group', { name: 'Maple Street – fax', exact: true }).click();
  await expect(page.locator('.comment').filter({ hasText: 'Bill is from March.' })).toContainText('Private');
});

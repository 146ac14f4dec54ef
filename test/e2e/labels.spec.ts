import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

/** Issue 17: labels that mean what they say. */
test('no connection is "Local only", a queued change is "Queued" (not the Pending state), the timeline names fields in plain words', async ({ page, host }) => {
  const call = hostRpc(host);
  const status = page.getByRole('status', { name: 'Sync status' });
  await expect(status).toContainText('Local only: no connection set up');
  await expect(status).not.toContainText('offline');

  // A connection that cannot be reached keeps the change queued.
  const remote = await call('remotes.add', { kind: 'telnyx', url: 'http://127.0.0.1:9/telnyx', accountId: 'acct-telnyx-01', token: 'unused-token', apiUser: 'ops@example.com', name: 'Telnyx (unreachable)' });
  const port = await call('ports.create', { fields: { name: 'Maple Street Bakery' }, numbers: ['3125550100'], remoteId: remote.id });
  await page.reload();
  const card = page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: 'Maple Street Bakery' });
  await expect(card.getByText('Queued', { exact: true })).toBeVisible();
  await expect(card.getByText('Pending', { exact: true })).toHaveCount(0);
  await expect(card.getByText('Queued', { exact: true })).toHaveAttribute('title', 'Changed here; queued to be sent at the next sync');
  // Look-alike cards differ by their first number; the full name is on hover.
  await expect(card).toContainText('+1 312 555 0100');
  await expect(card.getByText('Maple Street Bakery', { exact: true })).toHaveAttribute('title', 'Maple Street Bakery');

  await card.click();
  const detail = page.getByRole('complementary', { name: 'Port Maple Street Bakery' });
  await detail.getByLabel('Authorized person').fill('Dana Whitfield');
  await detail.getByLabel('PIN / passcode').fill('4411');
  await detail.getByRole('button', { name: 'Save changes' }).click();
  await expect(detail.getByText('Edited: Authorized person, PIN / passcode')).toBeVisible();
  expect((await call('ports.get', { id: port.id })).timeline.map((e) => e.message)).toContain('Edited: Authorized person, PIN / passcode');
});

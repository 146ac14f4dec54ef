import type { Page } from '@playwright/test';
import { testWithSandbox as test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';
import { carrierAllowsPortOut } from '../../src/sandbox/util/phone';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });

/** `count` numbers of an area code's first exchange whose sandbox carrier releases numbers. */
function portable(area: string, start: number, count: number): string[] {
  for (let nxx = 300; nxx < 1000; nxx++) {
    if (carrierAllowsPortOut(`+1${area}${nxx}0000`)) return Array.from({ length: count }, (_, i) => `+1${area}${nxx}${String(start + i).padStart(4, '0')}`);
  }
  throw new Error(`no portable exchange in ${area}`);
}

test('duplicates on the Sync screen: cancel is offered where the server can (Kazoo), a Telnyx draft says to delete it in the portal; both dismiss', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  const kazoo = await call('remotes.add', { kind: 'kazoo', url: sandbox.kazooUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, name: 'Northwind reseller' });
  const telnyx = await call('remotes.add', { kind: 'telnyx', url: sandbox.telnyxUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, apiUser: sandbox.telnyxUser, name: 'Telnyx main' });
  const kazooNumbers = portable('202', 30, 1);
  const telnyxNumbers = portable('212', 40, 2);
  const onKazoo = await call('ports.create', { fields: { name: 'Maple Court – lobby' }, numbers: kazooNumbers, remoteId: kazoo.id });
  await call('ports.create', { fields: { name: 'Juniper Labs – main' }, numbers: telnyxNumbers, remoteId: telnyx.id });
  expect((await call('sync.now', {})).converged).toBe(true);

  // Second copies, as a create landing after its retry leaves them: Kazoo's with the port's marker,
  // Telnyx's with exactly the port's numbers (v1 keeps no marker).
  const kazooCopy = await fetch(`${sandbox.kazooUrl}/v2/accounts/${sandbox.accounts.root.id}/port_requests`, {
    method: 'PUT',
    headers: { 'x-auth-token': sandbox.token, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { name: 'Maple Court – lobby', numbers: Object.fromEntries(kazooNumbers.map((n) => [n, {}])), portdesk_client_id: onKazoo.id } }),
  });
  expect(kazooCopy.ok).toBe(true);
  const kazooCopyId = ((await kazooCopy.json()) as { data: { id: string } }).data.id;
  const draft = await fetch(`${sandbox.telnyxUrl}/origination/porting/draft_port_requests`, {
    method: 'POST',
    headers: { 'x-api-user': sandbox.telnyxUser, 'x-api-token': sandbox.token, 'content-type': 'application/json' },
    body: JSON.stringify({ phone_numbers: telnyxNumbers.map((phone_number) => ({ phone_number })) }),
  });
  expect(draft.ok).toBe(true);
  const draftId = ((await draft.json()) as { id: string }).id;

  await nav(page, 'Sync').click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  const onKazooItem = page.getByRole('listitem', { name: 'Duplicate of Maple Court – lobby' });
  const onTelnyxItem = page.getByRole('listitem', { name: 'Duplicate of Juniper Labs – main' });
  await expect(onKazooItem).toContainText(`Northwind reseller holds a second copy, ${kazooCopyId} (Unconfirmed)`, { timeout: 35_000 });
  await expect(onKazooItem.getByRole('button', { name: 'Cancel on the server…' })).toBeVisible();
  await expect(onTelnyxItem).toContainText(`Telnyx main holds a second copy, draft:${draftId}`);
  await expect(onTelnyxItem).toContainText(`Telnyx's v1 API cannot cancel a draft port request: delete draft ${draftId} in the Telnyx portal, then dismiss this duplicate.`);
  await expect(onTelnyxItem.getByRole('button', { name: 'Cancel on the server…' })).toHaveCount(0);

  await onTelnyxItem.getByRole('button', { name: 'Dismiss' }).click();
  await expect(onTelnyxItem).toBeHidden();
  await onKazooItem.getByRole('button', { name: 'Cancel on the server…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel the duplicate' }).click();
  await expect(onKazooItem).toBeHidden();
  await expect(page.getByRole('heading', { name: /Duplicates on a server/ })).toBeHidden();
  // Neither copy became a port.
  expect((await call('ports.list', {})).map((p) => p.name).sort()).toEqual(['Juniper Labs – main', 'Maple Court – lobby']);
});

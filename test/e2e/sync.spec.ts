import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { testWithSandbox as test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import type { SandboxHandle } from '../../src/sandbox/index';
import { carrierAllowsPortOut } from '../../src/sandbox/util/phone';
import { startTlsProxy } from '../support/tls-proxy';
import { closedPort } from '../support/closed-port';
import { screensAtLaptopSizes } from './support/screens';

/** `count` numbers in the first 202-NXX exchange whose sandbox carrier releases numbers. */
function portableNumbers(start: number, count: number): string[] {
  for (let nxx = 200; nxx < 1000; nxx++) {
    if (carrierAllowsPortOut(`+1202${nxx}0000`)) return Array.from({ length: count }, (_, i) => `+1202${nxx}${String(start + i).padStart(4, '0')}`);
  }
  throw new Error('no portable exchange in 202');
}

type Call = ReturnType<typeof hostRpc>;

/** Connect the sandbox's root Kazoo account over RPC (the Settings test does it through the UI). */
async function addKazoo(call: Call, sb: SandboxHandle, name = 'Northwind reseller'): Promise<string> {
  const remote = await call('remotes.add', { kind: 'kazoo', url: sb.kazooUrl, accountId: sb.accounts.root.id, token: sb.token, name });
  return remote.id;
}

/** The sandbox's copy of a port, straight from its Kazoo API. */
async function remoteDoc(sb: SandboxHandle, remoteObjectId: string): Promise<{ url: string; data: Record<string, unknown> & { name: string; bill?: Record<string, unknown> } }> {
  const url = `${sb.kazooUrl}/v2/accounts/${sb.accounts.root.id}/port_requests/${remoteObjectId}`;
  const body = (await (await fetch(url, { headers: { 'x-auth-token': sb.token } })).json()) as { data: Record<string, unknown> & { name: string } };
  return { url, data: body.data };
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });

async function syncNow(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Sync now' });
  await button.click();
  await expect(button).toBeEnabled({ timeout: 35_000 });
}

test('Settings: add the Kazoo remote through the form, sync a port, see it synced', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  await nav(page, 'Settings').click();
  await expect(page.getByText('No porting API account is connected')).toBeVisible();

  // Every field says what is wrong before anything is sent.
  await page.getByRole('button', { name: 'Add connection' }).click();
  await expect(page.getByText('Server URL is required')).toBeVisible();
  await expect(page.getByText('Account ID is required')).toBeVisible();
  await expect(page.getByText('Token is required')).toBeVisible();
  await page.getByLabel('Server URL').fill('crossbar.example.com');
  await expect(page.getByText(/Server URL must be a full address/)).toBeVisible();
  await page.getByLabel('Account ID').fill('not-an-id');
  await expect(page.getByText('A Kazoo account ID is 32 hexadecimal characters')).toBeVisible();

  await page.getByLabel('Server URL').fill(sandbox.kazooUrl);
  await page.getByLabel('Account ID').fill(sandbox.accounts.root.id);
  await page.getByLabel('Token', { exact: true }).fill(sandbox.token);
  await page.getByLabel('Name (optional)').fill('Northwind reseller');
  await page.getByRole('button', { name: 'Add connection' }).click();

  const row = page.getByRole('row', { name: /Northwind reseller/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Kazoo');
  await expect(row).toContainText(sandbox.kazooUrl);
  await expect(row).toContainText(sandbox.accounts.root.id);
  // The token went to main and is gone from the page.
  await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
  await expect(page.locator('body')).not.toContainText(sandbox.token);

  // The server's refusal is shown as it came: the same account twice.
  await page.getByLabel('Server URL').fill(sandbox.kazooUrl);
  await page.getByLabel('Account ID').fill(sandbox.accounts.root.id);
  await page.getByLabel('Token', { exact: true }).fill(sandbox.token);
  await page.getByRole('button', { name: 'Add connection' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This account is already set up as remote "Northwind reseller"' })).toBeVisible();

  // The first connection is the default; another can take that role.
  await expect(row).toContainText('Default');
  await call('remotes.add', { kind: 'telnyx', url: sandbox.telnyxUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, apiUser: sandbox.telnyxUser, name: 'Telnyx main' });
  await page.getByRole('button', { name: 'Make Telnyx main the default' }).click();
  await expect(page.getByRole('row', { name: /Telnyx main/ })).toContainText('Default');
  await expect(row).not.toContainText('Default');
  await page.getByRole('button', { name: 'Make Northwind reseller the default' }).click();
  await expect(row).toContainText('Default');

  // Ports created without a remote go to the default one.
  const port = await call('ports.create', { fields: { name: 'Harbor Dental – main' }, numbers: portableNumbers(1, 2) });
  const remote = (await call('remotes.list', {})).find((r) => r.isDefault);
  expect(port.remoteId).toBe(remote?.id);

  await nav(page, 'Sync').click();
  await syncNow(page);
  const card = page.getByRole('article', { name: 'Northwind reseller' });
  await expect(card).toContainText('Online');
  await expect(card).toContainText(/Last synced/);
  await expect.poll(async () => (await call('ports.get', { id: port.id })).syncStatus).toBe('synced');
  const synced = await call('ports.get', { id: port.id });
  expect((await remoteDoc(sandbox, synced.remoteObjectId ?? '')).data.name).toBe('Harbor Dental – main');

  // Replace the token; remove with confirmation.
  await nav(page, 'Settings').click();
  await page.getByRole('button', { name: 'Replace token of Northwind reseller' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save token' }).click();
  await expect(page.getByRole('dialog').getByText('Token is required')).toBeVisible();
  await page.getByRole('dialog').getByLabel('New token').fill(sandbox.token);
  await page.getByRole('dialog').getByRole('button', { name: 'Save token' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.getByRole('button', { name: 'Remove Northwind reseller' }).click();
  await expect(page.getByRole('dialog')).toContainText('1 port stays on this computer as local port');
  await page.getByRole('dialog').getByRole('button', { name: 'Remove connection' }).click();
  await expect(row).toBeHidden();
  await expect(page.getByRole('row', { name: /Telnyx main/ })).toBeVisible();
  expect((await call('ports.get', { id: port.id })).syncStatus).toBe('local');
});

test('402 accept charges: the server message with the amount on the Sync screen, accept and retry', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  const remoteId = await addKazoo(call, sandbox);
  const port = await call('ports.create', { fields: { name: 'Cedar Ridge – fax' }, numbers: portableNumbers(10, 2), remoteId });
  await call('ports.move', { id: port.id, to: 'submitted', force: true });

  await nav(page, 'Sync').click();
  await syncNow(page);
  const item = page.getByRole('listitem', { name: 'Cedar Ridge – fax' });
  await expect(item).toContainText('accept charges: activation charges of 10.00 must be accepted');
  // Its create was answered (linked, then the submit refused): nothing is being checked.
  await expect(page.getByRole('heading', { name: /Creates being checked/ })).toBeHidden();
  expect((await call('ports.get', { id: port.id })).syncStatus).toBe('error');

  // The board's badge leads back here.
  await nav(page, 'Board').click();
  await page.getByRole('region', { name: 'Submitted', exact: true }).getByRole('group', { name: 'Cedar Ridge – fax' }).getByRole('button', { name: 'Sync error' }).click();
  await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();

  await item.getByRole('button', { name: 'Accept charges and retry' }).click();
  await expect(page.getByText('The servers accepted every change sent so far.')).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await call('ports.get', { id: port.id })).syncStatus, { timeout: 30_000 }).toBe('synced');
  const synced = await call('ports.get', { id: port.id });
  expect((await remoteDoc(sandbox, synced.remoteObjectId ?? '')).data.port_state).toBe('submitted');
});

test('a move to Scheduled whose date was cleared as not a real date: the refusal says what to do, the date is entered beside it and the move goes', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  const remoteId = await addKazoo(call, sandbox);
  const port = await call('ports.create', { fields: { name: 'Linden Row – reception' }, numbers: portableNumbers(30, 1), remoteId });
  await call('ports.move', { id: port.id, to: 'submitted', force: true });
  await call('sync.now', {});
  await call('sync.acceptCharges', { portId: port.id });
  await call('ports.move', { id: port.id, to: 'pending' });
  expect((await call('sync.now', {})).converged).toBe(true);
  // Scheduled by an older PortDesk for a day that does not exist: migrations 16 and 19 cleared it from the port and the queued move.
  await call('ports.move', { id: port.id, to: 'scheduled', date: '2031-03-03' });
  const db = new Database(host.dbPath);
  db.prepare("UPDATE outbox SET payload = json_set(payload, '$.date', NULL) WHERE port_id = ? AND op = 'port.move'").run(port.id);
  db.prepare("UPDATE ports SET foc_date = '' WHERE id = ?").run(port.id);
  db.close();

  await nav(page, 'Sync').click();
  await syncNow(page);
  const item = page.getByRole('listitem', { name: 'Linden Row – reception' });
  await expect(item).toContainText('scheduled_date or schedule_on is required to schedule a port');
  await expect(item).toContainText('This move to Scheduled has no FOC date (one that was not a real date was cleared): enter the date the losing carrier confirmed');
  const schedule = item.getByRole('button', { name: 'Schedule with this date' });
  await expect(schedule).toBeDisabled();
  await item.getByLabel('FOC date for Linden Row – reception').fill('2031-03-03');
  await schedule.click();
  await expect.poll(async () => (await call('ports.get', { id: port.id })).syncStatus, { timeout: 30_000 }).toBe('synced');
  await expect(page.getByText('The servers accepted every change sent so far.')).toBeVisible({ timeout: 30_000 });
  const synced = await call('ports.get', { id: port.id });
  expect(synced).toMatchObject({ state: 'scheduled', focDate: '2031-03-03' });
  expect((await remoteDoc(sandbox, synced.remoteObjectId ?? '')).data.port_state).toBe('scheduled');
});

test('deleting a port linked to a Telnyx draft says the draft stays on Telnyx and where to delete it', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  const telnyx = await call('remotes.add', { kind: 'telnyx', url: sandbox.telnyxUrl, accountId: sandbox.accounts.root.id, token: sandbox.token, apiUser: sandbox.telnyxUser, name: 'Telnyx main' });
  const port = await call('ports.create', { fields: { name: 'Aspen Yard – front desk' }, numbers: portableNumbers(40, 1), remoteId: telnyx.id });
  expect((await call('sync.now', {})).converged).toBe(true);
  const draftId = (await call('ports.get', { id: port.id })).remoteObjectId?.replace(/^draft:/, '') ?? '';
  expect(draftId).not.toBe('');
  await page.reload();
  await page.getByRole('group', { name: 'Aspen Yard – front desk', exact: true }).click();
  await page.getByRole('complementary', { name: 'Port Aspen Yard – front desk' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText('Telnyx cannot delete: its copy stays there');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete port' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Draft ${draftId} stays on Telnyx` })).toHaveText(
    `Draft ${draftId} stays on Telnyx: Telnyx's v1 API cannot delete a draft, so delete it in the Telnyx portal. PortDesk will not pull it back`,
  );
  expect(await call('ports.list', {})).toEqual([]);
});

test('a carrier rejection shows its reason on the card and in the detail; Resubmit sends the port back', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  const remoteId = await addKazoo(call, sandbox);
  const port = await call('ports.create', { fields: { name: 'Birchwood – main' }, numbers: portableNumbers(20, 2), remoteId });
  await call('ports.move', { id: port.id, to: 'submitted', force: true });
  await call('sync.now', {});
  await call('sync.acceptCharges', { portId: port.id });
  await call('sync.now', {});
  const remoteObjectId = (await call('ports.get', { id: port.id })).remoteObjectId ?? '';
  // The window is open when the pull brings the rejection: it says so, with the reason. (A local
  // tag showing up on the card proves the page's change feed is connected before the pull.)
  // A tag set before the page has subscribed is missed by the feed, so each try sets a new one
  // (replacing the last) until the card shows it.
  await page.reload();
  let tries = 0;
  await expect(async () => {
    tries += 1;
    await call('tags.set', { portIds: [port.id], add: [`watch${tries}`], remove: [`watch${tries - 1}`] });
    await expect(page.getByRole('group', { name: 'Birchwood – main' })).toContainText(`watch${tries}`, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText('1 port', { exact: true })).toBeVisible();
  // Only now, with the page listening, the carrier moves it on and then rejects it, with a reason on
  // the request's timeline: a background sync may pull it any moment from here on.
  for (const outcome of ['advance', 'reject']) {
    const res = await fetch(`${sandbox.adminUrl}/clock/tick`, {
      method: 'POST',
      headers: { 'x-auth-token': sandbox.token, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [remoteObjectId], outcome }),
    });
    expect(res.ok).toBe(true);
  }
  // Watched from before the pull: the toast shows while the rest of the sync runs, and goes after 12 s.
  const toast = page.getByRole('alert').filter({ hasText: 'Port rejected: Birchwood – main (2 numbers): ' });
  const toastText = toast.waitFor({ state: 'visible', timeout: 30_000 }).then(() => toast.textContent());
  await call('sync.now', {});
  const rejected = await call('ports.get', { id: port.id });
  expect(rejected.state).toBe('rejected');
  expect(rejected.stateReason).toBeTruthy();
  const reason = rejected.stateReason ?? '';
  expect(await toastText).toContain(`Port rejected: Birchwood – main (2 numbers): ${reason}`);

  const card = page.getByRole('region', { name: 'Rejected', exact: true }).getByRole('group', { name: 'Birchwood – main' });
  await expect(card).toContainText(reason);
  await card.click();
  const banner = page.getByRole('region', { name: 'Rejected by the carrier' });
  await expect(banner).toContainText(reason);
  await banner.getByRole('button', { name: 'Resubmit' }).click();
  // Not ready (no LOA or bill here): the same check as any submit, which the specialist may override.
  await page.getByRole('dialog', { name: 'Not ready to submit' }).getByRole('button', { name: 'Submit anyway' }).click();
  await expect(page.getByRole('region', { name: 'Submitted', exact: true }).getByRole('group', { name: 'Birchwood – main' })).toBeVisible();
  await expect(banner).toBeHidden();
  // The card moves at once (optimistically); the request may still be on its way.
  await expect.poll(async () => (await call('ports.get', { id: port.id })).state).toBe('submitted');
  expect((await call('ports.get', { id: port.id })).stateReason).toBeNull();
});

test('401 pauses the connection; the Sync screen asks for a new token inline and sync resumes', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  const remoteId = await addKazoo(call, sandbox);
  const admin = (path: string) => fetch(`${sandbox.adminUrl}${path}`, { method: 'POST', headers: { 'x-auth-token': sandbox.token, 'content-type': 'application/json' }, body: '{}' });
  await admin('/tokens/expire');
  const port = await call('ports.create', { fields: { name: 'Harbor Lights – front desk' }, numbers: portableNumbers(30, 2), remoteId });

  await nav(page, 'Sync').click();
  await syncNow(page);
  const card = page.getByRole('article', { name: 'Northwind reseller' });
  await expect(card).toContainText('Paused: the server refused the token');
  await expect(card).toContainText('authentication token expired');
  const fresh = (await (await admin('/tokens')).json()) as { token: string };
  await card.getByLabel('New token').fill(fresh.token);
  await card.getByRole('button', { name: 'Save token' }).click();
  await syncNow(page);
  await expect(card).toContainText('Online');
  await expect.poll(async () => (await call('ports.get', { id: port.id })).syncStatus, { timeout: 30_000 }).toBe('synced');
});

test('Sync now against a server whose certificate is refused says at once that it did not finish, and its card says why', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  const proxy = await startTlsProxy(sandbox.kazooUrl);
  try {
    const remote = await call('remotes.add', { kind: 'kazoo', url: proxy.url, accountId: sandbox.accounts.root.id, token: sandbox.token, name: 'Behind a private CA' });
    await call('ports.create', { fields: { name: 'Queued behind TLS' }, numbers: portableNumbers(40, 2), remoteId: remote.id });
    await nav(page, 'Sync').click();
    // The background run tries first (a second after the change), so Sync now retries: the create
    // may first be looked for, refused the same way ("cannot tell yet (…)"), which ends the run too.
    const card = page.getByRole('article', { name: 'Behind a private CA' });
    await expect(card).toContainText('DEPTH_ZERO_SELF_SIGNED_CERT', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Sync now' }).click();
    // Short, naming the connection: the long reason is its card's, not repeated in the toast.
    const toast = page.getByRole('status').filter({ hasText: 'did not finish' });
    await expect(toast.locator('.toast-text')).toHaveText('Sync with "Behind a private CA" did not finish: see its card');
    await expect(card).toContainText("The server's certificate is not from a certificate authority PortDesk trusts");
    await expect(card).toContainText('1 queued');
    await screensAtLaptopSizes(page, 'sync-certificate-toast');
  } finally {
    await proxy.close();
  }
});

test('Sync now with the server unreachable says so within seconds, and that the changes are kept here', async ({ page, host }) => {
  const call = hostRpc(host);
  // Nothing listens there: every connection is refused, as to a server while the laptop is offline.
  const remote = await call('remotes.add', { kind: 'kazoo', url: `http://127.0.0.1:${await closedPort()}/v2`, accountId: 'a'.repeat(32), token: 'unused-token', name: 'Harbor office Kazoo' });
  await call('ports.create', { fields: { name: 'Queued while offline' }, numbers: portableNumbers(50, 2), remoteId: remote.id });
  await call('ports.create', { fields: { name: 'Also queued' }, numbers: portableNumbers(60, 2), remoteId: remote.id });
  await nav(page, 'Sync').click();
  const card = page.getByRole('article', { name: 'Harbor office Kazoo' });
  // The background run tries first (a second after the change); Sync now then tries again.
  await expect(card).toContainText('Offline since', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Sync now' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'cannot be reached' });
  // Within seconds, not after the RPC's 30 s of retries.
  await expect(toast.locator('.toast-text')).toHaveText(
    '"Harbor office Kazoo" cannot be reached right now. Your 2 changes are kept on this computer, and PortDesk sends them when the connection is back',
    { timeout: 5_000 },
  );
  await expect(card).toContainText('ECONNREFUSED');
  await expect(card).toContainText('2 queued');
  await screensAtLaptopSizes(page, 'sync-unreachable-toast');
});

/** Sync a port, then change it on the sandbox (name, city) and here (city, bill name): only the city conflicts. */
async function makeConflict(call: Call, sb: SandboxHandle, remoteId: string, name: string, start: number): Promise<{ id: string; url: string }> {
  const port = await call('ports.create', { fields: { name, locality: 'Old town' }, numbers: portableNumbers(start, 2), remoteId });
  await call('sync.now', { remoteId });
  const linked = await call('ports.get', { id: port.id });
  const { url, data } = await remoteDoc(sb, linked.remoteObjectId ?? '');
  const edited = await fetch(url, {
    method: 'POST',
    headers: { 'x-auth-token': sb.token, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { ...data, name: `${name} (renamed remotely)`, bill: { ...data.bill, locality: 'Remote town' } } }),
  });
  expect(edited.ok).toBe(true);
  await call('ports.update', { id: port.id, patch: { locality: 'Local town', billingName: 'Local Co' } });
  return { id: port.id, url };
}

test('a conflict is shown side by side and resolved field by field; the chosen values reach the server', async ({ page, host, sandbox }) => {
  const call = hostRpc(host);
  const remoteId = await addKazoo(call, sandbox);
  const { id, url } = await makeConflict(call, sandbox, remoteId, 'Blue Heron – downtown', 20);

  await nav(page, 'Sync').click();
  await syncNow(page);
  // Three-way merge: the name changed only on the server and the bill name only here, so only
  // the city (changed on both sides) asks for a choice; the card carries the server's new name.
  const conflict = page.getByRole('article', { name: 'Conflict: Blue Heron – downtown (renamed remotely)' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('radiogroup')).toHaveCount(1);
  const resolve = conflict.getByRole('button', { name: 'Resolve conflict' });
  await expect(conflict).toContainText('Choose a value for 1 more field');
  await expect(resolve).toBeDisabled();

  await conflict.getByRole('radiogroup', { name: 'City' }).getByRole('radio', { name: 'This computer: Local town' }).check();
  await resolve.click();
  await expect(page.getByText('No port was changed both here and on a server.')).toBeVisible();

  await syncNow(page);
  await expect.poll(async () => (await call('ports.get', { id })).syncStatus, { timeout: 30_000 }).toBe('synced');
  const local = await call('ports.get', { id });
  expect([local.name, local.locality, local.billingName]).toEqual(['Blue Heron – downtown (renamed remotely)', 'Local town', 'Local Co']);
  const remote = (await (await fetch(url, { headers: { 'x-auth-token': sandbox.token } })).json()) as { data: { name: string; bill: { locality: string; name: string } } };
  expect([remote.data.name, remote.data.bill.locality, remote.data.bill.name]).toEqual(['Blue Heron – downtown (renamed remotely)', 'Local town', 'Local Co']);
});

/**
 * @screens: Settings and Sync with a remote, a 402 error and a conflict, light and dark, saved to
 * test-results/screens for review. PORTDESK_SCREENS=1 npx playwright test --project=host --grep @screens
 */
test('screenshots of Settings and Sync @screens', async ({ page, host, sandbox }) => {
  test.skip(!process.env.PORTDESK_SCREENS, 'screenshots run on demand: set PORTDESK_SCREENS=1');
  test.setTimeout(120_000);
  const call = hostRpc(host);
  const remoteId = await addKazoo(call, sandbox);
  await call('remotes.add', { kind: 'telnyx', url: 'http://127.0.0.1:9/telnyx', accountId: 'acct-telnyx-01', token: 'unused-token', apiUser: 'ops@example.com', name: 'Telnyx (unreachable)' });
  const charged = await call('ports.create', { fields: { name: 'Cedar Ridge – fax' }, numbers: portableNumbers(10, 2), remoteId });
  await call('ports.move', { id: charged.id, to: 'submitted', force: true });
  await makeConflict(call, sandbox, remoteId, 'Blue Heron – downtown', 20);
  await call('sync.now', {});
  const dir = join(ROOT, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await nav(page, 'Settings').click();
    await expect(page.getByRole('row', { name: /Northwind reseller/ })).toBeVisible();
    await page.screenshot({ path: join(dir, `settings-1280x800-${scheme}.png`) });
    await nav(page, 'Sync').click();
    await expect(page.getByRole('article', { name: 'Conflict: Blue Heron – downtown' })).toBeVisible();
    await page.screenshot({ path: join(dir, `sync-1280x800-${scheme}.png`) });
    await page.getByRole('article', { name: 'Conflict: Blue Heron – downtown' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(dir, `sync-conflict-1280x800-${scheme}.png`) });
  }
});

import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { runCli } from './support/host';
import { hostRpc } from './support/rpc';
// Everything readiness asks for except documents (which move with force).
import { READY_FIELDS as COMPLETE } from '../support/port-fields';


const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const card = (page: Page, col: string, name: string) => column(page, col).getByRole('group', { name, exact: true });

test('drag a card to an allowed column; the move persists after reload', async ({ page, host }) => {
  const call = hostRpc(host);
  const port = await call('ports.create', { fields: { name: 'Drag me', ...COMPLETE }, numbers: ['2025551000'] });
  await call('ports.move', { id: port.id, to: 'submitted', force: true });
  await page.reload();

  await card(page, 'Submitted', 'Drag me').dragTo(column(page, 'Pending'));
  await expect(card(page, 'Pending', 'Drag me')).toBeVisible();
  await expect(page.getByTestId('announcer')).toHaveText(/Moved "Drag me" to Pending/);

  await page.reload();
  await expect(card(page, 'Pending', 'Drag me')).toBeVisible();
  expect((await call('ports.get', { id: port.id })).state).toBe('pending');
});

test('an illegal drop is refused and nothing changes', async ({ page, host }) => {
  const call = hostRpc(host);
  const port = await call('ports.create', { fields: { name: 'Stay put', ...COMPLETE }, numbers: ['2025551001'] });
  await call('ports.move', { id: port.id, to: 'submitted', force: true });
  await page.reload();

  const source = card(page, 'Submitted', 'Stay put');
  // While dragging, only the allowed columns light up; Scheduled is not reachable from Submitted.
  await source.hover();
  await page.mouse.down();
  await column(page, 'Pending').hover();
  await expect(column(page, 'Pending')).toHaveAttribute('data-drop', /allowed|over/);
  await column(page, 'Scheduled').hover();
  await expect(column(page, 'Scheduled')).toHaveAttribute('data-drop', 'refused');
  await page.mouse.up();

  await expect(card(page, 'Submitted', 'Stay put')).toBeVisible();
  await page.reload();
  await expect(card(page, 'Submitted', 'Stay put')).toBeVisible();
  expect((await call('ports.get', { id: port.id })).state).toBe('submitted');
});

test('a refused submit rolls back with the service message and offers Submit anyway', async ({ page, host }) => {
  const call = hostRpc(host);
  await call('ports.create', { fields: { name: 'Half done' }, numbers: ['2025551002'] });
  await page.reload();

  await card(page, 'Unconfirmed', 'Half done').dragTo(column(page, 'Submitted'));
  const dialog = page.getByRole('dialog', { name: 'Not ready to submit' });
  await expect(dialog).toContainText('"Half done" is not ready to submit: Losing carrier is missing');
  await expect(card(page, 'Unconfirmed', 'Half done')).toBeVisible();
  await expect(column(page, 'Submitted').getByRole('group')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(card(page, 'Submitted', 'Half done')).toBeVisible();
});

test('keyboard only: arrows to a card, m opens Move to…, Enter moves', async ({ page, host }) => {
  const call = hostRpc(host);
  for (const name of ['Key one', 'Key two']) {
    const p = await call('ports.create', { fields: { name, ...COMPLETE }, numbers: [] });
    await call('ports.move', { id: p.id, to: 'submitted', force: true });
  }
  await page.reload();
  await column(page, 'Submitted').getByRole('group').first().focus();
  const first = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  await page.keyboard.press('ArrowDown');
  // The board moves focus on the next frame: wait for it rather than reading at once.
  const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  await expect.poll(focusedLabel).not.toBe(first);
  const second = await focusedLabel();
  expect(['Key one', 'Key two']).toContain(second);

  await page.keyboard.press('m');
  const menu = page.getByRole('menu');
  // Exactly the allowed targets from Submitted.
  await expect(menu.getByRole('menuitem')).toHaveText(['Pending', 'Rejected', 'Canceled']);
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Rejected' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card(page, 'Rejected', second ?? '')).toBeVisible();
  await expect(page.getByTestId('announcer')).toHaveText(`Moved "${second}" to Rejected`);
  await expect(card(page, 'Rejected', second ?? '')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: `Port ${second}` })).toBeVisible();
});

test('search by number finds its port in any format', async ({ page, host }) => {
  const call = hostRpc(host);
  await call('ports.create', { fields: { name: 'Needle' }, numbers: ['2025559000'] });
  for (let i = 0; i < 5; i++) await call('ports.create', { fields: { name: `Hay ${i}` }, numbers: [`303555010${i}`] });
  await page.reload();
  await expect(column(page, 'Unconfirmed').getByRole('group')).toHaveCount(6);

  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search ports' });
  await expect(search).toBeFocused();
  for (const format of ['2025559000', '+1 202-555-9000', '(202) 555.9000']) {
    await search.fill(format);
    await expect(column(page, 'Unconfirmed').getByRole('group')).toHaveCount(1);
    await expect(card(page, 'Unconfirmed', 'Needle')).toBeVisible();
  }
  await search.fill('hay');
  await expect(column(page, 'Unconfirmed').getByRole('group')).toHaveCount(5);
});

test('multi-select 20 cards and move them at once', async ({ page, host }) => {
  const call = hostRpc(host);
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) ids.push((await call('ports.create', { fields: { name: `Bulk ${String(i).padStart(2, '0')}` } })).id);
  await call('ports.create', { fields: { name: 'Not me' } });
  await page.reload();

  // Ctrl-click and shift-click select without opening the detail (newest first: Bulk 19 on top).
  await card(page, 'Unconfirmed', 'Bulk 19').click({ modifiers: ['ControlOrMeta'] });
  await card(page, 'Unconfirmed', 'Bulk 17').click({ modifiers: ['Shift'] });
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('3 selected');
  await expect(page.getByRole('complementary')).toHaveCount(0);

  await page.getByRole('searchbox', { name: 'Search ports' }).fill('bulk');
  await page.getByRole('checkbox', { name: 'Select all in Unconfirmed' }).check();
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(bar).toContainText('20 selected');
  await bar.getByRole('button', { name: 'Move selected to…' }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Canceled' }).click();

  await page.getByRole('button', { name: /Show Canceled/ }).click();
  await expect(column(page, 'Canceled').getByLabel('20 ports')).toBeVisible();
  await expect(column(page, 'Unconfirmed').getByRole('group')).toHaveCount(0);
  // The board moves the cards at once (optimistically); the 20 requests may still be on their way.
  const states = async () => new Set(await Promise.all(ids.map(async (id) => (await call('ports.get', { id })).state)));
  await expect.poll(states).toEqual(new Set(['canceled']));
  await page.getByRole('searchbox', { name: 'Search ports' }).fill('');
  await expect(card(page, 'Unconfirmed', 'Not me')).toBeVisible();
});

test('a change made through the CLI appears live on the board', async ({ page, host }) => {
  const call = hostRpc(host);
  const port = await call('ports.create', { fields: { name: 'Live one', ...COMPLETE }, numbers: ['2025551003'] });
  await page.reload();
  await expect(card(page, 'Unconfirmed', 'Live one')).toBeVisible();
  const moved = await runCli(['ports', 'move', port.id, 'submitted', '--force'], host.dbPath);
  expect(moved.code, moved.stderr).toBe(0);
  await expect(card(page, 'Submitted', 'Live one')).toBeVisible();
  await expect(column(page, 'Unconfirmed').getByRole('group')).toHaveCount(0);
});

test('ports arriving during a drag wait for the drop: the cards do not move under the pointer', async ({ page, host }) => {
  const call = hostRpc(host);
  for (const name of ['Held 1', 'Held 2', 'Held 3']) {
    const port = await call('ports.create', { fields: { name, ...COMPLETE }, numbers: [] });
    await call('ports.move', { id: port.id, to: 'submitted', force: true });
  }
  await page.reload();
  const submitted = column(page, 'Submitted');
  await expect(submitted.getByRole('group')).toHaveCount(3);
  const names = () => submitted.getByRole('group').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
  const before = await names();

  const box = (await card(page, 'Submitted', 'Held 2').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 20);
  await page.mouse.down();
  const pending = (await column(page, 'Pending').boundingBox())!;
  await page.mouse.move(pending.x + pending.width / 2, pending.y + 200, { steps: 5 });
  await expect(column(page, 'Pending')).toHaveAttribute('data-drop', 'over');

  // A port overdue by a week sorts first in Submitted: it reaches the window mid-drag.
  const arrived = page.waitForResponse(async (res) => {
    if ((res.request().postDataJSON() as { method?: string } | null)?.method !== 'ports.summaries') return false;
    const body = (await res.json()) as { value?: { name: string; state: string }[] };
    return body.value?.some((p) => p.name === 'Arrived' && p.state === 'submitted') ?? false;
  });
  const port = await call('ports.create', { fields: { name: 'Arrived', ...COMPLETE, focDate: '2020-01-01' }, numbers: [] });
  await call('ports.move', { id: port.id, to: 'submitted', force: true });
  await arrived;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect(await names()).toEqual(before);

  await page.mouse.up();
  await expect(card(page, 'Pending', 'Held 2')).toBeVisible();
  await expect(card(page, 'Submitted', 'Arrived')).toBeVisible();
  expect((await call('ports.get', { id: port.id })).state).toBe('submitted');
});

test('ports arriving while a card is pressed wait for its click: the click opens the card pressed', async ({ page, host }) => {
  const call = hostRpc(host);
  for (const name of ['Pressed 1', 'Pressed 2', 'Pressed 3']) {
    const port = await call('ports.create', { fields: { name, ...COMPLETE }, numbers: [] });
    await call('ports.move', { id: port.id, to: 'submitted', force: true });
  }
  await page.reload();
  const submitted = column(page, 'Submitted');
  await expect(submitted.getByRole('group')).toHaveCount(3);
  const names = () => submitted.getByRole('group').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
  const before = await names();

  // The press takes focus from the search box: that blur does not end the hold.
  await page.getByRole('searchbox', { name: 'Search ports' }).focus();
  const box = (await card(page, 'Submitted', 'Pressed 2').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 20);
  await page.mouse.down();
  // A port overdue by a week sorts first in Submitted: it reaches the window between press and release.
  const arrived = page.waitForResponse(async (res) => {
    if ((res.request().postDataJSON() as { method?: string } | null)?.method !== 'ports.summaries') return false;
    const body = (await res.json()) as { value?: { name: string; state: string }[] };
    return body.value?.some((p) => p.name === 'Pressed early' && p.state === 'submitted') ?? false;
  });
  const port = await call('ports.create', { fields: { name: 'Pressed early', ...COMPLETE, focDate: '2020-01-01' }, numbers: [] });
  await call('ports.move', { id: port.id, to: 'submitted', force: true });
  await arrived;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect(await names()).toEqual(before);

  await page.mouse.up();
  await expect(page.getByRole('complementary', { name: 'Port Pressed 2' })).toBeVisible();
  // Released, the port that arrived shows.
  await expect(card(page, 'Submitted', 'Pressed early')).toBeVisible();
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Tag the first ports of a few columns, so cards and the tag filter have something to show. */
async function tagSome(call: ReturnType<typeof hostRpc>): Promise<void> {
  const ports = await call('ports.list', {});
  const byState = (s: string) => ports.filter((p) => p.state === s).map((p) => p.id);
  await call('tags.set', { portIds: byState('unconfirmed').slice(0, 40), add: ['Q4 migration'] });
  await call('tags.set', { portIds: byState('unconfirmed').slice(0, 6), add: ['VIP'] });
  await call('tags.set', { portIds: byState('pending').slice(0, 10), add: ['Needs LOA re-sign', 'Call back'] });
}

test('at 1280x800 the filter bar is one line and the sidebar is icons only', async ({ page, host }) => {
  await seedDemoPorts(hostRpc(host), 60);
  await tagSome(hostRpc(host));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.reload();
  await expect(column(page, 'Unconfirmed')).toBeVisible();
  const filters = await page.getByRole('group', { name: 'Filters' }).boundingBox();
  const states = await page.getByRole('group', { name: 'States' }).boundingBox();
  const attention = await page.getByRole('combobox', { name: 'Show' }).boundingBox();
  expect(filters && states && attention).toBeTruthy();
  // One line: the last filter ("Show": needs attention, ready to submit) sits on the same row as the state chips.
  expect(Math.abs((attention?.y ?? 0) - (states?.y ?? 0))).toBeLessThan(4);
  expect(filters?.height).toBeLessThanOrEqual(48);
  const sidebar = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
  expect(sidebar?.width).toBeLessThanOrEqual(61);
});

test('board screenshots with tags, a selection and the filter bar @screens', async ({ page, host }) => {
  test.skip(!process.env.PORTDESK_SCREENS, 'screenshots run on demand: set PORTDESK_SCREENS=1');
  test.setTimeout(180_000);
  const call = hostRpc(host);
  await seedDemoPorts(call, 300);
  await tagSome(call);
  const dir = join(ROOT, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      await page.reload();
      await expect(column(page, 'Unconfirmed')).toBeVisible();
      const cards = column(page, 'Unconfirmed').getByRole('group');
      await cards.nth(0).getByRole('checkbox').check();
      await cards.nth(1).getByRole('checkbox').check();
      await cards.nth(2).getByRole('checkbox').check();
      await page.getByRole('combobox', { name: 'Tag' }).selectOption('');
      await page.screenshot({ path: join(dir, `board-tags-${size.width}x${size.height}-${scheme}.png`) });
      await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Tag…' }).click();
      await page.getByRole('dialog').getByRole('combobox', { name: 'Tag' }).fill('Q4');
      await page.screenshot({ path: join(dir, `board-tag-dialog-${size.width}x${size.height}-${scheme}.png`) });
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    }
  }
});

test('at 1366x768 and 1280x720 every card shows its whole due date and days', async ({ page, host }) => {
  test.setTimeout(120_000);
  await seedDemoPorts(hostRpc(host), 120);
  for (const size of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }]) {
    await page.setViewportSize(size);
    await page.reload();
    await expect(column(page, 'Unconfirmed').getByRole('group').first()).toBeVisible();
    const cut = await page.locator('.board').evaluate((board) =>
      [...board.querySelectorAll<HTMLElement>('.card-due.tabular')].filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent),
    );
    expect(cut, `${size.width}x${size.height}`).toEqual([]);
    expect(await page.locator('.board .card-due.tabular').count()).toBeGreaterThan(20);
  }
});

test('at 1280x720 the bulk bar’s Move menu lies inside the window and leaves the whole bar in view, on the board and in the table', async ({ page, host }) => {
  await seedDemoPorts(hostRpc(host), 60);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.reload();
  const cards = column(page, 'Pending').getByRole('group');
  for (let i = 0; i < 3; i++) await cards.nth(i).getByRole('checkbox').check();
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  const move = bar.getByRole('button', { name: 'Move selected to…' });
  for (const layout of ['Board', 'Table'] as const) {
    await page.getByRole('radio', { name: layout }).click();
    await move.click();
    const menu = page.getByRole('menu', { name: 'Move 3 ports to' });
    const items = menu.getByRole('menuitem');
    await expect(items.first()).toBeFocused();
    const [m, b] = [(await menu.boundingBox())!, (await bar.boundingBox())!];
    expect(m.x, layout).toBeGreaterThanOrEqual(0);
    expect(m.y, layout).toBeGreaterThanOrEqual(0);
    expect(m.x + m.width, layout).toBeLessThanOrEqual(1280);
    expect(m.y + m.height, layout).toBeLessThanOrEqual(720);
    const intersects = m.x < b.x + b.width && b.x < m.x + m.width && m.y < b.y + b.height && b.y < m.y + m.height;
    expect(intersects, `${layout}: menu ${JSON.stringify(m)} over bar ${JSON.stringify(b)}`).toBe(false);
    // Still a menu driven from the keyboard: arrows move, Escape closes and gives focus back to the button.
    await page.keyboard.press('ArrowDown');
    await expect(items.nth(1)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(move).toBeFocused();
  }
});

import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

type Call = ReturnType<typeof hostRpc>;

/** `count` drafts of one account named "<prefix> 001".., created oldest first (the board shows the newest on top). */
async function drafts(call: Call, prefix: string, count: number, account = 'Acme'): Promise<void> {
  for (let i = 1; i <= count; i++) await call('ports.create', { fields: { name: `${prefix} ${String(i).padStart(3, '0')}`, accountName: account }, remoteId: null });
}

/** Scroll a virtualised list to its end, a frame at a time, until the browser says it is there. */
async function scrollToEnd(list: Locator): Promise<void> {
  await expect
    .poll(() =>
      list.evaluate(async (el) => {
        el.scrollTop = el.scrollHeight;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return el.scrollTop > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      }),
    )
    .toBe(true);
}

/** Tab from `from` until focus is inside `region` (or gives up), as a keyboard user would. */
async function tabInto(page: Page, from: Locator, region: Locator): Promise<void> {
  await from.focus();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await region.evaluate((el) => el.contains(document.activeElement))) return;
  }
}

test('Tab reaches a 300-card column’s focused card after the column is scrolled far from it, and brings it into view', async ({ page, host }) => {
  // 300 ports made one call at a time: slow on a loaded machine.
  test.setTimeout(180_000);
  await drafts(hostRpc(host), 'Far', 300);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.reload();
  const column = page.getByRole('region', { name: 'Unconfirmed', exact: true });
  const top = column.getByRole('group', { name: 'Far 300', exact: true });
  await top.focus();
  await expect(top).toHaveClass(/is-focused/);
  await expect(column.getByRole('group', { name: 'Far 300', exact: true })).toHaveAttribute('tabindex', '0');

  await scrollToEnd(column.locator('.column-scroll'));
  await expect(column.getByRole('group', { name: 'Far 001', exact: true })).toBeInViewport();
  await expect(top).not.toBeInViewport();

  // The column's header checkbox comes just before its cards in the tab order.
  await tabInto(page, column.getByRole('checkbox', { name: 'Select all in Unconfirmed' }), column.locator('.column-scroll'));
  await expect(top).toBeFocused();
  await expect(top).toBeInViewport();
});

test('Tab reaches the lanes’ focused card after the lanes are scrolled far from it', async ({ page, host }) => {
  test.setTimeout(180_000);
  // One lane of 120 cards: 120 card rows, far more than a screenful.
  await drafts(hostRpc(host), 'Lane', 120);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.reload();
  await page.getByRole('combobox', { name: 'Lanes' }).selectOption('account');
  const lanes = page.getByRole('region', { name: 'Board by account' });
  const top = lanes.getByRole('group', { name: 'Lane 120', exact: true });
  await top.focus();
  await expect(top).toHaveClass(/is-focused/);

  await scrollToEnd(lanes);
  await expect(lanes.getByRole('group', { name: 'Lane 001', exact: true })).toBeInViewport();
  await expect(top).not.toBeInViewport();

  // The state header's buttons (Show Completed, Show Canceled) come just before the cards in the tab order.
  await tabInto(page, lanes.getByRole('button', { name: /^Show Canceled/ }), lanes.locator('.lanes-body'));
  await expect(top).toBeFocused();
  await expect(top).toBeInViewport();
});

test('Escape in the detail panel gives focus back to the port’s card on the board and to its row in the table', async ({ page, host }) => {
  await drafts(hostRpc(host), 'Back', 3);
  await page.reload();
  const column = page.getByRole('region', { name: 'Unconfirmed', exact: true });
  const card = column.getByRole('group', { name: 'Back 002', exact: true });
  await card.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Port Back 002' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary')).toHaveCount(0);
  await expect(card).toBeFocused();

  await page.getByRole('radio', { name: 'Table' }).click();
  const grid = page.getByRole('grid', { name: 'Ports' });
  const row = grid.getByRole('row').filter({ has: page.getByRole('checkbox', { name: 'Select Back 003', exact: true }) });
  await row.getByRole('gridcell').filter({ hasText: 'Back 003' }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Port Back 003' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary')).toHaveCount(0);
  await expect(row.locator('[tabindex="0"]')).toBeFocused();
});

test('Escape in the detail panel gives focus back to its table row after the table was scrolled far from it', async ({ page, host }) => {
  test.setTimeout(180_000);
  await drafts(hostRpc(host), 'Row', 60);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.reload();
  await page.getByRole('radio', { name: 'Table' }).click();
  const grid = page.getByRole('grid', { name: 'Ports' });
  const first = grid.locator('[data-row="0"]');
  const id = await first.getAttribute('data-port-id');
  const row = grid.locator(`[data-port-id="${id}"]`);
  await first.locator('[data-col="0"]').click();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('complementary');
  await expect(detail).toBeVisible();

  // Scrolled to the end with the panel open: the first row is far out of the drawn range.
  await scrollToEnd(grid);
  await expect(grid.locator('[data-row="59"]')).toBeInViewport();
  await expect(row).not.toBeInViewport();

  await detail.getByRole('heading', { level: 2 }).focus();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(row.locator('[tabindex="0"]')).toBeFocused();
  await expect(row).toBeInViewport();
});

test('after Discard or Save in the detail panel, focus stays in the panel and Escape still closes it', async ({ page, host }) => {
  await drafts(hostRpc(host), 'Keep', 1);
  await page.reload();
  const card = page.getByRole('region', { name: 'Unconfirmed', exact: true }).getByRole('group', { name: 'Keep 001', exact: true });
  await card.focus();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('complementary', { name: 'Port Keep 001' });
  const person = detail.getByLabel('Authorized person');

  await person.fill('Dana Whitfield');
  await detail.getByRole('button', { name: 'Discard' }).click();
  await expect(person).toHaveValue('');
  await expect(detail.getByText('All changes saved')).toBeFocused();

  await person.fill('Dana Whitfield');
  await detail.getByRole('button', { name: 'Save changes' }).click();
  await expect(detail.getByText('All changes saved')).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(card).toBeFocused();
});

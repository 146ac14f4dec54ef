import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('dragging a card near the bottom edge of a long column scrolls it', async ({ page, host }) => {
  const call = hostRpc(host);
  // Oldest first: the board shows "Long 30" on top and "Long 01" at the far end of the column.
  for (let i = 1; i <= 30; i++) await call('ports.create', { fields: { name: `Long ${String(i).padStart(2, '0')}` } });
  await page.reload();
  const col = column(page, 'Unconfirmed');
  const top = col.getByRole('group', { name: 'Long 30', exact: true });
  await expect(top).toBeVisible();
  await expect(col.getByRole('group', { name: 'Long 01', exact: true })).toHaveCount(0);
  const colBox = await col.boundingBox();
  const cardBox = await top.boundingBox();
  if (!colBox || !cardBox) throw new Error('board not laid out');

  await page.mouse.move(cardBox.x + cardBox.width / 2, cardBox.y + 40);
  await page.mouse.down();
  // Hover just inside the column's bottom edge; each move is a drag update for the auto-scroller,
  // which scrolls a step per frame: keep hovering, a frame at a time, until the last card is reached.
  const last = col.getByRole('group', { name: 'Long 01', exact: true });
  const scroller = col.locator('.column-scroll');
  const reached = () => scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
  for (let i = 0; i < 600 && !(await reached()); i++) {
    await page.mouse.move(colBox.x + colBox.width / 2, colBox.y + colBox.height - 12 - (i % 2));
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  }
  await expect(last).toBeInViewport();
  await page.mouse.up();
});

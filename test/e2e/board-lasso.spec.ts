import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const card = (page: Page, name: string) => column(page, 'Unconfirmed').getByRole('group', { name, exact: true });

async function box(page: Page, name: string) {
  const b = await card(page, name).boundingBox();
  if (!b) throw new Error(`${name} is not on screen`);
  return b;
}

test('a rectangle drawn on the board background selects the cards it touches; Shift adds', async ({ page, host }) => {
  const call = hostRpc(host);
  // Created oldest first, so the board (most recent on top) shows P4, P3, P2, P1.
  for (const name of ['P1', 'P2', 'P3', 'P4']) await call('ports.create', { fields: { name } });
  await page.reload();
  await expect(card(page, 'P1')).toBeVisible();
  const submitted = await column(page, 'Submitted').boundingBox();
  if (!submitted) throw new Error('no Submitted column');
  const p4 = await box(page, 'P4');
  const p3 = await box(page, 'P3');
  const p1 = await box(page, 'P1');
  const bar = page.getByRole('toolbar', { name: 'Selection' });

  // From the empty Submitted column, up and left into the top two cards.
  await page.mouse.move(submitted.x + submitted.width / 2, p3.y + p3.height - 10);
  await page.mouse.down();
  await page.mouse.move(p4.x + 40, p4.y + 20, { steps: 6 });
  await page.mouse.up();
  await expect(bar).toContainText('2 selected');
  await expect(card(page, 'P4').getByRole('checkbox', { name: 'Select P4' })).toBeChecked();
  await expect(card(page, 'P3').getByRole('checkbox', { name: 'Select P3' })).toBeChecked();
  await expect(card(page, 'P2').getByRole('checkbox', { name: 'Select P2' })).not.toBeChecked();

  // Shift adds the bottom card to the selection.
  await page.keyboard.down('Shift');
  await page.mouse.move(submitted.x + submitted.width / 2, p1.y + 30);
  await page.mouse.down();
  await page.mouse.move(p1.x + 40, p1.y + 20, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(bar).toContainText('3 selected');
  await expect(card(page, 'P1').getByRole('checkbox', { name: 'Select P1' })).toBeChecked();
  await expect(card(page, 'P2').getByRole('checkbox', { name: 'Select P2' })).not.toBeChecked();

  // A plain click on the background clears the selection.
  await page.mouse.click(submitted.x + submitted.width / 2, p1.y + 60);
  await expect(bar).toBeHidden();
});

import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Choose `action` from the document viewer's "More" menu (the actions the toolbar row has no room for). */
export async function moreAction(viewer: Locator, action: string): Promise<void> {
  await viewer.getByRole('button', { name: 'More' }).click();
  await viewer.getByRole('menu', { name: 'More actions' }).getByRole('menuitem', { name: action }).click();
}

/**
 * Page `n`'s box once the viewer is settled: a reopen (after a stamp or a discard) replaces the
 * pages, and the one measured before it could be gone under the click (its box then null).
 */
export async function settledPageBox(viewer: Locator, n = 1): Promise<{ x: number; y: number; width: number; height: number }> {
  await expect(viewer.getByLabel('Document pages')).toHaveAttribute('aria-busy', 'false');
  const pageDiv = viewer.locator(`.page[data-page-number="${n}"]`);
  await expect(pageDiv.locator('canvas')).toBeVisible();
  return (await pageDiv.boundingBox())!;
}

/** Place one mark of `kind` on page 1 and leave its tool on, where pdf.js lets a click select it. */
export async function placeMark(page: Page, viewer: Locator, kind: 'Rectangle' | 'Draw' | 'Text' | 'Highlight'): Promise<Locator> {
  const tool = viewer.getByRole('button', { name: kind, exact: true });
  const pageBox = await settledPageBox(viewer);
  if (kind === 'Rectangle') {
    await moreAction(viewer, 'Rectangle');
    return viewer.locator('.stampEditor');
  }
  if (kind === 'Highlight') {
    await tool.click();
    const line = viewer.locator('.page[data-page-number="1"] .textLayer span').first();
    const box = (await line.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    return viewer.locator('.highlightEditor');
  }
  await tool.click();
  await expect(tool).toHaveAttribute('aria-pressed', 'true');
  if (kind === 'Text') {
    await page.mouse.click(pageBox.x + pageBox.width * 0.25, pageBox.y + 300);
    await page.keyboard.type('Port on 12/14');
    await page.keyboard.press('Escape');
    return viewer.locator('.freeTextEditor');
  }
  const sx = pageBox.x + pageBox.width * 0.25;
  const sy = pageBox.y + 400;
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(sx + i * 14, sy + (i % 2 ? -18 : 12), { steps: 2 });
  await page.mouse.up();
  // pdf.js commits the stroke when the tool changes; back in Draw, a click selects it.
  await viewer.getByRole('button', { name: 'Select', exact: true }).click();
  await tool.click();
  return viewer.locator('.inkEditor');
}

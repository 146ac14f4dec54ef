import { expect, type Page } from '@playwright/test';

/** Draw a signature in the viewer's pad and press "Save and place" (the viewer then stores it and arms the click). */
export async function sketchSignature(page: Page): Promise<void> {
  const pad = page.getByLabel('Signature drawing area');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 40 + i * 40, box.y + box.height * (i % 2 ? 0.3 : 0.7), { steps: 3 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Save and place' }).click();
}

/** Draw a signature and keep it, then wait until the viewer asks for the click that places it. */
export async function drawSignature(page: Page): Promise<void> {
  await sketchSignature(page);
  // Armed once the signature is stored; a click before that is kept and places it when ready
  // (documents.spec), but these tests are about the click once armed.
  await expect(page.getByRole('status').filter({ hasText: 'Click on the page where the signature goes' })).toBeVisible();
}

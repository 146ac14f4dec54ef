import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';

/**
 * @screens (issue 17): a specialist's screens at the laptop sizes people actually have, with
 * hundreds of ports, saved to test-results/screens-specialist for a human to look at:
 *   PORTDESK_SCREENS=1 npx playwright test test/e2e/screens-specialist.spec.ts --project=host
 */
test.skip(!process.env.PORTDESK_SCREENS, 'screenshots run on demand: set PORTDESK_SCREENS=1');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;
const dir = join(ROOT, 'test-results', 'screens-specialist');

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

test('a specialist day at 1366x768 and 1280x720 @screens', async ({ page, host }) => {
  test.setTimeout(300_000);
  mkdirSync(dir, { recursive: true });
  await seedDemoPorts(hostRpc(host), 300);
  for (const size of SIZES) {
    const tag = `${size.width}x${size.height}`;
    await page.setViewportSize(size);
    await page.reload();
    const unconfirmed = page.getByRole('region', { name: 'Unconfirmed' });
    await expect(unconfirmed).toBeVisible();
    await shot(page, `board-${tag}`);

    // Unsaved edits kept as a draft.
    await unconfirmed.getByRole('group').first().click();
    const detail = page.getByRole('complementary');
    await detail.getByLabel('Authorized person').fill('Dana Whitfield');
    await detail.getByLabel('Authorized person').press('Escape');
    await unconfirmed.getByRole('group').first().click();
    await shot(page, `detail-draft-${tag}`);
    await detail.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('button', { name: 'Close detail' }).click();

    // Every line's result in the new-port dialog.
    await page.getByRole('button', { name: 'New port' }).click();
    const dialog = page.getByRole('dialog', { name: 'New port request' });
    await dialog.getByLabel('Name', { exact: true }).fill('Harbor Dental – fax');
    await dialog.getByLabel('Numbers (optional)').fill('(202) 555-9000\n202555900O\n+1 202 555 9000\n202-555-9001 ext 22\n12\n303-555-0100');
    await shot(page, `create-lines-${tag}`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Import: a number under two customers.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
    await page.getByLabel('Paste numbers or spreadsheet cells').fill(
      ['Customer\tPhone Number', 'Maple Street Bakery\t202-555-0160', 'Maple Street Bakery\t202-555-0161', 'Oak Dental\t(202) 555-0160', 'Oak Dental\t202-555-0162'].join('\n'),
    );
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByLabel('Import counts')).toContainText('Under two customers1', { timeout: 30_000 });
    await shot(page, `import-two-owners-${tag}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Board' }).click();
  }
});

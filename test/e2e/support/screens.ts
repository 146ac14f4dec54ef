import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from './host';

/** The laptop sizes every screen is looked at in. */
const LAPTOP_SIZES = [
  [1366, 768],
  [1280, 720],
] as const;

/**
 * With PORTDESK_SCREENS=1, the page as it is now at each laptop size, saved as
 * test-results/screens/NAME-WIDTHxHEIGHT.png to be looked at; nothing otherwise.
 */
export async function screensAtLaptopSizes(page: Page, name: string): Promise<void> {
  if (!process.env.PORTDESK_SCREENS) return;
  const dir = join(ROOT, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  for (const [width, height] of LAPTOP_SIZES) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(dir, `${name}-${width}x${height}.png`) });
  }
}

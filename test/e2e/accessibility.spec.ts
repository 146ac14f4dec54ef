import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';
import { READY_FIELDS } from '../support/port-fields';

/**
 * axe-core, the standard accessibility rule engine, on every screen in both colour schemes, with
 * every rule it runs by default: zero violations allowed. A failure lists each rule with the
 * elements that break it, so the fix goes in the app (never a disabled rule).
 */
async function audit(page: Page, screen: string): Promise<void> {
  // Wait out transitions (toasts sliding in, skeletons) so contrast is measured on what stays.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}, ${v.nodes.length}): ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`).join(' | ')}`);
  expect(found, `axe-core on ${screen}`).toEqual([]);
}

test('every screen passes axe-core with zero violations, light and dark', async ({ page, host }) => {
  test.setTimeout(300_000);
  const call = hostRpc(host);
  await seedDemoPorts(call, 300);
  const ready = await call('ports.create', { fields: { name: 'Harbor Dental – main office', ...READY_FIELDS, winningCarrier: 'Bandwidth' }, numbers: ['(720) 555-0400', '(720) 555-0401'] });
  await call('loa.generate', { portId: ready.id, attach: true });
  // A connection that cannot be reached: the Sync screen then shows queued changes and an error.
  await call('remotes.add', { kind: 'telnyx', url: 'http://127.0.0.1:9/telnyx', accountId: 'acct-telnyx-01', token: 'unused-token', apiUser: 'ops@example.com', name: 'Telnyx (unreachable)' });
  const shots = join(ROOT, 'test-results', 'screens');
  mkdirSync(shots, { recursive: true });

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.reload();
    const nav = page.getByRole('navigation', { name: 'Main' });

    await expect(page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group').first()).toBeVisible();
    await audit(page, `board (${colorScheme})`);

    await page.getByRole('searchbox', { name: 'Search ports' }).fill('Harbor Dental');
    await page.getByRole('group', { name: 'Harbor Dental – main office' }).click();
    const detail = page.getByRole('complementary', { name: 'Port Harbor Dental – main office' });
    await expect(detail.getByRole('heading', { name: 'Harbor Dental – main office' })).toBeVisible();
    await audit(page, `port detail (${colorScheme})`);

    await detail.getByRole('button', { name: /^Open .*\.pdf$/ }).first().click();
    const viewer = page.getByRole('dialog', { name: /^Document / });
    await expect(viewer.locator('.page canvas').first()).toBeVisible();
    await expect(viewer.locator('.textLayer span').first()).toBeAttached();
    await audit(page, `document viewer (${colorScheme})`);
    await page.screenshot({ path: join(shots, `a11y-viewer-${colorScheme}.png`) });
    await viewer.getByRole('button', { name: 'Close document' }).click();
    await detail.getByRole('button', { name: 'Close detail' }).click();
    await page.getByRole('searchbox', { name: 'Search ports' }).fill('');

    await nav.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await audit(page, `import (${colorScheme})`);

    await nav.getByRole('button', { name: 'Sync' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('Telnyx (unreachable)').first()).toBeVisible();
    await audit(page, `sync (${colorScheme})`);
    await page.screenshot({ path: join(shots, `a11y-sync-${colorScheme}.png`) });

    await nav.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await audit(page, `settings (${colorScheme})`);
    await nav.getByRole('button', { name: 'Board' }).click();
  }
});

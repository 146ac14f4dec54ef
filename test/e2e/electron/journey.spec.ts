import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createPortInUi, electronUnavailable, launchApp } from './support';

const unavailable = electronUnavailable();

/** Issue 3's journey in the desktop shell: the data survives quitting the app. */
test('create a port and add numbers, quit, relaunch: the port and its numbers are there', async () => {
  test.skip(unavailable !== null, unavailable ?? '');
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-electron-'));
  const dbPath = join(dir, 'portdesk.db');
  try {
    const first = await launchApp(dbPath);
    await createPortInUi(first.page, 'Desktop Dental', '2025557000');
    const detail = first.page.getByRole('complementary', { name: 'Port Desktop Dental' });
    await detail.getByLabel('Add numbers').fill('(202) 555-7001, 202.555.7002');
    await detail.getByRole('button', { name: 'Add numbers' }).click();
    await expect(detail.getByRole('table', { name: 'Numbers' }).getByRole('row')).toHaveCount(4);
    await first.app.close();

    const second = await launchApp(dbPath);
    const card = second.page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: 'Desktop Dental' });
    await expect(card.getByRole('img', { name: '3 numbers', exact: true })).toBeVisible();
    await card.click();
    await expect(second.page.getByRole('table', { name: 'Numbers' })).toContainText('+1 202 555 7002');
    await second.app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createPortInUi, electronUnavailable, launchApp } from './support';

const unavailable = electronUnavailable();

/** Issue 9's smoke suite: the packaged shell starts, shows the board, writes and keeps data. */
test('launch, board visible, create a port, quit, relaunch: the port is there', async () => {
  test.skip(unavailable !== null, unavailable ?? '');
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-electron-'));
  const dbPath = join(dir, 'portdesk.db');
  try {
    const first = await launchApp(dbPath);
    await expect(first.page.getByRole('button', { name: 'New port' })).toBeVisible();
    await expect(first.page.getByText('No port requests yet')).toBeVisible();
    // The renderer runs sandboxed with no Node: only the preload's bridge is there.
    expect(await first.page.evaluate(() => [typeof (window as { require?: unknown }).require, Object.keys((window as { portdesk?: object }).portdesk ?? {}).sort()])).toEqual(['undefined', ['call', 'subscribe']]);
    await createPortInUi(first.page, 'Smoke Test Port', '+1 303 555 0142');
    await expect(first.page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: 'Smoke Test Port' })).toBeVisible();
    await first.app.close();

    const second = await launchApp(dbPath);
    await expect(second.page.getByRole('region', { name: 'Unconfirmed' }).getByRole('group', { name: 'Smoke Test Port' })).toContainText('1 number');
    await second.app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

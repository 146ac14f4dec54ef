import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createPortInUi, electronUnavailable, launchApp } from './support';

const unavailable = electronUnavailable();

/** What the stubbed save dialog was asked: its suggested path and file filters. */
type Asked = { defaultPath?: string; filters?: { name: string; extensions: string[] }[] }[];

/**
 * Export in the desktop shell goes through main: the native save dialog (stubbed in main, as a
 * user picking a file), then main builds and writes the file; a canceled dialog writes nothing.
 */
test('export the board to CSV through the native save dialog; canceling it writes nothing', async () => {
  test.skip(unavailable !== null, unavailable ?? '');
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-electron-export-'));
  const target = join(dir, 'picked.csv');
  try {
    const { app, page } = await launchApp(join(dir, 'portdesk.db'));
    await createPortInUi(page, 'Export Dental', '2025557100, 2025557101');
    await page.keyboard.press('Escape');

    // Canceled first: no file, no message.
    await app.evaluate(({ dialog }) => {
      dialog.showSaveDialog = (async () => ({ canceled: true, filePath: '' })) as unknown as typeof dialog.showSaveDialog;
    });
    await page.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export 1 port' });
    await exportDialog.getByRole('radio', { name: 'CSV (.csv)' }).check();
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(exportDialog).toBeHidden();
    expect(existsSync(target)).toBe(false);

    // Then a file picked: main records what the dialog was asked and answers with the path.
    await app.evaluate(({ dialog }, path) => {
      const asked: Asked = [];
      (globalThis as unknown as { asked: Asked }).asked = asked;
      dialog.showSaveDialog = (async (_window: unknown, options: Asked[number]) => {
        asked.push(options);
        return { canceled: false, filePath: path };
      }) as unknown as typeof dialog.showSaveDialog;
    }, target);
    await page.getByRole('button', { name: 'Export…' }).click();
    await exportDialog.getByRole('radio', { name: 'CSV (.csv)' }).check();
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    // Main answers with the path it wrote, which the window names.
    await expect(page.getByRole('status').filter({ hasText: `Exported 1 row (1 port) to ${target}` })).toBeVisible();

    const asked = await app.evaluate(() => (globalThis as unknown as { asked: Asked }).asked);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.defaultPath).toMatch(/portdesk-ports-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(asked[0]?.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
    const csv = readFileSync(target, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Export Dental');
    expect(csv).toMatch(/\+12025557100/);
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

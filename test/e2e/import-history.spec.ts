import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';

/**
 * Issue 17: Undo lived only in a 20 s toast. The Import screen's History lists past imports (file,
 * when, ports and numbers, what each created) with Undo while nothing of one was sent, and the
 * reason otherwise. Screenshots go to test-results/import-history.
 */
const SHOTS = join(ROOT, 'test-results', 'import-history');

/** Import pasted cells through the host's RPC and return the import id. */
async function importPaste(call: ReturnType<typeof hostRpc>, text: string): Promise<string> {
  const { jobId } = await call('import.start', { source: { kind: 'paste', text }, country: 'US', target: { kind: 'group' } });
  const status = await call('import.status', { jobId, wait: true });
  expect(status.state).toBe('ready');
  return (await call('import.commit', { jobId })).batchId;
}

/** As the sync engine leaves an outbox row after a push it tried: the import may have reached the remote. */
function markAttempted(dbPath: string, batchId: string): void {
  const db = new Database(dbPath, { fileMustExist: true });
  db.prepare('UPDATE outbox SET attempts = 1 WHERE mutation_id IN (SELECT mutation_id FROM import_batch_ports WHERE batch_id = ?)').run(batchId);
  db.close();
}

test('import history: what each import created, Undo while nothing was sent, the reason when it was', async ({ page, host }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const call = hostRpc(host);
  await seedDemoPorts(call, 300);
  const sent = await importPaste(call, ['Customer\tNumber\tCarrier', 'Harbor Dental\t(202) 739-0100\tVerizon', 'Harbor Dental\t(202) 739-0101\tVerizon', 'Lakeview Clinic\t(202) 739-0102\tAT&T'].join('\n'));
  markAttempted(host.dbPath, sent);
  await importPaste(call, ['Customer\tNumber\tCarrier', 'Quarry Bakery\t(202) 739-0200\tLumen', 'Quarry Bakery\t(202) 739-0201\tLumen', 'Quarry Bakery\t(202) 739-0202\tLumen'].join('\n'));
  await page.reload();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await page.getByRole('radio', { name: 'History' }).click();
  const list = page.getByRole('region', { name: 'Past imports' });
  const imports = list.getByRole('listitem').filter({ has: page.getByRole('list', { name: 'What it created' }) });
  await expect(imports).toHaveCount(2);

  // Newest first: not sent yet, so it can be undone; it lists the port it created.
  const newest = imports.nth(0);
  await expect(newest).toContainText('pasted text');
  await expect(newest).toContainText('1 port · 3 numbers');
  await expect(newest).toContainText('Not sent yet');
  await expect(newest.getByRole('list', { name: 'What it created' })).toContainText('New port Quarry Bakery: 3 numbers');

  // The older one had a push attempted: no Undo, and why.
  const older = imports.filter({ hasText: 'Harbor Dental' });
  await expect(older).toContainText('2 ports · 3 numbers');
  await expect(older).toContainText('Cannot undo');
  await expect(older).toContainText('has already been sent to its remote; edit or cancel the ports instead');
  await expect(older.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await expect(older.getByRole('list', { name: 'What it created' })).toContainText('New port Harbor Dental: 2 numbers');
  await expect(older.getByRole('list', { name: 'What it created' })).toContainText('New port Lakeview Clinic: 1 number');

  for (const size of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SHOTS, `import-history-${size.width}x${size.height}.png`) });
  }

  await newest.getByRole('button', { name: 'Undo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo the import of pasted text?' });
  await expect(dialog).toContainText('The port it created is deleted with its queued changes.');
  await dialog.getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import of pasted text undone: 1 port and 3 numbers removed.' })).toBeVisible();
  await expect(list.getByRole('listitem').first()).toContainText('Undone');
  await expect(imports).toHaveCount(1);
  const ports = await call('ports.list', {});
  expect(ports.some((p) => p.name === 'Quarry Bakery')).toBe(false);
  expect(ports.some((p) => p.name === 'Harbor Dental')).toBe(true);

  // A created port's name opens it on the board.
  await older.getByRole('button', { name: 'Harbor Dental' }).click();
  await expect(page.getByRole('complementary')).toContainText('Harbor Dental');
});

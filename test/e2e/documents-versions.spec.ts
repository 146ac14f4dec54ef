import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import { countAnnotations } from '../../src/main/documents';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';
import { drawSignature } from './support/signature';
import { moreAction, settledPageBox } from './support/viewer';
import { READY_FIELDS } from '../support/port-fields';

const FIELDS = { ...READY_FIELDS, billingName: 'Zoë Łukasiewicz' };
const SHOTS = process.env.PORTDESK_SHOTS ?? join(tmpdir(), 'portdesk-documents-shots');


/** Click on page 1, 30 % across and 500 px below its top (in view at both sizes); returns the PDF point clicked. */
async function clickPageOne(page: Page, viewer: Locator): Promise<{ x: number; y: number }> {
  const box = await settledPageBox(viewer);
  const down = Math.min(500, page.viewportSize()!.height - box.y - 20);
  await page.mouse.click(box.x + box.width * 0.3, box.y + down);
  return { x: 612 * 0.3, y: 792 * (1 - down / box.height) };
}

test('LOA: click to sign, initials on every page, undo after reopening, discard, versions and restore', async ({ page, host }) => {
  test.setTimeout(240_000);
  mkdirSync(SHOTS, { recursive: true });
  const call = hostRpc(host);
  const numbers = Array.from({ length: 150 }, (_, i) => `+1202555${String(3000 + i)}`);
  const port = await call('ports.create', { fields: { name: 'Sign all', ...FIELDS }, numbers });
  await page.reload();
  await page.getByRole('group', { name: 'Sign all', exact: true }).click();
  await page.getByRole('button', { name: 'Generate LOA' }).click();
  const viewer = page.getByRole('dialog', { name: 'Document LOA - Sign all.pdf' });
  await expect(viewer.locator('.page canvas').first()).toBeVisible({ timeout: 45_000 });
  const [loa] = await call('attachments.list', { portId: port.id });
  expect(loa).toMatchObject({ kind: 'loa', unsigned: true, version: 1 });
  const pages = Number((await viewer.getByLabel('Page number').locator('xpath=..').innerText()).match(/\/ (\d+)/)?.[1]);
  expect(pages).toBeGreaterThan(1);
  const draftAnnots = async () => countAnnotations(Buffer.from((await call('attachments.read', { id: loa!.id, draft: true })).contentBase64, 'base64'));

  // Signature where the user clicks (the signature line of page 1).
  await viewer.getByRole('button', { name: 'Signature', exact: true }).click();
  await drawSignature(page);
  const clicked = await clickPageOne(page, viewer);
  await expect.poll(async () => (await call('annotations.draft', { id: loa!.id }))?.signed).toBe(true);
  // Initials on the initials line of every page.
  await moreAction(viewer, 'Initials on every page');
  await expect.poll(async () => (await draftAnnots()).length).toBe(pages + 1);
  const initials = (await draftAnnots()).filter((a) => Math.round(a.rect[2]! - a.rect[0]!) === 50);
  expect(initials.map((a) => a.page)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
  for (const a of initials) expect(a.rect).toEqual([362, 29, 412, 49]);
  const signature = (await draftAnnots()).find((a) => Math.round(a.rect[2]! - a.rect[0]!) === 160)!;
  expect(signature.page).toBe(1);
  expect(Math.abs((signature.rect[0]! + signature.rect[2]!) / 2 - clicked.x)).toBeLessThan(2);
  expect(Math.abs((signature.rect[1]! + signature.rect[3]!) / 2 - clicked.y)).toBeLessThan(2);
  await expect(viewer.locator('.page canvas').first()).toBeVisible();
  for (const [w, h] of [[1366, 768], [1280, 720]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(SHOTS, `loa-stamped-${w}.png`) });
  }

  // Close and reopen: the draft opens, and Undo takes back the last change (the initials).
  await viewer.getByRole('button', { name: 'Close document' }).click();
  await page.getByRole('button', { name: 'Open LOA - Sign all.pdf' }).click();
  await expect(viewer.getByText('Draft kept')).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Undo' })).toBeEnabled();
  // The reopened draft's read is held: until it is shown, Undo waits (a click then used to undo
  // from the state before, so the second Undo below did nothing on a busy machine).
  let releaseRead!: () => void;
  const readHeld = new Promise<void>((resolve) => (releaseRead = resolve));
  // Once released, the route lets every read through.
  await page.route('**/rpc', async (route) => {
    if ((route.request().postDataJSON() as { method?: string } | null)?.method === 'attachments.read') await readHeld;
    await route.continue();
  });
  await viewer.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await draftAnnots()).length).toBe(1);
  await expect(viewer.getByRole('button', { name: 'Undo' })).toBeDisabled();
  releaseRead();
  // Undo again: back to the letter as generated (no draft).
  await expect(viewer.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await viewer.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => call('annotations.draft', { id: loa!.id })).toBeNull();

  // Sign again, then discard the draft: nothing is left and the letter is still unsigned.
  await expect(viewer.getByText('Draft kept')).toBeHidden();
  await viewer.getByRole('button', { name: 'Signature', exact: true }).click();
  await clickPageOne(page, viewer);
  await expect.poll(async () => (await call('annotations.draft', { id: loa!.id }))?.signed).toBe(true);
  await moreAction(viewer, 'Discard draft');
  await page.locator('dialog').getByRole('button', { name: 'Discard', exact: true }).click();
  await expect.poll(() => call('annotations.draft', { id: loa!.id })).toBeNull();
  expect((await call('attachments.list', { portId: port.id }))[0]).toMatchObject({ unsigned: true, version: 1 });

  // Sign and save: version 2, signed.
  await viewer.getByRole('button', { name: 'Signature', exact: true }).click();
  await clickPageOne(page, viewer);
  await expect.poll(async () => (await call('annotations.draft', { id: loa!.id }))?.signed).toBe(true);
  await viewer.getByRole('button', { name: 'Save to PDF' }).click();
  await expect(page.getByText(/Saved annotations to LOA - Sign all\.pdf \(version 2\)/)).toBeVisible();
  expect((await call('attachments.list', { portId: port.id }))[0]).toMatchObject({ unsigned: false, version: 2 });
  const signedFile = join(host.dataDir, 'signed.pdf');
  const signedBytes = Buffer.from((await call('attachments.read', { id: loa!.id })).contentBase64, 'base64');
  // The saved version carries the signature placed just before Save (not the letter as it was).
  expect((await countAnnotations(signedBytes)).filter((a) => a.subtype === 'Stamp')).toHaveLength(1);
  writeFileSync(signedFile, signedBytes);
  expect(spawnSync('pdftotext', ['-enc', 'UTF-8', signedFile, '-'], { encoding: 'utf8' }).stdout).toContain('Zoë Łukasiewicz');
  spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', signedFile, join(SHOTS, 'loa-signed')]);

  // Versions: list, open the original read-only, restore it (a new version; unsigned again).
  await viewer.getByRole('button', { name: 'Versions' }).click();
  const versions = viewer.getByRole('complementary', { name: 'Versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions.getByRole('listitem').nth(0)).toContainText('Annotated');
  await expect(versions.getByRole('listitem').nth(0)).toContainText('Signed');
  await expect(versions.getByRole('listitem').nth(1)).toContainText('Original');
  await versions.getByRole('button', { name: 'Open version 1' }).click();
  await expect(viewer.getByRole('status')).toContainText('Version 1 of LOA - Sign all.pdf (read-only)');
  await expect(viewer.getByRole('toolbar', { name: 'Annotation tools' })).toBeHidden();
  for (const [w, h] of [[1366, 768], [1280, 720]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(SHOTS, `versions-${w}.png`) });
  }
  await viewer.getByRole('button', { name: 'Restore version 1' }).first().click();
  await expect(page.getByText(/Restored version 1 of LOA - Sign all\.pdf as version 3/)).toBeVisible();
  await expect(versions.getByRole('listitem')).toHaveCount(3);
  await expect(versions.getByRole('listitem').nth(0)).toContainText('Restored from v1');
  expect((await call('attachments.list', { portId: port.id }))[0]).toMatchObject({ unsigned: true, version: 3 });
  expect((await call('attachments.versions', { id: loa!.id })).map((v) => v.version)).toEqual([3, 2, 1]);
});

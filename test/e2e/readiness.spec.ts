import { PDFDocument } from '@cantoo/pdf-lib';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';
import { READY_FIELDS } from '../support/port-fields';
import { isoDay } from '../../src/shared/domain/portFacts';

// Generating an LOA embeds its fonts (fontkit shaping) before pdf.js draws it: on a busy 2-core
// CI machine that alone can pass the default 10 s. How fast it is, is a bench figure (documents).
const LOA_READY_MS = 45_000;

/** A 1x1 black PNG: enough of a saved signature for the Stamp editor to place. */
const SIGNATURE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function onePagePdf(): Promise<string> {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]);
  return Buffer.from(await doc.save()).toString('base64');
}

/** Issue 17: readiness a carrier would agree with, each item leading to its field. */
test('readiness asks for the winning carrier, a valid ZIP and state, a future date, and a signed LOA; items jump to their field', async ({ page, host }) => {
  const call = hostRpc(host);
  const yesterday = isoDay(new Date(Date.now() - 86_400_000));
  const port = await call('ports.create', {
    fields: { name: 'Maple Street Bakery', ...READY_FIELDS, winningCarrier: '', country: '', postalCode: '6054', region: 'Ilinois', transferDate: yesterday },
    numbers: ['3125550100'],
  });
  await call('attachments.add', { portId: port.id, filename: 'bill.pdf', contentBase64: await onePagePdf(), kind: 'bill' });
  await page.reload();
  await page.getByRole('group', { name: 'Maple Street Bakery', exact: true }).click();
  const detail = page.getByRole('complementary', { name: 'Port Maple Street Bakery' });
  const readiness = detail.getByRole('region', { name: 'Not ready to submit' });
  await expect(readiness.getByRole('button')).toHaveText([
    'New (winning) carrier is missing: the LOA names who the numbers move to',
    'US ZIP code must be 5 digits (or ZIP+4, 12345-6789); "6054" is not',
    '"Ilinois" is not a US state: use its two-letter code (e.g. IL)',
    `Requested transfer date ${yesterday} is in the past`,
    'Signed LOA is not attached',
  ]);
  // Country is empty: the numbers' country applies, and says so instead of a grey "US" that looks filled in.
  expect(await detail.getByLabel('Country').getAttribute('placeholder')).toBeNull();
  await expect(detail.getByText("Empty: the numbers' country (US) is used")).toBeVisible();

  await readiness.getByRole('button', { name: /New \(winning\) carrier is missing/ }).click();
  await expect(detail.getByLabel('New (winning) carrier')).toBeFocused();
  await page.keyboard.type('Bandwidth');
  await readiness.getByRole('button', { name: /ZIP code/ }).click();
  await expect(detail.getByLabel('Postal code')).toBeFocused();
  await detail.getByLabel('Postal code').fill('60540');
  await detail.getByLabel('State / region').fill('Illinois');
  await detail.getByLabel('Requested transfer date').fill('2099-01-05');
  await detail.getByRole('button', { name: 'Save changes' }).click();
  await expect(detail.getByText('All changes saved')).toBeVisible();
  // The state is stored as carriers match it.
  await expect(detail.getByLabel('State / region')).toHaveValue('IL');
  await expect(readiness.getByRole('button')).toHaveText(['Signed LOA is not attached']);

  // A generated LOA is not a signed one.
  await detail.getByRole('button', { name: 'Generate LOA' }).click();
  const viewer = page.getByRole('dialog', { name: 'Document LOA - Maple Street Bakery.pdf' });
  await expect(viewer.locator('.page canvas').first()).toBeVisible({ timeout: LOA_READY_MS });
  await viewer.getByRole('button', { name: 'Close document' }).click();
  await expect(readiness.getByRole('button')).toHaveText(['The LOA was generated but not signed: open it and apply the signature, or attach the signed copy']);
  await expect(detail.getByText('Unsigned', { exact: true })).toBeVisible();
  await readiness.getByRole('button', { name: /generated but not signed/ }).click();
  await expect(detail.getByRole('heading', { name: /Documents/ })).toBeFocused();

  // Signed in the viewer: ready.
  await call('signature.set', { pngBase64: SIGNATURE_PNG });
  await detail.getByRole('button', { name: 'Open LOA - Maple Street Bakery.pdf' }).click();
  await expect(viewer.locator('.page canvas').first()).toBeVisible({ timeout: LOA_READY_MS });
  // The signature goes where the specialist clicks on the page.
  await viewer.getByRole('button', { name: 'Signature', exact: true }).click();
  await expect(viewer.getByRole('status')).toContainText('Click on the page where the signature goes');
  const pageBox = (await viewer.locator('.page').first().boundingBox())!;
  await page.mouse.click(pageBox.x + pageBox.width * 0.3, pageBox.y + Math.min(150, (page.viewportSize()!.height - pageBox.y) / 2));
  const loa = (await call('ports.get', { id: port.id })).attachments.find((a) => a.kind === 'loa');
  await expect.poll(async () => (await call('annotations.draft', { id: loa!.id }))?.signed).toBe(true);
  await viewer.getByRole('button', { name: 'Save to PDF' }).click();
  await expect(page.getByText(/Saved annotations to LOA - Maple Street Bakery\.pdf \(version 2\)/)).toBeVisible();
  await viewer.getByRole('button', { name: 'Close document' }).click();
  await expect(readiness).toBeHidden();
  await expect(detail.getByText('Unsigned', { exact: true })).toBeHidden();
  expect((await call('ports.get', { id: port.id })).attachments.find((a) => a.kind === 'loa')).toMatchObject({ unsigned: false });
});

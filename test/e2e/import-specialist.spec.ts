import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';

/**
 * Issue 17, import of the spreadsheets people actually have: a title block above the header (and
 * picking the header row), a preview that uses the screen at laptop sizes with the Import button
 * in view, rows of a port split by losing carrier naming their port, and the "Ports" choice
 * applying at once. Screenshots go to test-results/import-specialist for a human to look at.
 */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;
const SHOTS = join(ROOT, 'test-results', 'import-specialist');

/** The worker boots tsx from sources in the host: slow on a loaded machine. */
const WORKER_BOOT = { timeout: 30_000 };

const CUSTOMERS = ['Acme Dental', 'Blue Harbor Logistics', 'Cedar Ridge Veterinary', 'Delta Freight Partners', 'Evergreen Family Law', 'Fairview Pediatrics', 'Granite Peak Realty', 'Harborview Hotel'];
const CARRIERS = ['Verizon', 'AT&T', 'Lumen', 'Frontier', 'Comcast Business', 'Spectrum', 'Windstream', 'Cox Business'];

/**
 * A 242-row carrier worksheet saved as CSV: a title, a banner exported from merged cells, a date
 * line and a blank row above the header on row 5; ten columns; Maple Street Bakery's numbers are
 * with two losing carriers, so its port is split.
 */
function titledCsv(): string {
  const lines = [
    'Porting request – Q4 migration,,,,,,,,,',
    'CONFIDENTIAL,CONFIDENTIAL,CONFIDENTIAL,CONFIDENTIAL,CONFIDENTIAL,CONFIDENTIAL,CONFIDENTIAL,CONFIDENTIAL,CONFIDENTIAL,CONFIDENTIAL',
    'Prepared 11/30/2026,,,,,,,,,',
    ',,,,,,,,,',
    'Customer,Phone Number,Losing Carrier,Account Number,Billing Name,Service Address,City,State,ZIP,Desired Port Date',
  ];
  for (let i = 0; i < 242; i++) {
    const maple = i < 6;
    const c = i % CUSTOMERS.length;
    const customer = maple ? 'Maple Street Bakery' : CUSTOMERS[c]!;
    const carrier = maple ? (i < 3 ? 'Verizon' : 'AT&T') : CARRIERS[c]!;
    const number = `(202) 738-${String(1000 + i).padStart(4, '0')}`;
    lines.push([customer, number, carrier, maple ? 'M-77' : `A-${100 + c}`, customer, maple ? '1 Maple St' : `${100 + c} Market St`, 'Washington', 'DC', '20001', '12/15/2026'].map((cell) => (cell.includes(',') ? `"${cell}"` : cell)).join(','));
  }
  return lines.join('\r\n');
}

async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('Import file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(page.getByLabel('Import counts')).toContainText('Valid242', WORKER_BOOT);
}

/** Preview rows wholly inside the table's visible area. */
async function visibleRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const scroll = document.querySelector('.imp-scroll');
    const head = document.querySelector('.imp-head');
    if (!scroll || !head) return 0;
    const top = head.getBoundingClientRect().bottom;
    const bottom = scroll.getBoundingClientRect().bottom;
    return [...document.querySelectorAll('.imp-row')].filter((r) => {
      const box = r.getBoundingClientRect();
      return box.top >= top - 1 && box.bottom <= bottom + 1 && !r.classList.contains('imp-row-loading');
    }).length;
  });
}

test('the header under a title block is found, and the specialist can pick another row; the mapping follows', async ({ page }) => {
  await openFile(page, 'q4-ports.csv', titledCsv());
  const headerRow = page.getByLabel('Header row');
  await expect(headerRow).toHaveValue('5');
  await expect(page.getByText('rows 1–3 above it are not imported')).toBeVisible();
  await expect(page.getByLabel('Column Phone Number')).toHaveValue('number');
  await expect(page.getByLabel('Column Desired Port Date')).toHaveValue('transferDate');
  // The title is offered as a row to pick, with its text.
  await expect(headerRow.locator('option', { hasText: 'row 1: Porting request – Q4 migration' })).toHaveCount(1);

  // The wrong row: the title becomes the only header, the real header a row of data with problems.
  await headerRow.selectOption('1');
  await expect(page.getByRole('columnheader', { name: /Porting request – Q4 migration/ })).toBeVisible();
  await expect(page.getByLabel('Column Phone Number')).toHaveCount(0);
  await expect(page.getByLabel('Import counts')).toContainText('Valid242', WORKER_BOOT);

  // Back to row 5: its columns and their guessed mapping return.
  await headerRow.selectOption('5');
  await expect(page.getByLabel('Column Phone Number')).toHaveValue('number');
  await expect(page.getByLabel('Column Losing Carrier')).toHaveValue('losingCarrier');
  await expect(page.getByLabel('Import counts')).toContainText('Rows with problems0');

  // No header at all: every non-blank row is data (the title rows fail as numbers).
  await headerRow.selectOption('none');
  await expect(page.getByLabel('Column Column 2')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Import preview' }).getByRole('row', { name: 'Row 1', exact: true })).toBeVisible();
});

test('a column is mapped in its header, and a "Ports" choice applies as soon as it is chosen', async ({ page }) => {
  await openFile(page, 'q4-ports.csv', titledCsv());
  const footer = page.locator('.imp-footer');
  // One port per customer (Maple Street Bakery split in two by carrier).
  await expect(footer).toContainText('242 numbers into 10 ports');
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0);

  await page.getByRole('radio', { name: /All into a new port/ }).check();
  // Every losing carrier gets its own port request, named after the new port.
  await expect(footer).toContainText('242 numbers into 8 ports');
  await expect(page.getByRole('table', { name: 'Import preview' }).getByRole('row', { name: 'Row 6', exact: true })).toContainText('→ Import of q4-ports.csv – Verizon');

  await page.getByLabel('New port name').fill('Q4 batch');
  await page.getByLabel('New port name').press('Enter');
  await expect(page.getByRole('table', { name: 'Import preview' }).getByRole('row', { name: 'Row 6', exact: true })).toContainText('→ Q4 batch – Verizon');

  await page.getByRole('radio', { name: /One port per value of/ }).check();
  await expect(footer).toContainText('242 numbers into 10 ports');

  // Mapping in the column header: ignoring the carrier column stops the split.
  await page.getByLabel('Column Losing Carrier').selectOption('');
  await expect(footer).toContainText('242 numbers into 9 ports');
});

test('rows of a port split by losing carrier name their port, and the split is said once', async ({ page }) => {
  await openFile(page, 'q4-ports.csv', titledCsv());
  const table = page.getByRole('table', { name: 'Import preview' });
  await expect(table.getByRole('row', { name: 'Row 6', exact: true })).toContainText('→ Maple Street Bakery – Verizon');
  await expect(table.getByRole('row', { name: 'Row 9', exact: true })).toContainText('→ Maple Street Bakery – AT&T');
  const notes = page.getByLabel('About the file and its ports');
  await expect(notes.getByText(/losing carriers/)).toHaveCount(1);
  await expect(notes).toContainText('Group "M-77" has numbers from 2 losing carriers (Verizon, AT&T), so it becomes 2 port requests, one per carrier: "Maple Street Bakery – Verizon", "Maple Street Bakery – AT&T"');
});

test('at 1366x768 the preview fills the screen; at 1280x720 the Import button stays in view', async ({ page, host }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  await seedDemoPorts(hostRpc(host), 300);
  await page.reload();
  await openFile(page, 'q4-ports.csv', titledCsv());
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const importButton = page.getByRole('button', { name: 'Import…' });
    await expect(importButton).toBeInViewport({ ratio: 1 });
    // The preview holds the rows the screen has room for, not two.
    await expect.poll(() => visibleRows(page)).toBeGreaterThanOrEqual(size.height >= 768 ? 10 : 8);
    await page.screenshot({ path: join(SHOTS, `import-preview-${size.width}x${size.height}.png`) });
  }
});

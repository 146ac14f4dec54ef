import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ensureCliBuilt } from '../support/cli-built';
import { cliImport } from './cli-run';
import type { BenchResult } from './harness';
import { generateCsv } from './import.bench';

const RSS_BUDGET_MB = 500;

/**
 * The rows of the import bench's CSV (the same generator: five formats, 5% invalid, 2% repeats,
 * 37 customers) as a workbook written the way Excel writes one: shared strings, by exceljs'
 * streaming writer (never held whole here either).
 */
async function writeWorkbook(file: string, rows: number): Promise<void> {
  const { csv } = generateCsv(rows);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('Numbers');
  for (const line of csv.split('\n')) ws.addRow(line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, ''))).commit();
  ws.commit();
  await wb.commit();
}

/**
 * XLSX import through the CLI (file to committed), against the same rows as CSV in the same run:
 * the time of 100k rows, and the peak RSS of 300k rows (the workbook's sheet is streamed, so its
 * memory should stay near the CSV's rather than grow with the sheet).
 */
export async function benchXlsx(): Promise<BenchResult[]> {
  await ensureCliBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-bench-xlsx-'));
  try {
    const results: BenchResult[] = [];
    for (const rows of [100_000, 300_000]) {
      const csv = join(dir, `rows-${rows}.csv`);
      const xlsx = join(dir, `rows-${rows}.xlsx`);
      writeFileSync(csv, generateCsv(rows).csv);
      await writeWorkbook(xlsx, rows);
      const fromCsv = await cliImport(csv, join(dir, `csv-${rows}.db`));
      const fromXlsx = await cliImport(xlsx, join(dir, `xlsx-${rows}.db`));
      const k = `${rows / 1000}k`;
      const mb = (statSync(xlsx).size / (1024 * 1024)).toFixed(1);
      if (rows === 100_000) {
        results.push({ name: `import ${k}-row XLSX (${mb} MB) via the CLI vs the same rows as CSV`, value: fromXlsx.ms, unit: 'ms', baseline: fromCsv.ms, ratio: fromXlsx.ms / fromCsv.ms });
      } else {
        results.push({
          name: `import ${k}-row XLSX (${mb} MB) via the CLI: peak RSS vs the same rows as CSV (${Math.round(fromXlsx.ms / 1000)} s vs ${Math.round(fromCsv.ms / 1000)} s)`,
          value: fromXlsx.peakRssMb,
          unit: 'MB',
          baseline: fromCsv.peakRssMb,
          ratio: fromXlsx.peakRssMb / fromCsv.peakRssMb,
          target: `value <= ${RSS_BUDGET_MB} MB`,
          met: fromXlsx.peakRssMb <= RSS_BUDGET_MB,
        });
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

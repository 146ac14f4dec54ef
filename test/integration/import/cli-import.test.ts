import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/program';
import { cli, tableCounts as counts } from '../../support/cli';
import { tempDir } from '../../support/temp';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));


function csv(dir: string, text: string): string {
  const file = join(dir, 'numbers.csv');
  writeFileSync(file, text);
  return file;
}

const MIXED = 'Customer,Number,Carrier\nAcme,202-555-0100,Verizon\nAcme,(202) 555-0101,Verizon\nGlobex,2025550102,AT&T\nGlobex,12345,AT&T\n';

describe('portdesk import', () => {
  it('imports the valid rows, one port per --group-by value, and reports each skipped row', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const result = await cli(['--db', db, 'import', csv(dir, MIXED), '--group-by', 'customer']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^4 row\(s\): 3 valid number\(s\), 1 invalid, 0 duplicate\(s\), 0 already in an open port; 1 row with errors skipped\n/);
    expect(result.stdout).toMatch(/\nskipped: Row 5, Number: /);
    expect(result.stdout).toMatch(/Imported 3 number\(s\) into 2 port\(s\): "Acme" \(.+, 2\), "Globex" \(.+, 1\)/);
    expect(counts(db)).toEqual({ ports: 2, numbers: 3, outbox: 2 });
  });

  it('says which rows with errors still gave numbers: a row is skipped only when nothing of it is imported', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const first = await cli(['--db', db, 'import', csv(dir, 'Number\n2025550100\n'), '--new-port', 'Older']);
    expect(first.code).toBe(0);
    // Row 2 lists a new number beside one already on "Older"; row 3 has no readable number.
    const result = await cli(['--db', db, '--json', 'import', csv(dir, 'Customer,Number\nAcme,"2025550101, 2025550100"\nAcme,12345\nAcme,2025550102\n'), '--group-by', 'Customer']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { counts: { rowsWithErrors: number; rowsPartial: number }; imported: { numbers: number; skippedRows: number; partialRows: number } };
    expect(report.counts).toMatchObject({ rowsWithErrors: 2, rowsPartial: 1 });
    expect(report.imported).toMatchObject({ numbers: 2, skippedRows: 1, partialRows: 1 });
    const text = await cli(['--db', join(dir, 'text.db'), 'import', csv(dir, 'Customer,Number\nAcme,"2025550101, 12345"\nAcme,12345\n'), '--group-by', 'Customer', '--dry-run']);
    expect(text.stdout.split('\n')[0]).toBe(
      '2 row(s): 1 valid number(s), 2 invalid, 0 duplicate(s), 0 already in an open port; 1 row with errors skipped; 1 row with errors imported in part (only its numbers without an error)',
    );
    expect(counts(db)).toEqual({ ports: 2, numbers: 3, outbox: 2 });
  });

  it('--json gives the counts and the list of problems; --dry-run writes nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const result = await cli(['--db', db, '--json', 'import', csv(dir, MIXED), '--dry-run']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { dryRun: boolean; counts: { valid: number; invalid: number }; imported: unknown; problems: { row: number; column: string; code: string; severity: string; message: string }[] };
    expect(report).toMatchObject({ dryRun: true, counts: { valid: 3, invalid: 1 }, imported: null });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ row: 5, column: 'Number', code: 'number-invalid' })]);
    // All rows go to one port by default, but not across losing carriers: the split is reported.
    expect(report.problems.filter((p) => p.code === 'group-split-carrier').map((p) => p.message)).toEqual([
      'The import has numbers from 2 losing carriers (Verizon, AT&T), so it becomes 2 port requests, one per carrier: "Import of numbers.csv – Verizon", "Import of numbers.csv – AT&T"',
    ]);
    expect(counts(db)).toEqual({ ports: 0, numbers: 0, outbox: 0 });
  });

  it('prints every problem of a file with more problem rows than a page, in file order, after the write: as one JSON document and as lines', async () => {
    const dir = tempDir();
    const lines = ['Number'];
    // 2,500 invalid rows (three pages of the problems list) between 500 valid ones.
    for (let i = 0; i < 3_000; i++) lines.push(i % 6 === 0 ? `202555${String(i / 6).padStart(4, '0')}` : `1${i}`);
    const file = csv(dir, lines.join('\n'));
    const json = await cli(['--db', join(dir, 'json.db'), '--json', 'import', file, '--new-port', 'Paged']);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(json.stdout) as { imported: { numbers: number }; problems: { row: number; severity: string; code: string }[] };
    // Streamed a page at a time, the document is still the one JSON.stringify prints whole.
    expect(json.stdout).toBe(JSON.stringify(report, null, 2));
    expect(report.imported.numbers).toBe(500);
    const rows = report.problems.map((p) => p.row);
    expect(rows).toHaveLength(2_500);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(report.problems.map((p) => `${p.severity} ${p.code}`))).toEqual(new Set(['error number-invalid']));
    expect(counts(join(dir, 'json.db'))).toEqual({ ports: 1, numbers: 500, outbox: 1 });

    const text = await cli(['--db', join(dir, 'text.db'), 'import', file, '--dry-run']);
    const printed = text.stdout.split('\n');
    expect(printed).toHaveLength(2_502);
    expect(printed.slice(1, -1).every((l) => l.startsWith('skipped: Row '))).toBe(true);
    expect(printed.at(-1)).toBe('Dry run: nothing was written; 2500 problem(s) would skip rows.');
  });

  it('waits for standard output to drain before printing the next page (a pipe read slowly)', async () => {
    const dir = tempDir();
    const lines = ['Number', ...Array.from({ length: 2_500 }, (_, i) => `1${i}`)];
    const printed: string[] = [];
    let waiting = false;
    let printedWhileWaiting = 0;
    const drain = () => {
      waiting = true;
      return new Promise<void>((resolve) => setImmediate(() => {
        waiting = false;
        resolve();
      }));
    };
    const out = (t: string) => {
      if (waiting) printedWhileWaiting++;
      printed.push(t);
    };
    const code = await runCli(['--db', join(dir, 'cli.db'), 'import', csv(dir, lines.join('\n')), '--dry-run'], { out, err: () => undefined, drain, env: {} });
    expect(code).toBe(0);
    expect(printed.length).toBeGreaterThan(3);
    expect(printedWhileWaiting).toBe(0);
    expect(printed.join('\n').split('\n')).toHaveLength(2_502);
  });

  it('--strict refuses the whole file when a row has a problem: exit 1, one line, nothing written', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const result = await cli(['--db', db, 'import', csv(dir, MIXED), '--new-port', 'All', '--strict']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^portdesk: Strict import refused: 1 row\(s\) have a problem \(first: Row 5, Number: .+\); nothing was imported$/);
    expect(counts(db)).toEqual({ ports: 0, numbers: 0, outbox: 0 });
  });

  it('adds to an existing port with --port', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const created = await cli(['--db', db, '--json', 'ports', 'create', '--name', 'Target']);
    const port = JSON.parse(created.stdout) as { id: string };
    const result = await cli(['--db', db, 'import', csv(dir, 'Number\n2025550160\n2025550161\n'), '--port', port.id]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Imported 2 number(s) into 1 port(s): "Target" (${port.id}, 2)`);
  });

  it.each([
    ['empty.csv', 'portdesk: The file is empty: there is nothing to import.'],
    ['binary-garbage.csv', 'portdesk: This file contains binary data, not text: it is not a CSV file even if it is named like one.'],
    ['renamed-pdf.csv', 'portdesk: This file is a PDF document, not a CSV or text file.'],
  ])('refuses %s with one clear line and exit 1', async (name, line) => {
    const db = join(tempDir(), 'cli.db');
    const result = await cli(['--db', db, 'import', fixture(name)]);
    expect(result).toMatchObject({ code: 1, stderr: line });
  });

  it('reads pasted text from standard input with -', () => {
    const db = join(tempDir(), 'cli.db');
    const bin = fileURLToPath(new URL('../../../bin/portdesk.cjs', import.meta.url));
    const run = spawnSync(process.execPath, [bin, '--db', db, 'import', '-', '--new-port', 'From stdin'], {
      input: 'Please port 202-555-0190 to 0192 and (202) 555-0199.\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Imported 4 number\(s\) into 1 port\(s\): "From stdin"/);
    // Handed to the worker as UTF-8 bytes: text in another encoding is re-encoded first.
    const utf16 = spawnSync(process.execPath, [bin, '--db', db, 'import', '-', '--new-port', 'UTF-16'], {
      input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Société Générale: please port 202-555-0180 and (202) 555-0181.\r\n', 'utf16le')]),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(utf16.stderr).toBe('');
    expect(utf16.stdout).toMatch(/Imported 2 number\(s\) into 1 port\(s\): "UTF-16"/);
  });

  it('reads a CSV with a header from standard input as a file', () => {
    const db = join(tempDir(), 'cli.db');
    const bin = fileURLToPath(new URL('../../../bin/portdesk.cjs', import.meta.url));
    const run = spawnSync(process.execPath, [bin, '--db', db, '--json', 'import', '-', '--group-by', 'Customer'], { input: MIXED, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { imported: { ports: unknown[] } }).imported.ports).toHaveLength(2);
  });

  it('refuses a 200 MB file by its size before reading it', async () => {
    const dir = tempDir();
    const big = join(dir, 'huge.csv');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024);
    const result = await cli(['--db', join(dir, 'cli.db'), 'import', big]);
    expect(result).toMatchObject({ code: 1, stderr: 'portdesk: The file is 200 MB; imports are limited to 100 MB. Split it, or remove columns and sheets that are not needed.' });
  });

  it('refuses conflicting targets, unknown countries and missing files with one line', async () => {
    const db = join(tempDir(), 'cli.db');
    expect(await cli(['--db', db, 'import', fixture('utf8.csv'), '--port', 'x', '--new-port', 'y'])).toMatchObject({ code: 1, stderr: 'portdesk: Choose one of --port, --new-port and --group-by' });
    expect((await cli(['--db', db, 'import', fixture('utf8.csv'), '--country', 'ZZ'])).stderr).toBe('portdesk: --country "ZZ" is not a country code libphonenumber knows (use two letters, e.g. US)');
    expect((await cli(['--db', db, 'import', '/nonexistent/file.csv'])).stderr).toBe('portdesk: Cannot open /nonexistent/file.csv: ENOENT');
  });

  it('--header-row N takes row N as the header (rows above skipped), --header-row none reads every row as data, in a CSV and a workbook', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    // "Account,Acme" names two columns above a row of words: detection takes it for the header.
    const file = csv(dir, 'Account,Acme\nNumber,Carrier\n2025550100,Verizon\n2025550101,AT&T\n');
    const report = async (...args: string[]) => {
      const result = await cli(['--db', db, '--json', 'import', ...args, '--dry-run']);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      return JSON.parse(result.stdout) as { counts: { rows: number; valid: number; invalid: number }; problems: { row: number; column: string | null; severity: string }[] };
    };
    const detected = await report(file);
    expect(detected.counts.rows).toBe(3);
    const picked = await report(file, '--header-row', '2');
    expect(picked.counts).toMatchObject({ rows: 2, valid: 2, invalid: 0 });
    expect(picked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(picked.problems.filter((p) => p.column !== null).map((p) => p.column)).not.toContain('Acme');
    // Every line is a data row; the two lines of words are no numbers.
    const none = await report(file, '--header-row', 'none');
    expect(none.counts.rows).toBe(4);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ports');
    ws.addRow(['Account', 'Acme']);
    ws.addRow(['Number', 'Carrier']);
    ws.addRow([2025550100, 'Verizon']);
    const book = join(dir, 'numbers.xlsx');
    await wb.xlsx.writeFile(book);
    const imported = await cli(['--db', db, 'import', book, '--header-row', '2', '--new-port', 'Acme']);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringMatching(/^1 row\(s\): 1 valid number\(s\)[^]*Imported 1 number\(s\) into 1 port\(s\): "Acme"/) as unknown });
    expect(counts(db)).toEqual({ ports: 1, numbers: 1, outbox: 1 });
  }, 180_000);

  it('refuses a --header-row that is not a row number or none, with one line and nothing written', async () => {
    const db = join(tempDir(), 'cli.db');
    for (const value of ['0', '1001', 'two', '-1']) {
      const result = await cli(['--db', db, 'import', fixture('utf8.csv'), '--header-row', value]);
      expect(result).toMatchObject({ code: 2, stderr: `portdesk: option '--header-row <n|none>' argument '${value}' is invalid. Give a row number from 1 to 1,000 (as the spreadsheet numbers it), or none` });
    }
  });

  it('--group-by by position, or a column the file lacks: refused with the columns named, nothing written', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const file = csv(dir, MIXED);
    expect(await cli(['--db', db, 'import', file, '--group-by', 'Region'])).toMatchObject({
      code: 1,
      stderr: 'portdesk: --group-by "Region" is not a column of this file; its columns are "Customer", "Number", "Carrier"',
    });
    expect(counts(db)).toEqual({ ports: 0, numbers: 0, outbox: 0 });
    // Column 3 (Carrier) is not the guessed grouping (Customer, which would make three ports: Acme, and Globex split by carrier).
    const byCarrier = csv(dir, 'Customer,Number,Carrier\nAcme,202-555-0100,Verizon\nGlobex,(202) 555-0101,Verizon\nGlobex,2025550102,AT&T\n');
    const byPosition = await cli(['--db', db, 'import', byCarrier, '--group-by', '3']);
    expect(byPosition.stdout).toMatch(/Imported 3 number\(s\) into 2 port\(s\): "Acme" \(.+, 2\), "Globex" \(.+, 1\)/);
  });
});

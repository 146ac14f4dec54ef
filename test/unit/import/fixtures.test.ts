import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource, type SourceResult } from '../../../src/main/import/source';
import { readImportFile } from '../../../src/main/import/file';
import { guessMapping } from '../../../src/main/import/columns';
import type { ImportPlan } from '../../../src/main/import/plan';
import { planTable } from '../../support/plan';
import type { SourceTable } from '../../../src/main/import/table';

const FIXTURES = new URL('../../fixtures/import/', import.meta.url);

function read(name: string, options = {}): Promise<SourceResult> {
  const bytes = new Uint8Array(readFileSync(new URL(name, FIXTURES)));
  return name.startsWith('paste-')
    ? readSource({ kind: 'paste', text: new TextDecoder().decode(bytes) }, options)
    : readSource({ kind: 'file', bytes, fileName: name }, options);
}

async function table(name: string, options = {}): Promise<SourceTable> {
  const r = await read(name, options);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.table;
}

async function plan(name: string): Promise<ImportPlan> {
  const t = await table(name);
  return planTable(t, guessMapping(t), { defaultCountry: 'US', target: { kind: 'new', name: 'Test' } });
}

const codes = (p: ImportPlan) => p.rows.flatMap((r) => r.problems.map((x) => x.code));

describe('fixtures: refused files', () => {
  it.each([
    ['empty.csv', 'empty', 'The file is empty'],
    ['blank.csv', 'empty', 'only blank space'],
    ['binary-garbage.csv', 'binary', 'binary data'],
    ['renamed-pdf.csv', 'not-text', 'PDF document'],
  ])('%s is refused (%s)', async (name, reason, message) => {
    const r = await read(name);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'FILE', details: { reason } });
    expect(r.error.message).toContain(message);
  });

  it('header-only.csv reads but says there are no data rows', async () => {
    const t = await table('header-only.csv');
    expect(t.problems).toMatchObject([{ code: 'no-rows', severity: 'error' }]);
    expect(t.problems[0]?.message).toContain('header row but no data rows');
  });

  it('a 200 MB file is refused from its size without being read (sparse file)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portdesk-import-'));
    const path = join(dir, 'huge.csv');
    try {
      const handle = await open(path, 'w');
      await handle.truncate(200 * 1024 * 1024);
      await handle.close();
      const r = await readImportFile(path);
      expect(r).toMatchObject({ ok: false, error: { code: 'FILE', details: { reason: 'too-large' } } });
      expect(!r.ok && r.error.message).toContain('200 MB');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an injected limit refuses a small file too', async () => {
    const r = await read('utf8.csv', { maxBytes: 16 });
    expect(r).toMatchObject({ ok: false, error: { details: { reason: 'too-large' } } });
  });
});

describe('fixtures: encodings and delimiters', () => {
  it.each([
    ['utf8.csv', 'utf-8'],
    ['utf8-bom.csv', 'utf-8-bom'],
    ['utf16le-bom.csv', 'utf-16le'],
    ['utf16be-bom.csv', 'utf-16be'],
    ['utf16le.csv', 'utf-16le'],
    ['latin1.csv', 'windows-1252'],
  ])('%s decodes as %s with accents intact', async (name, encoding) => {
    const t = await table(name);
    expect(t.encoding).toBe(encoding);
    expect(t.headers[0]).toBe('Company');
    expect(t.rows.map((r) => r.cells[0])).toEqual(['Société Générale', 'Café Müller']);
  });

  it('detects semicolon and tab delimiters', async () => {
    const semi = await table('semicolon.csv');
    expect(semi.delimiter).toBe(';');
    expect(semi.rows[0]?.cells).toEqual(['Acme GmbH', '+1 202 555 0102', 'Verizon']);
    const tab = await table('tab.tsv');
    expect(tab.delimiter).toBe('\t');
    expect(tab.rows[1]?.cells).toEqual(['Acme', '2025550105', '20001']);
  });

  it('keeps commas, quotes and line breaks inside quoted fields', async () => {
    const t = await table('quoted.csv');
    expect(t.rows.map((r) => r.cells[0])).toEqual(['Acme, Inc.', 'Multi\nLine "Quoted" Co']);
    expect(t.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('warns about an unclosed quote', async () => {
    const t = await table('unclosed-quote.csv');
    expect(t.problems).toMatchObject([{ code: 'csv-malformed', row: 2 }]);
  });

  it('reads a file without a header row without losing its first number', async () => {
    const t = await table('no-header.csv');
    expect(t.hasHeader).toBe(false);
    expect(t.rows).toHaveLength(2);
    expect(guessMapping(t).fields[0]).toBe('number');
  });
});

describe('fixtures: workbook.xlsx', () => {
  it('reads formulas, merged cells, dates and long numbers with specific problems', async () => {
    const t = await table('workbook.xlsx');
    expect(t.format).toBe('xlsx');
    expect(t.sheets).toEqual(['Numbers', 'Other Sheet']);
    expect(t.headers).toEqual(['Company', 'Phone Number', 'Billing Name', 'FOC Date', 'Lines']);
    const byRow = new Map(t.rows.map((r) => [r.row, r.cells]));
    expect(byRow.get(2)).toEqual(['Acme', '2025550140', 'Acme Billing', '2025-03-04', '1']);
    expect(byRow.get(3)?.[0]).toBe('Acme');
    expect(byRow.get(4)?.slice(0, 2)).toEqual(['Acme', '2025550142']);
    expect(t.problems.map((p) => [p.code, p.row, p.column])).toEqual([['cell-merged', 2, 'Company']]);
    expect(t.problems[0]?.message).toContain('A2:A4');
    // A broken cell is its row's: whether it matters depends on the mapping.
    const broken = t.rows.flatMap((r) => (r.issues ?? []).map((i) => [i.code, r.row, t.headers[i.col]]));
    expect(broken).toEqual([
      ['cell-formula-no-result', 5, 'Phone Number'],
      ['cell-formula-error', 5, 'Lines'],
      ['cell-precision', 6, 'Phone Number'],
    ]);
    expect(t.rows.find((r) => r.row === 5)?.issues?.[0]?.message).toContain('=B4+1');
  });

  it('reads a chosen sheet and names the sheets when one is missing', async () => {
    const t = await table('workbook.xlsx', { sheet: 'Other Sheet' });
    expect(t.rows[0]?.cells).toEqual(['202-555-0150', 'Verizon']);
    const r = await read('workbook.xlsx', { sheet: 'Nope' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('"Numbers", "Other Sheet"');
  });
});

describe('fixtures: numbers', () => {
  it('mixed-countries.csv warns for each foreign number', async () => {
    const p = await plan('mixed-countries.csv');
    expect(codes(p).filter((c) => c === 'number-other-country')).toHaveLength(2);
    expect(p.groups[0]?.problems).toMatchObject([{ code: 'group-mixed-countries' }]);
    expect(p.counts.valid).toBe(4);
  });

  it('twenty-digits.csv refuses 20-digit strings', async () => {
    const p = await plan('twenty-digits.csv');
    expect(codes(p)).toEqual(['number-too-long', 'number-too-long']);
    expect(p.rows[0]?.problems[0]?.message).toContain('20 digits');
    expect(p.counts).toMatchObject({ valid: 1, invalid: 2 });
  });

  it('letters.csv refuses letters and hints at typos', async () => {
    const p = await plan('letters.csv');
    expect(codes(p)).toEqual(['number-letters', 'number-letters']);
    expect(p.rows[0]?.problems[0]?.message).toContain('typo');
  });

  it('vanity.csv converts with a note', async () => {
    const p = await plan('vanity.csv');
    expect(p.rows.map((r) => r.numbers[0]?.e164)).toEqual(['+18003569377', '+18884685865']);
    expect(codes(p)).toEqual(['number-vanity', 'number-vanity']);
  });

  it('ranges.csv expands ranges and refuses the oversized and backwards ones', async () => {
    const p = await plan('ranges.csv');
    expect(p.rows.map((r) => r.numbers.length)).toEqual([100, 10, 5, 10, 0, 0]);
    expect(codes(p)).toEqual(['range-too-large', 'range-invalid']);
  });

  it('extensions.csv strips extensions with warnings', async () => {
    const p = await plan('extensions.csv');
    expect(p.rows.map((r) => r.numbers[0]?.e164)).toEqual(['+12025550116', '+12025550117', '+12025550118']);
    expect(codes(p)).toEqual(['number-extension', 'number-extension', 'number-extension']);
  });

  it('duplicates.csv flags numbers repeated in other formats', async () => {
    const p = await plan('duplicates.csv');
    expect(p.counts).toMatchObject({ valid: 2, duplicates: 2 });
    expect(p.rows[1]?.problems[0]?.message).toContain('also on row 2');
  });
});

describe('fixtures: paste', () => {
  it('paste-email.txt finds every number and range in the prose, not the date', async () => {
    const t = await table('paste-email.txt');
    expect(t.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [4, '(202) 555-0121'],
      [4, '202.555.0122'],
      [4, '1-800-FLOWERS'],
      [5, '202-555-0130 to 0139'],
      [5, '+1 202 555 0123 ext. 7'],
      [6, '202-555-0124'],
    ]);
    const p = planTable(t, guessMapping(t), { defaultCountry: 'US', target: { kind: 'new', name: 'ACME' } });
    expect(p.counts.valid).toBe(15);
  });

  it('paste-cells.txt is read as spreadsheet cells with a header', async () => {
    const t = await table('paste-cells.txt');
    expect(t.headers).toEqual(['Company', 'Number', 'Carrier']);
    expect(guessMapping(t).fields).toEqual(['name', 'number', 'losingCarrier']);
  });
});

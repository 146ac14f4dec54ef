import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src/main/import/csv';
import { guessMapping } from '../../../src/main/import/columns';
import type { ExistingPortLookup, PlanOptions } from '../../../src/main/import/plan';
import { planTable, stagedPlan } from '../../support/plan';

const csv = [
  'Account,Company,Phone Number,Carrier,FOC,Billing Name',
  'A1,Acme,202-555-0100,Verizon,3/4/2025,Acme LLC',
  'A1,Acme,(202) 555-0101,Verizon,,Acme Incorporated',
  'A1,Acme,2025550100,Verizon,not a date,',
  'A2,Beta,202555010,AT&T,,',
  ',Gamma,+1 202 555 0102,,,',
  'A2,Beta,2025550103,AT&T,,',
].join('\n');

const table = parseDelimited(csv);
const mapping = guessMapping(table);
const grouped: PlanOptions = { defaultCountry: 'US', target: { kind: 'group' } };
const inPort: ExistingPortLookup = (e164) => (e164 === '+12025550103' ? { portId: 'p-9', name: 'Older port' } : undefined);

describe('planning an import (staged rows, as the service plans them)', () => {
  const plan = planTable(table, mapping, grouped, inPort);

  it('counts valid, invalid, duplicates and numbers already in an open port', () => {
    expect(plan.counts).toMatchObject({ rows: 6, valid: 3, invalid: 1, duplicates: 1, inOpenPort: 1, groups: 3 });
  });

  it('tells rows with errors that still give numbers from rows that give none', () => {
    // Row 3: one new number and one already in an open port; row 4: only an unreadable number.
    const mixed = parseDelimited(['Customer,Number', 'Acme,"2025550110, 2025550103"', 'Acme,12345', 'Acme,2025550111'].join('\n'));
    const p = planTable(mixed, { ...guessMapping(mixed), groupBy: 0 }, grouped, inPort);
    expect(p.counts).toMatchObject({ rows: 3, valid: 2, rowsWithErrors: 2, rowsPartial: 1 });
    expect(p.groups[0]?.numbers).toEqual(['+12025550110', '+12025550111']);
  });

  it('names row and column in every row problem', () => {
    const row5 = plan.rows.find((r) => r.row === 5);
    expect(row5?.status).toBe('error');
    expect(row5?.problems[0]).toMatchObject({ row: 5, column: 'Phone Number', severity: 'error', code: 'number-invalid' });
    expect(row5?.problems[0]?.message).toMatch(/^Row 5, Phone Number: /);
    const row4 = plan.rows.find((r) => r.row === 4);
    expect(row4?.problems.map((p) => p.code)).toEqual(['field-invalid', 'duplicate-in-file']);
    expect(row4?.numbers[0]).toEqual({ e164: '+12025550100', status: 'duplicate', firstRow: 2 });
    const row7 = plan.rows.find((r) => r.row === 7);
    expect(row7?.numbers[0]).toMatchObject({ status: 'in-open-port', port: { portId: 'p-9' } });
  });

  it('groups by the chosen column, taking the first value per field and flagging conflicts', () => {
    const a1 = plan.groups.find((g) => g.key === 'A1');
    expect(a1?.numbers).toEqual(['+12025550100', '+12025550101']);
    expect(a1?.target).toMatchObject({ kind: 'new', fields: { name: 'Acme', losingCarrier: 'Verizon', focDate: '2025-03-04', billingName: 'Acme LLC', accountNumber: 'A1' } });
    expect(a1?.problems).toMatchObject([{ code: 'field-conflict', row: 3, column: 'Billing Name' }]);
    const blank = plan.groups.find((g) => g.key === '');
    expect(blank?.target).toMatchObject({ kind: 'new', fields: { name: 'Gamma' } });
    expect(plan.rows.find((r) => r.row === 6)?.problems.map((p) => p.code)).toContain('group-empty-key');
  });

  it('puts everything into one existing port, and treats its own numbers as already there', () => {
    const p = planTable(table, mapping, { defaultCountry: 'US', target: { kind: 'existing', portId: 'p-9' } }, inPort);
    expect(p.groups).toHaveLength(1);
    expect(p.groups[0]?.target).toEqual({ kind: 'existing', portId: 'p-9' });
    expect(p.counts).toMatchObject({ inOpenPort: 0, inTarget: 1 });
  });

  it('names a single new port as asked', () => {
    const oneCarrier = parseDelimited(csv.replaceAll('AT&T', 'Verizon'));
    const p = planTable(oneCarrier, guessMapping(oneCarrier), { defaultCountry: 'US', target: { kind: 'new', name: 'Spring batch' } });
    expect(p.groups).toHaveLength(1);
    expect(p.groups[0]?.target).toMatchObject({ kind: 'new', fields: { name: 'Spring batch', losingCarrier: 'Verizon' } });
    expect(p.groups[0]?.numbers).toHaveLength(4);
  });

  it('splits a new port into one per losing carrier; rows without a carrier get their own', () => {
    const p = planTable(table, mapping, { defaultCountry: 'US', target: { kind: 'new', name: 'Spring batch' } });
    expect(p.groups.map((g) => [g.target.kind === 'new' ? g.target.fields.name : '', g.target.kind === 'new' ? g.target.fields.losingCarrier : '', g.numbers])).toEqual([
      ['Spring batch – Verizon', 'Verizon', ['+12025550100', '+12025550101']],
      ['Spring batch – AT&T', 'AT&T', ['+12025550103']],
      ['Spring batch – no losing carrier', '', ['+12025550102']],
    ]);
    expect(new Set(p.groups.map((g) => g.key)).size).toBe(3);
    // Said once for the split group (on its first part), naming every port request it becomes.
    expect(p.groups.flatMap((g) => g.problems).filter((x) => x.code === 'group-split-carrier')).toEqual([
      expect.objectContaining({ severity: 'warning', row: p.groups[0]!.rows[0] }),
    ]);
    expect(p.groups[0]?.problems[0]?.message).toBe(
      'The import has numbers from 2 losing carriers (Verizon, AT&T), so it becomes 3 port requests, one per carrier: "Spring batch – Verizon", "Spring batch – AT&T", "Spring batch – no losing carrier"',
    );
  });

  it('splits a group by carrier only when it names two or more, and never an existing port', () => {
    const rows = ['Customer,Number,Carrier', 'Acme,2025550100,Verizon', 'Acme,2025550101,', 'Beta,2025550102,Verizon', 'Beta,2025550103,Lumen'].join('\n');
    const t = parseDelimited(rows);
    const m = { ...guessMapping(t), groupBy: 0 };
    const p = planTable(t, m, grouped);
    expect(p.groups.map((g) => (g.target.kind === 'new' ? g.target.fields.name : ''))).toEqual(['Acme', 'Beta – Verizon', 'Beta – Lumen']);
    expect(p.groups[0]?.numbers).toEqual(['+12025550100', '+12025550101']);
    const existing = planTable(t, m, { defaultCountry: 'US', target: { kind: 'existing', portId: 'p-1' } });
    expect(existing.groups).toHaveLength(1);
    expect(existing.groups[0]?.numbers).toHaveLength(4);
  });

  it('never gives a number listed under two customers to the first: both rows name both owners, neither imports it', () => {
    const rows = ['Customer,Number', 'Maple Bakery,2025550100', 'Maple Bakery,2025550101', 'Oak Dental,(202) 555-0100', 'Oak Dental,2025550102'].join('\n');
    const t = parseDelimited(rows);
    const p = planTable(t, { ...guessMapping(t), groupBy: 0 }, grouped);
    expect(p.counts).toMatchObject({ twoOwners: 1, duplicates: 0, valid: 2, rowsWithErrors: 2 });
    expect(p.groups.map((g) => g.numbers)).toEqual([['+12025550101'], ['+12025550102']]);
    for (const row of [2, 4]) {
      const planned = p.rows.find((r) => r.row === row);
      expect(planned?.numbers[0]).toEqual({ e164: '+12025550100', status: 'two-owners', owners: [{ key: 'Maple Bakery', row: 2 }, { key: 'Oak Dental', row: 4 }] });
      expect(planned?.problems).toMatchObject([{ code: 'number-two-owners', severity: 'error', column: 'Number' }]);
      expect(planned?.problems[0]?.message).toBe(`Row ${row}: +12025550100 is listed under "Maple Bakery" (row 2) and "Oak Dental" (row 4); it is imported into neither until the file says whose it is`);
    }
    // One customer listing a number twice is a plain duplicate: imported once.
    const same = parseDelimited(['Customer,Number', 'Maple Bakery,2025550100', 'Maple Bakery,202-555-0100'].join('\n'));
    const q = planTable(same, { ...guessMapping(same), groupBy: 0 }, grouped);
    expect(q.counts).toMatchObject({ twoOwners: 0, duplicates: 1, valid: 1 });
  });

  it('survives a JSON round trip unchanged (it crosses worker and IPC boundaries)', () => {
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('reports a missing number column once, for the whole plan', () => {
    const p = planTable(table, { fields: mapping.fields.map((f) => (f === 'number' ? null : f)), groupBy: null }, grouped);
    expect(p.problems).toMatchObject([{ row: 0, code: 'number-missing', severity: 'error' }]);
  });
});

describe('cells read broken (a workbook\'s formulas with no saved value, error values)', () => {
  const issue = (col: number, cell: string, code: 'cell-formula-no-result' | 'cell-formula-error') => ({
    col, cell, severity: 'error' as const, code, message: `Cell ${cell} is broken`,
  });
  const sheet = {
    headers: ['Customer', 'Number', 'Carrier', 'Total', 'Notes'],
    problems: [],
    rows: [
      { row: 2, cells: ['Acme', '2025550100', 'Verizon', '', ''], issues: [issue(3, 'D2', 'cell-formula-no-result'), issue(4, 'E2', 'cell-formula-error')] },
      { row: 3, cells: ['', '2025550101', 'Verizon', '3', ''], issues: [issue(0, 'A3', 'cell-formula-error')] },
      { row: 4, cells: ['Acme', '2025550101', 'Verizon', '4', ''], issues: [issue(4, 'E4', 'cell-formula-no-result')] },
      { row: 5, cells: ['Acme', '2025550102', 'Verizon', '', ''], issues: [issue(3, 'D5', 'cell-formula-error')] },
    ],
  };
  // "Customer" is read only as the grouping column of a grouped import.
  const byCustomer = { fields: [null, 'number', 'losingCarrier', null, null], groupBy: 0 } as const;

  it('in the grouping column of a grouped import: its row is left out, its number not even counted as seen first', () => {
    const p = planTable(sheet, { ...byCustomer, fields: [...byCustomer.fields] }, grouped);
    const row3 = p.rows.find((r) => r.row === 3)!;
    expect(row3).toMatchObject({ status: 'error', parsed: [], numbers: [], problems: [{ row: 3, column: 'Customer', code: 'cell-formula-error', message: 'Cell A3 is broken' }] });
    expect(p.rows.find((r) => r.row === 4)).toMatchObject({ status: 'ok', numbers: [{ e164: '+12025550101', status: 'new' }] });
    expect(p.groups.filter((g) => g.numbers.length > 0).map((g) => [g.key, g.numbers])).toEqual([['Acme', ['+12025550100', '+12025550101', '+12025550102']]]);
    expect(p.problems).toEqual([
      {
        row: 0, column: null, severity: 'warning', code: 'cell-ignored',
        message: 'Cells D2, E2, E4 and 1 more of "Total" and "Notes" hold a formula with no saved value or an error value (such as #N/A); these two columns are not imported, so they are ignored',
      },
    ]);
  });

  it('in a column the import does not read (the grouping column of an import into one port): ignored, with the others in one warning', () => {
    const p = planTable(sheet, { ...byCustomer, fields: [...byCustomer.fields] }, { defaultCountry: 'US', target: { kind: 'new', name: 'Acme' } });
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'ok', 'warning', 'ok']);
    expect(p.problems.map((p) => [p.code, p.column, p.message.split(';')[0]])).toEqual([['cell-ignored', null, 'Cells D2, E2, A3 and 2 more of "Customer", "Total" and "Notes" hold a formula with no saved value or an error value (such as #N/A)']]);
  });
});

describe('fixing a row in place', () => {
  it('fixes one row in place and re-derives duplicates and counts', () => {
    const run = stagedPlan(table, mapping, grouped, inPort);
    const plan = run.plan;
    const fixed = run.fix(5, ['A2', 'Beta', '202-555-0109', 'AT&T', '', '']);
    expect(fixed.rows.find((r) => r.row === 5)?.status).toBe('ok');
    expect(fixed.counts).toMatchObject({ valid: 4, invalid: 0, duplicates: 1, inOpenPort: 1 });
    const dup = run.fix(4, ['A2', 'Beta', '202-555-0104', 'AT&T', '', '']);
    expect(dup.counts).toMatchObject({ valid: 5, duplicates: 0 });
    expect(plan.counts.valid).toBe(3);
    run.close();
  });
});

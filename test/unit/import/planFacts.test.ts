import { describe, expect, it } from 'vitest';
import { analyseRow, type ImportCounts, type PlannedRow, type PlanOptions } from '../../../src/main/import/plan';
import { StagedImport } from '../../../src/main/import/stagedPlan';
import type { ColumnMapping } from '../../../src/main/import/columns';

/** A small deterministic generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const headers = ['Customer', 'Number', 'Carrier', 'Account'];
const mapping: ColumnMapping = { fields: ['name', 'number', 'losingCarrier', 'accountNumber'], groupBy: 0 };

/**
 * Rows as customers send them, with every case the plan treats apart: numbers repeated in the same
 * group and under another one, several numbers (and the same one twice) in a cell, invalid cells,
 * numbers on open ports (and on the target port), groups with one carrier and blanks (kept whole)
 * or several (split), fields disagreeing inside a group.
 */
function rows(seed: number, n: number): { row: number; cells: string[] }[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const numbers = Array.from({ length: 500 }, (_, i) => `202-555-${String(100 + i).padStart(4, '0')}`);
  return Array.from({ length: n }, (_, i) => {
    const customer = pick(['Acme', 'Beta', 'Gamma', 'Delta', '']);
    const carrier = customer === 'Acme' ? pick(['Verizon', '']) : customer === 'Beta' ? pick(['Verizon', 'AT&T', '']) : pick(['AT&T']);
    const roll = next();
    const number = roll < 0.08 ? '12345' : roll < 0.16 ? `${pick(numbers)}, ${pick(numbers)}` : roll < 0.2 ? '' : pick(numbers);
    return { row: i + 2, cells: [customer, number, carrier, pick(['A-1', 'A-2'])] };
  });
}

const open = new Map([
  ['+12025550105', { portId: 'p-other', name: 'Older port' }],
  ['+12025550107', { portId: 'p-target', name: 'Target' }],
]);
const lookup = (e164s: readonly string[]) => new Map(e164s.flatMap((e) => (open.has(e) ? [[e, open.get(e)!] as const] : [])));

/** The counts {@link PlannedRow}s add up to, one row at a time (what the plan's counts must equal). */
function tally(planned: readonly PlannedRow[], twoOwners: number): ImportCounts {
  const c: ImportCounts = { rows: 0, rowsOk: 0, rowsWithWarnings: 0, rowsWithErrors: 0, rowsPartial: 0, valid: 0, invalid: 0, duplicates: 0, twoOwners, inOpenPort: 0, inTarget: 0, groups: 0, errors: 0, warnings: 0 };
  for (const r of planned) {
    c.rows++;
    c.invalid += r.invalid;
    for (const n of r.numbers) {
      if (n.status === 'new') c.valid++;
      else if (n.status === 'duplicate') c.duplicates++;
      else if (n.status === 'in-open-port') c.inOpenPort++;
      else if (n.status === 'in-target') c.inTarget++;
    }
    c[r.status === 'error' ? 'rowsWithErrors' : r.status === 'warning' ? 'rowsWithWarnings' : 'rowsOk']++;
    if (r.status === 'error' && r.numbers.some((n) => n.status === 'new')) c.rowsPartial++;
    for (const p of r.problems) c[p.severity === 'error' ? 'errors' : 'warnings']++;
  }
  return c;
}

describe('planning every row from the facts of the first pass', () => {
  const targets: PlanOptions['target'][] = [{ kind: 'group' }, { kind: 'new', name: 'All' }, { kind: 'existing', portId: 'p-target' }];
  for (const target of targets) {
    for (const seed of [1, 2, 3, 4]) {
      it(`gives the counts, statuses and group numbers planning each row gives (${target.kind}, seed ${seed})`, () => {
        const options: PlanOptions = { defaultCountry: 'US', target };
        const staged = new StagedImport(options, lookup);
        const source = rows(seed, 400);
        // Staged in batches, as the worker hands them over.
        for (let i = 0; i < source.length; i += 64) {
          staged.add(JSON.stringify(source.slice(i, i + 64).map((r) => analyseRow(r, headers, mapping, options))));
        }
        const plan = staged.planNow({ headers, sourceProblems: [], mapping, options }, lookup);
        const planned = [...plan.rows];
        const expected = tally(planned, plan.counts.twoOwners);
        const groupProblems = plan.groups.flatMap((g) => g.problems);
        expect({ ...plan.counts, groups: 0, warnings: plan.counts.warnings - groupProblems.length }).toEqual(expected);
        expect(plan.rows.indicesWith(1)).toEqual(planned.flatMap((r, i) => (r.status !== 'ok' ? [i] : [])));
        expect(plan.rows.indicesWith(2)).toEqual(planned.flatMap((r, i) => (r.status === 'error' ? [i] : [])));
        // Each group adds the new numbers of its rows, in file order; every row is in one group.
        const groupOf = new Map(plan.groups.flatMap((g, gi) => g.rows.map((row) => [row, gi] as const)));
        expect(groupOf.size).toBe(planned.length);
        plan.groups.forEach((g, gi) => {
          expect(g.rows).toEqual([...g.rows].sort((a, b) => a - b));
          const mine = planned.filter((r) => groupOf.get(r.row) === gi);
          expect(g.numbers).toEqual(mine.flatMap((r) => r.numbers.filter((n) => n.status === 'new').map((n) => n.e164)));
        });
        staged.close();
      });
    }
  }

  // Staged on disk; in memory, with the rows that have a problem kept parsed (an import
  // committed as soon as it is read); and in memory until past the budget, then on disk.
  for (const [where, memoryBytes] of [['on disk', 0], ['in memory', 1e9], ['in memory, then on disk', 40_000]] as const) {
  it(`reads back any page, row and fix across the batches rows were staged in (${where})`, () => {
    const options: PlanOptions = { defaultCountry: 'US', target: { kind: 'group' } };
    const staged = new StagedImport(options, lookup, undefined, memoryBytes);
    const source = rows(5, 300);
    // Uneven batches, as a stream's last one is: 64, 64, ..., 44.
    for (let i = 0; i < source.length; i += 64) staged.add(JSON.stringify(source.slice(i, i + 64).map((r) => analyseRow(r, headers, mapping, options))));
    const plan = staged.planNow({ headers, sourceProblems: [], mapping, options }, lookup);
    const all = [...plan.rows];
    expect(all.map((r) => r.row)).toEqual(source.map((r) => r.row));
    for (const [offset, limit] of [[0, 10], [60, 10], [63, 66], [250, 100], [299, 5], [300, 5]] as const) {
      expect(plan.rows.slice(offset, limit)).toEqual(all.slice(offset, offset + limit));
    }
    expect(plan.rows.at(128)).toEqual(all[128]);
    expect(plan.rows.at(300)).toBeUndefined();
    expect(plan.rows.find(source[200]!.row)).toEqual(all[200]);
    expect(plan.rows.find(9_999)).toBeUndefined();
    // A fix in the middle of a batch is what every later read of that row sees, and the plan
    // counts it; a line break in a cell stays inside its row.
    const fixed = source[130]!.row;
    const cells = ['Zeta', '202-555-0999', 'AT&T', 'A-1\nsecond line'];
    expect(staged.edit(fixed, cells, headers, mapping)).toBe(true);
    const again = staged.planNow({ headers, sourceProblems: [], mapping, options }, lookup);
    expect(again.rows.find(fixed)?.numbers).toEqual([{ e164: '+12025550999', status: 'new' }]);
    expect(again.rows.at(130)?.cells).toEqual(cells);
    expect([...again.rows].map((r) => r.row)).toEqual(source.map((r) => r.row));
    expect(again.rows.slice(129, 3).map((r) => r.cells[0])).toEqual([source[129]!.cells[0], 'Zeta', source[131]!.cells[0]]);
    expect(again.groups.find((g) => g.key === 'Zeta')?.numbers).toEqual(['+12025550999']);
    // A row with a problem (kept parsed while in memory) fixed: its reads see the fix too.
    const problemIdx = again.rows.indicesWith(2).find((i) => i > 200)!;
    const problemRow = all[problemIdx]!.row;
    expect(staged.edit(problemRow, ['Zeta', '202-555-0998', 'AT&T', 'A-1'], headers, mapping)).toBe(true);
    const third = staged.planNow({ headers, sourceProblems: [], mapping, options }, lookup);
    expect(third.rows.at(problemIdx)?.numbers).toEqual([{ e164: '+12025550998', status: 'new' }]);
    expect(third.rows.find(problemRow)?.cells[1]).toBe('202-555-0998');
    staged.close();
  });
  }

  it('keeps a group with one carrier and blank carriers whole, and splits one with two, naming the first value of each field', () => {
    const options: PlanOptions = { defaultCountry: 'US', target: { kind: 'group' } };
    const staged = new StagedImport(options);
    const table = [
      ['Acme', '202-555-0100', '', 'A-1'],
      ['Acme', '202-555-0101', 'Verizon', 'A-2'],
      ['Beta', '202-555-0102', 'AT&T', 'B-1'],
      ['Acme', '202-555-0103', '', 'A-1'],
      ['Beta', '202-555-0104', 'Verizon', 'B-1'],
    ].map((cells, i) => analyseRow({ row: i + 2, cells }, headers, mapping, options));
    staged.add(JSON.stringify(table));
    const plan = staged.planNow({ headers, sourceProblems: [], mapping, options }, lookup);
    expect(plan.groups.map((g) => [g.target.kind === 'new' ? g.target.fields.name : '', g.rows, g.numbers])).toEqual([
      ['Acme', [2, 3, 5], ['+12025550100', '+12025550101', '+12025550103']],
      ['Beta – AT&T', [4], ['+12025550102']],
      ['Beta – Verizon', [6], ['+12025550104']],
    ]);
    // The account of the merged group is its first row's; the second row's other account is the conflict.
    expect(plan.groups[0]!.problems.map((p) => p.message)).toEqual(['Group "Acme": "Account" is "A-1" on row 2 but "A-2" on row 3; using "A-1"']);
    staged.close();
  });
});

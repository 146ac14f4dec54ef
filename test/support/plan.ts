import type { ColumnMapping } from '../../src/main/import/columns';
import { analyseRow, IgnoredCells, isCellProblem, type ExistingPortLookup, type ImportPlan, type PlanOptions } from '../../src/main/import/plan';
import type { ImportProblem } from '../../src/main/import/problems';
import { StagedImport } from '../../src/main/import/stagedPlan';
import type { SourceTable } from '../../src/main/import/table';

type Table = Pick<SourceTable, 'headers' | 'rows' | 'problems'>;

/**
 * Plan a table the way the import service does: every row analysed and staged as the worker hands
 * it over, then planned from the staged rows (StagedImport.planNow); `fix` edits one row in place
 * like `import.fixRow`. Rows are read back as an array, so a test can look at any of them.
 */
export function stagedPlan(table: Table, mapping: ColumnMapping, options: PlanOptions, portOf: ExistingPortLookup = () => undefined) {
  const staged = new StagedImport(options);
  const ignored = new IgnoredCells();
  staged.add(JSON.stringify(table.rows.map((r) => analyseRow(r, table.headers, mapping, options, ignored))));
  const lookup = (e164s: readonly string[]) => new Map(e164s.flatMap((e) => { const port = portOf(e); return port ? [[e, port] as const] : []; }));
  const planNow = (sourceProblems: ImportProblem[]): ImportPlan => {
    const p = staged.planNow({ headers: table.headers, sourceProblems, mapping, options }, lookup);
    return { ...p, rows: [...p.rows] };
  };
  let plan = planNow([...table.problems, ...ignored.problems(table.headers)]);
  return {
    plan,
    fix(row: number, cells: string[]): ImportPlan {
      staged.edit(row, cells, table.headers, mapping);
      plan = planNow(plan.problems.filter((p) => p.row !== row || !isCellProblem(p)));
      return plan;
    },
    close: () => staged.close(),
  };
}

/** {@link stagedPlan}'s plan alone (its staged rows closed). */
export function planTable(table: Table, mapping: ColumnMapping, options: PlanOptions, portOf?: ExistingPortLookup): ImportPlan {
  const run = stagedPlan(table, mapping, options, portOf);
  run.close();
  return run.plan;
}

import type { ImportGroupView, ImportProblemView, ImportRowView } from '../../shared/rpc/methods/import';
import { splitGroupKey, type ImportPlan, type PlannedGroup, type PlannedRow } from './plan';
import { describeReason, type PortabilityVerdict } from './portability';

/** A group as the preview lists it: its port name, size and problems. */
export function groupView(group: PlannedGroup, existingName: (portId: string) => string): ImportGroupView {
  const existing = group.target.kind === 'existing' ? group.target.portId : null;
  return {
    key: group.key,
    name: group.target.kind === 'new' ? group.target.fields.name : existingName(group.target.portId),
    target: group.target.kind,
    portId: existing,
    numbers: group.numbers.length,
    rows: group.rows.length,
    countries: group.countries,
    problems: group.problems,
  };
}

/** Name of the port each group key goes to, for the row table's "Port" column. */
export function groupNames(plan: Pick<ImportPlan, 'groups'>, existingName: (portId: string) => string): Map<string, string> {
  return new Map(plan.groups.map((g) => [g.key, g.target.kind === 'new' ? g.target.fields.name : existingName(g.target.portId)]));
}

/**
 * The name of the port a row goes to. A group split by losing carrier has no port of its own
 * key: the row goes to its carrier's part.
 */
export function rowGroupName(names: ReadonlyMap<string, string>, row: Pick<PlannedRow, 'groupKey' | 'fields'>): string {
  return names.get(row.groupKey) ?? names.get(splitGroupKey(row.groupKey, row.fields.losingCarrier ?? '')) ?? '';
}

/** One planned row for the preview table, with portability verdicts when the check ran. */
export function rowView(row: PlannedRow, group: string, portability: ReadonlyMap<string, PortabilityVerdict> | undefined): ImportRowView {
  const problems = rowProblems(row, portability);
  return {
    row: row.row,
    cells: row.cells,
    status: row.status === 'ok' && problems.length > row.problems.length ? 'warning' : row.status,
    problems,
    group,
    numbers: row.numbers.map((n) => {
      const verdict = portability?.get(n.e164);
      return {
        e164: n.e164,
        status: n.status,
        ...(n.firstRow !== undefined ? { firstRow: n.firstRow } : {}),
        ...(n.port ? { portName: n.port.name } : {}),
        portable: verdict ? verdict.portable : null,
        portabilityReason: verdict?.reason ?? null,
      };
    }),
  };
}

/** A planned row's problems, and a warning for each of its numbers the portability check found not portable. */
export function rowProblems(row: PlannedRow, portability: ReadonlyMap<string, PortabilityVerdict> | undefined): ImportProblemView[] {
  if (!portability) return row.problems;
  const notPortable = row.numbers.map((n) => portability.get(n.e164)).filter((v) => v !== undefined && !v.portable);
  return [
    ...row.problems,
    ...notPortable.map((v) => ({
      row: row.row,
      column: null,
      severity: 'warning' as const,
      code: 'not-portable',
      message: `Row ${row.row}: ${v!.e164} is not portable (${describeReason(v!.reason ?? 'unknown')})`,
    })),
  ];
}

/** True when the row needs the specialist's eye: a problem of its own or a number that cannot port. */
export function rowHasProblem(row: PlannedRow, portability: ReadonlyMap<string, PortabilityVerdict> | undefined): boolean {
  if (row.status !== 'ok') return true;
  return portability !== undefined && row.numbers.some((n) => portability.get(n.e164)?.portable === false);
}

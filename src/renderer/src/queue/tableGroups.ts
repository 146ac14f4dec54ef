import type { PortSummary } from '../../../shared/model';
import { stateLabel } from '../../../shared/domain/states';
import { accountOf } from '../../../shared/domain/portFacts';
import { BOARD_ORDER } from '../board/boardColumns';

/** What the table's rows may be grouped by. */
export type TableGroupBy = 'none' | 'state' | 'account' | 'losingCarrier' | 'remote';
export const TABLE_GROUP_BYS: readonly TableGroupBy[] = ['none', 'state', 'account', 'losingCarrier', 'remote'];

export interface TableGroup {
  key: string;
  label: string;
  ports: PortSummary[];
}

/** One line of the grouped table: a group's header, or a port at `row` of the rows shown. */
export type TableItem = { kind: 'group'; group: TableGroup; collapsed: boolean } | { kind: 'row'; row: number };

const EMPTY: Record<Exclude<TableGroupBy, 'none' | 'state'>, string> = { account: 'No account', losingCarrier: 'No losing carrier', remote: 'Local only' };

function keyOf(p: PortSummary, by: Exclude<TableGroupBy, 'none'>): string {
  if (by === 'state') return p.state;
  if (by === 'account') return accountOf(p);
  if (by === 'losingCarrier') return p.losingCarrier;
  return p.remoteId ?? '';
}

/**
 * Split ports (in view order, which each group keeps) into groups: states in board order, other
 * groups by name with the empty one ("No account", "Local only") last.
 */
export function tableGroups(rows: readonly PortSummary[], by: Exclude<TableGroupBy, 'none'>, remoteName: (id: string) => string): TableGroup[] {
  const byKey = new Map<string, PortSummary[]>();
  for (const p of rows) {
    const key = keyOf(p, by);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(p);
  }
  const label = (key: string) => (by === 'state' ? stateLabel(key as PortSummary['state']) : key === '' ? EMPTY[by] : by === 'remote' ? remoteName(key) : key);
  const groups = [...byKey.entries()].map(([key, ports]) => ({ key, label: label(key), ports }));
  if (by === 'state') return groups.sort((a, b) => BOARD_ORDER.indexOf(a.key as PortSummary['state']) - BOARD_ORDER.indexOf(b.key as PortSummary['state']));
  return groups.sort((a, b) => Number(a.key === '') - Number(b.key === '') || a.label.localeCompare(b.label));
}

/** The rows shown (collapsed groups left out) and the lines to draw, headers included. */
export function tableItems(groups: readonly TableGroup[], collapsed: ReadonlySet<string>): { rows: PortSummary[]; items: TableItem[] } {
  const rows: PortSummary[] = [];
  const items: TableItem[] = [];
  for (const group of groups) {
    const isCollapsed = collapsed.has(group.key);
    items.push({ kind: 'group', group, collapsed: isCollapsed });
    if (isCollapsed) continue;
    for (const p of group.ports) {
      items.push({ kind: 'row', row: rows.length });
      rows.push(p);
    }
  }
  return { rows, items };
}

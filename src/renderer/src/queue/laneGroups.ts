import type { PortSummary } from '../../../shared/model';
import { accountOf, type Lane } from '../../../shared/domain/views';
import { BOARD_ORDER, groupColumns, type BoardColumns } from '../board/boardColumns';

export interface LaneGroup {
  key: string;
  label: string;
  total: number;
  columns: BoardColumns;
  /** Card rows the lane needs: its longest state column, at least one (an empty row is still a drop target). */
  rows: number;
}

/** One line of the swimlanes' virtual list: a lane's header, or its n-th row of cards. */
export type LaneItem = { kind: 'head'; key: string; group: LaneGroup } | { kind: 'row'; key: string; group: LaneGroup; row: number };

/** Split ports (in view order) into lanes by account or losing carrier, biggest lane first. */
export function laneGroups(rows: readonly PortSummary[], lane: Exclude<Lane, 'none'>): LaneGroup[] {
  const byKey = new Map<string, PortSummary[]>();
  for (const p of rows) {
    const key = lane === 'account' ? accountOf(p) : p.losingCarrier;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(p);
  }
  const empty = lane === 'account' ? 'No account' : 'No losing carrier';
  return [...byKey.entries()]
    .map(([key, ports]) => {
      const columns = groupColumns(ports);
      return { key, label: key || empty, total: ports.length, columns, rows: Math.max(1, ...BOARD_ORDER.map((s) => columns[s].length)) };
    })
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
}

/** The lanes flattened for one virtualiser: each header, then its card rows. */
export function laneItems(groups: readonly LaneGroup[]): LaneItem[] {
  const items: LaneItem[] = [];
  for (const group of groups) {
    items.push({ kind: 'head', key: `h\u001f${group.key}`, group });
    for (let row = 0; row < group.rows; row++) items.push({ kind: 'row', key: `r\u001f${group.key}\u001f${row}`, group, row });
  }
  return items;
}

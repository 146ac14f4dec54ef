import type { PortSummary } from '../../../shared/model';
import { accountOf, type Lane } from '../../../shared/domain/views';
import { groupColumns, type BoardColumns } from '../board/boardColumns';

export interface LaneGroup {
  key: string;
  label: string;
  total: number;
  columns: BoardColumns;
}

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
    .map(([key, ports]) => ({ key, label: key || empty, total: ports.length, columns: groupColumns(ports) }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
}

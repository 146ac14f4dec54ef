import type { PortState, PortSummary } from '../../../shared/model';
import type { Lane } from '../../../shared/domain/views';
import { accountOf } from '../../../shared/domain/portFacts';
import { BOARD_ORDER, groupColumns, type BoardColumns } from '../board/boardColumns';
import { nextFocus } from '../board/keyboardNav';

export interface LaneGroup {
  key: string;
  label: string;
  total: number;
  columns: BoardColumns;
  /** Card rows the lane needs: its longest shown (not collapsed) state column, at least one (an empty row is still a drop target). */
  rows: number;
}

/** One line of the swimlanes' virtual list: a lane's header, or its n-th row of cards. */
export type LaneItem = { kind: 'head'; key: string; group: LaneGroup } | { kind: 'row'; key: string; group: LaneGroup; row: number };

/** Split ports (in view order) into lanes by account or losing carrier, biggest lane first. */
export function laneGroups(rows: readonly PortSummary[], lane: Exclude<Lane, 'none'>, collapsed: ReadonlySet<PortState>): LaneGroup[] {
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
      return { key, label: key || empty, total: ports.length, columns, rows: Math.max(1, ...BOARD_ORDER.map((s) => (collapsed.has(s) ? 0 : columns[s].length))) };
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

/** The shown, non-empty state column of a lane nearest to `state` in board order (itself first, ties to the left). */
function nearestFilled(columns: BoardColumns, collapsed: ReadonlySet<PortState>, state: PortState): PortState | null {
  const at = BOARD_ORDER.indexOf(state);
  for (let d = 0; d < BOARD_ORDER.length; d++) {
    for (const i of [at - d, at + d]) {
      const s = BOARD_ORDER[i];
      if (s && !collapsed.has(s) && columns[s].length > 0) return s;
    }
  }
  return null;
}

/**
 * Where an arrow key takes focus in the swimlanes: within the lane as on the board (nextFocus:
 * up/down within the lane's state column, left/right to the nearest state of the same lane that
 * has cards, at the same row, clamped), and past a column's first or last card into the previous
 * or next lane (the same state, else the nearest one with cards). Collapsed states are passed by,
 * as on the board. Null at the edges.
 */
export function nextLaneFocus(groups: readonly LaneGroup[], collapsed: ReadonlySet<PortState>, currentId: string, key: string): string | null {
  for (let g = 0; g < groups.length; g++) {
    const { columns } = groups[g] as LaneGroup;
    const state = BOARD_ORDER.find((s) => !collapsed.has(s) && columns[s].some((p) => p.id === currentId));
    if (!state) continue;
    const inLane = nextFocus(columns, collapsed, currentId, key);
    const up = key === 'ArrowUp';
    if (inLane !== null || (!up && key !== 'ArrowDown')) return inLane;
    const other = groups[g + (up ? -1 : 1)];
    const target = other && nearestFilled(other.columns, collapsed, state);
    if (!other || !target) return null;
    const cards = other.columns[target];
    return (up ? cards[cards.length - 1] : cards[0])?.id ?? null;
  }
  return null;
}

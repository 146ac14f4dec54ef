import type { PortState } from '../../../shared/model';
import { BOARD_ORDER, type BoardColumns } from './boardColumns';

/**
 * Where an arrow key takes focus: up/down within the column, left/right to the nearest open,
 * non-empty column at the same row (clamped). Returns null at the edges.
 */
export function nextFocus(columns: BoardColumns, collapsed: ReadonlySet<PortState>, currentId: string, key: string): string | null {
  const open = BOARD_ORDER.filter((s) => !collapsed.has(s) && columns[s].length > 0);
  const col = open.findIndex((s) => columns[s].some((p) => p.id === currentId));
  if (col < 0) return null;
  const list = columns[open[col] as PortState];
  const row = list.findIndex((p) => p.id === currentId);
  if (key === 'ArrowUp') return list[row - 1]?.id ?? null;
  if (key === 'ArrowDown') return list[row + 1]?.id ?? null;
  const step = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
  if (step === 0) return null;
  const target = open[col + step];
  if (!target) return null;
  const other = columns[target];
  return other[Math.min(row, other.length - 1)]?.id ?? null;
}

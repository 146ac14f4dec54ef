import { PORT_STATES, type PortState, type PortSummary } from '../../../shared/model';
import { compileFilter, type PortFilter } from '../../../shared/domain/portFilter';

export { numberQuery } from '../../../shared/domain/portFilter';

/** The board's and table's filter (see PortFilter in shared/domain/portFilter). */
export type BoardFilter = PortFilter;

export type BoardColumns = Record<PortState, PortSummary[]>;

/**
 * Column order on screen: the working states first (rejected ports need work, so they sit with
 * them), the two collapsible archive columns at the right edge where collapsing them frees room.
 */
export const BOARD_ORDER: readonly PortState[] = ['unconfirmed', 'submitted', 'pending', 'scheduled', 'rejected', 'completed', 'canceled'];

/** Group filtered ports, already in view order, into their state columns. */
export function groupColumns(ports: readonly PortSummary[]): BoardColumns {
  const cols = Object.fromEntries(PORT_STATES.map((s) => [s, [] as PortSummary[]])) as BoardColumns;
  for (const p of ports) cols[p.state].push(p);
  return cols;
}

/** Filter and group ports, already in view order, into columns. */
export function buildColumns(sorted: readonly PortSummary[], f: BoardFilter, today: Date = new Date()): BoardColumns {
  return groupColumns(sorted.filter(compileFilter(f, today)));
}

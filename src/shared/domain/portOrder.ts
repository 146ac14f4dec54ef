import { PORT_STATES, type PortSummary } from '../model';
import { accountOf, dueDate } from './portFacts';
import type { ColumnId, Sort } from './views';

const STATE_ORDER = new Map(PORT_STATES.map((s, i) => [s, i]));

/** The value a column sorts by; null when the port has none (sorted last either way). Days in state sorts by its start (older = more days). */
function sortValue(p: PortSummary, key: ColumnId): string | number | null {
  switch (key) {
    case 'name':
      return p.name.toLowerCase() || null;
    case 'account':
      return accountOf(p).toLowerCase() || null;
    case 'state':
      return STATE_ORDER.get(p.state) ?? 0;
    case 'remoteStatus':
      return (p.remoteStatus ?? '').toLowerCase() || null;
    case 'losingCarrier':
      return p.losingCarrier.toLowerCase() || null;
    case 'numbers':
      return p.numberCount;
    case 'due':
      return dueDate(p)?.date ?? null;
    case 'daysInState':
      return -p.stateEnteredAt;
    case 'remoteChanged':
      return p.remoteChangedAt;
    case 'sync':
      return p.syncStatus;
    case 'tags':
      return p.tags.join(',').toLowerCase() || null;
    case 'reference':
      return (p.referenceNumber || p.customerReference).toLowerCase() || null;
  }
}

const EMPTY = -1;

/** Each port's dense rank among the distinct values of a column (equal values, equal ranks), EMPTY for none. */
function columnRanks(ports: readonly PortSummary[], key: ColumnId): { ranks: Float64Array; max: number } {
  const values = ports.map((p) => sortValue(p, key));
  const distinct = new Map<string | number, number>();
  for (const v of values) if (v !== null) distinct.set(v, 0);
  const sorted = [...distinct.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  sorted.forEach((v, i) => distinct.set(v, i));
  const ranks = new Float64Array(values.length);
  values.forEach((v, i) => (ranks[i] = v === null ? EMPTY : (distinct.get(v) as number)));
  return { ranks, max: sorted.length - 1 };
}

/**
 * The orders of one list of ports, worked out so that a sort change sorts numbers only: the board
 * order (soonest due date first, none last, then most recently updated) once, each column's ranks
 * once (on first use, or ahead in idle time with `prepare`). A sort is then one typed-array sort
 * of `rank * n + board position`: empty values last in either direction, ties in board order, so
 * the result is stable and total.
 */
export class PortOrder {
  /** Port indices in board order. */
  private readonly board: Uint32Array;
  /** Each port's position in board order. */
  private readonly boardPos: Uint32Array;
  private readonly columns = new Map<ColumnId, { ranks: Float64Array; max: number }>();

  constructor(readonly ports: readonly PortSummary[]) {
    const n = ports.length;
    const due = ports.map((p) => dueDate(p)?.date ?? '');
    const board = Array.from({ length: n }, (_, i) => i);
    board.sort((a, b) => {
      const da = due[a] as string;
      const db = due[b] as string;
      if (da !== db) {
        if (!da) return 1;
        if (!db) return -1;
        return da < db ? -1 : 1;
      }
      return (ports[b] as PortSummary).updatedAt - (ports[a] as PortSummary).updatedAt;
    });
    this.board = Uint32Array.from(board);
    this.boardPos = new Uint32Array(n);
    this.board.forEach((port, pos) => (this.boardPos[port] = pos));
  }

  /** Work out a column's ranks now (idempotent), so the first sort by it costs no more than the next. */
  prepare(key: ColumnId): void {
    if (!this.columns.has(key)) this.columns.set(key, columnRanks(this.ports, key));
  }

  /** Indices into `ports` in the order of `sort`. */
  indices(sort: Sort): Uint32Array {
    if (sort.key === 'board') return this.board;
    this.prepare(sort.key);
    const { ranks, max } = this.columns.get(sort.key) as { ranks: Float64Array; max: number };
    const n = this.ports.length;
    const keys = new Float64Array(n);
    const asc = sort.dir === 'asc';
    for (let i = 0; i < n; i++) {
      const r = ranks[i] as number;
      const primary = r === EMPTY ? max + 1 : asc ? r : max - r;
      keys[i] = primary * n + (this.boardPos[i] as number);
    }
    keys.sort();
    const out = new Uint32Array(n);
    for (let k = 0; k < n; k++) out[k] = this.board[(keys[k] as number) % n] as number;
    return out;
  }

  /** The ports in the order of `sort`. */
  sorted(sort: Sort): PortSummary[] {
    return Array.from(this.indices(sort), (i) => this.ports[i] as PortSummary);
  }
}

import { PORT_STATES, type PortState, type PortSummary } from '../../../shared/model';
import { haystack, needsAttention, readiness } from './cardFacts';

export interface BoardFilter {
  query: string;
  states: ReadonlySet<PortState>;
  focFrom: string;
  focTo: string;
  needsAttention: boolean;
  /** Only drafts that pass every submit check: the review queue before submitting in bulk. */
  readyToSubmit: boolean;
  /** `name:<account name>` or `remote:<sub-account id>`, '' for every account. */
  account: string;
  /** A local tag the port must carry, '' for any. */
  tag: string;
  /** Ports whose numbers contain the digits the query spells, when the query is (part of) a number. */
  numberPortIds: ReadonlySet<string> | undefined;
}

export type BoardColumns = Record<PortState, PortSummary[]>;

/**
 * Column order on screen: the working states first (rejected ports need work, so they sit with
 * them), the two collapsible archive columns at the right edge where collapsing them frees room.
 */
export const BOARD_ORDER: readonly PortState[] = ['unconfirmed', 'submitted', 'pending', 'scheduled', 'rejected', 'completed', 'canceled'];

/** Cards sort by due date first (soonest on top), then most recently updated. */
export function compareCards(a: PortSummary, b: PortSummary): number {
  const da = a.focDate || a.transferDate;
  const db = b.focDate || b.transferDate;
  if (da !== db) {
    if (!da) return 1;
    if (!db) return -1;
    return da < db ? -1 : 1;
  }
  return b.updatedAt - a.updatedAt;
}

/** Digits-only form of a query that looks like (part of) a telephone number: 3+ digits, phone punctuation only. */
export function numberQuery(query: string): string | null {
  const q = query.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/** Whether a port belongs to the account filter value (see BoardFilter.account). */
function inAccount(p: PortSummary, account: string): boolean {
  if (account.startsWith('remote:')) return p.remoteAccountId === account.slice(7);
  return (p.accountName || p.billingName) === account.slice(5);
}

/** Board order of all ports; computed once per data change so a filter keystroke never sorts. */
export function sortForBoard(ports: Iterable<PortSummary>): PortSummary[] {
  return [...ports].sort(compareCards);
}

/**
 * Filter and group ports, already in board order (see sortForBoard), into columns in a single pass.
 * A number query matches the ports the number index found, plus any text matches (a reference
 * number may look like a phone number).
 */
export function buildColumns(sorted: readonly PortSummary[], f: BoardFilter, today: Date = new Date()): BoardColumns {
  const cols = Object.fromEntries(PORT_STATES.map((s) => [s, [] as PortSummary[]])) as BoardColumns;
  const q = f.query.trim().toLowerCase();
  const isNumber = numberQuery(f.query) !== null;
  const hasStates = f.states.size > 0;
  for (const p of sorted) {
    if (hasStates && !f.states.has(p.state)) continue;
    if (f.focFrom || f.focTo) {
      const d = p.focDate || p.transferDate;
      if (!d || (f.focFrom && d < f.focFrom) || (f.focTo && d > f.focTo)) continue;
    }
    if (f.needsAttention && !needsAttention(p, today)) continue;
    if (f.readyToSubmit && !(p.state === 'unconfirmed' && readiness(p).length === 0)) continue;
    if (f.account && !inAccount(p, f.account)) continue;
    if (f.tag && !p.tags.includes(f.tag)) continue;
    if (q) {
      const textHit = haystack(p).includes(q);
      if (!textHit && !(isNumber && f.numberPortIds?.has(p.id))) continue;
    }
    cols[p.state].push(p);
  }
  return cols;
}

import type { PortSummary } from '../../../shared/model';
import { submitProblems, type ReadinessProblem } from '../../../shared/domain/readiness';

const DAY = 86_400_000;

/** The date the card shows: the confirmed FOC date, else the requested transfer date. */
export function dueDate(p: PortSummary): { date: string; kind: 'FOC' | 'Transfer' } | null {
  if (p.focDate) return { date: p.focDate, kind: 'FOC' };
  if (p.transferDate) return { date: p.transferDate, kind: 'Transfer' };
  return null;
}

/** Whole days from today (local calendar) to an ISO date; negative when past. */
export function daysUntil(isoDate: string, today: Date = new Date()): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = Date.UTC(y, m - 1, d);
  const base = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - base) / DAY);
}

/** Compact for a card: "in 3d", "today", "2d ago". */
export function daysLabel(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days}d` : `${-days}d ago`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-21" → "Nov 21" (the year is implied on a working board; the tooltip has the full date). */
export function shortDate(isoDate: string): string {
  const [, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1] ?? ''} ${d}`;
}

const readinessCache = new WeakMap<PortSummary, ReadinessProblem[]>();

/** Why a draft cannot be submitted yet (memoised per summary object). */
export function readiness(p: PortSummary): ReadinessProblem[] {
  let problems = readinessCache.get(p);
  if (!problems) {
    problems = submitProblems({ fields: p, numberCount: p.numberCount, hasLoa: p.hasLoa, hasBill: p.hasBill });
    readinessCache.set(p, problems);
  }
  return problems;
}

/** Readiness matters only before submission (drafts, and rejected ports being fixed). */
export function checksReadiness(p: PortSummary): boolean {
  return p.state === 'unconfirmed' || p.state === 'rejected';
}

/** True when the specialist should look at this port now. */
export function needsAttention(p: PortSummary, today: Date = new Date()): boolean {
  if (p.syncStatus === 'conflict' || p.syncStatus === 'error') return true;
  if (p.state === 'rejected') return true;
  if (p.state === 'unconfirmed' && readiness(p).length > 0) return true;
  const due = dueDate(p);
  return due !== null && p.state !== 'completed' && p.state !== 'canceled' && daysUntil(due.date, today) < 0;
}

const haystacks = new WeakMap<PortSummary, string>();

/** Lower-cased text the free-text search matches against, computed once per summary object. */
export function haystack(p: PortSummary): string {
  let text = haystacks.get(p);
  if (text === undefined) {
    text = [p.name, p.accountName, p.accountNumber, p.billingName, p.losingCarrier, p.winningCarrier, p.referenceNumber, p.customerReference, p.remoteId ?? '', p.locality, ...p.tags]
      .join('\u0000')
      .toLowerCase();
    haystacks.set(p, text);
  }
  return text;
}

/**
 * Build the search text of every port in idle time once the board has its data, so the first
 * filter keystroke does not pay for 10,000 string joins inside its 50 ms budget.
 */
export function warmSearchText(ports: readonly PortSummary[]): () => void {
  let next = 0;
  let handle = 0;
  const work = (deadline: IdleDeadline) => {
    while (next < ports.length && deadline.timeRemaining() > 1) haystack(ports[next++] as PortSummary);
    if (next < ports.length) handle = requestIdleCallback(work);
  };
  handle = requestIdleCallback(work);
  return () => cancelIdleCallback(handle);
}

import type { PortSummary } from '../model';
import { submitProblems, type ReadinessProblem } from './readiness';
import { countryOfNumber } from './numbers';

const DAY = 86_400_000;

/** The date a port is due: the confirmed FOC date, else the requested transfer date. */
export function dueDate(p: Pick<PortSummary, 'focDate' | 'transferDate'>): { date: string; kind: 'FOC' | 'Transfer' } | null {
  if (p.focDate) return { date: p.focDate, kind: 'FOC' };
  if (p.transferDate) return { date: p.transferDate, kind: 'Transfer' };
  return null;
}

/** Account shown for a port: the account name, else the name on the bill, else the remote sub-account's name. */
export function accountOf(p: Pick<PortSummary, 'accountName' | 'billingName' | 'remoteAccountName'>): string {
  return p.accountName || p.billingName || p.remoteAccountName || '';
}

/** Today's local calendar date as YYYY-MM-DD. */
export function isoDay(today: Date = new Date()): string {
  return `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
}

/** The local calendar date `days` after `today`, as YYYY-MM-DD. */
export function isoDayPlus(days: number, today: Date = new Date()): string {
  return isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() + days));
}

/** Whole days from today (local calendar) to an ISO date; negative when past. */
export function daysUntil(isoDate: string, today: Date = new Date()): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = Date.UTC(y, m - 1, d);
  const base = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - base) / DAY);
}

const readinessCache = new WeakMap<PortSummary, ReadinessProblem[]>();

/** Why a draft cannot be submitted yet (memoised per summary object). */
export function readiness(p: PortSummary): ReadinessProblem[] {
  let problems = readinessCache.get(p);
  if (!problems) {
    problems = submitProblems({
      fields: p,
      numberCount: p.numberCount,
      loa: p.hasSignedLoa ? 'signed' : p.hasLoa ? 'unsigned' : 'none',
      hasBill: p.hasBill,
      numberCountry: p.firstNumber ? countryOfNumber(p.firstNumber) : null,
      today: isoDay(),
    });
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

/**
 * The remote account a port lives in (a Kazoo sub-account), as people read it: the name the
 * remote gives it, else 'account not yet named' until a pull has seen the name (an id such as
 * "Account 1d1a…" told a specialist nothing); '' for none. Tooltips add the id (remoteAccountTitle).
 */
export function remoteAccountLabel(p: Pick<PortSummary, 'remoteAccountId' | 'remoteAccountName'>): string {
  if (p.remoteAccountName) return p.remoteAccountName;
  return p.remoteAccountId ? 'account not yet named' : '';
}

/** The sub-account for a tooltip: its name or that it has none yet, with its id for support; '' for none. */
export function remoteAccountTitle(p: Pick<PortSummary, 'remoteAccountId' | 'remoteAccountName'>): string {
  return p.remoteAccountId ? `Sub-account: ${remoteAccountLabel(p)} (id ${p.remoteAccountId})` : '';
}

const haystacks = new WeakMap<PortSummary, string>();

/** Lower-cased text the free-text search matches against, computed once per summary object. */
export function haystack(p: PortSummary): string {
  let text = haystacks.get(p);
  if (text === undefined) {
    text = [p.name, p.accountName, p.accountNumber, p.billingName, p.losingCarrier, p.winningCarrier, p.referenceNumber, p.customerReference, p.remoteName ?? '', p.remoteAccountName ?? '', p.locality, ...p.tags]
      .join('\u0000')
      .toLowerCase();
    haystacks.set(p, text);
  }
  return text;
}

import type { PortSummary } from '../../../shared/model';
import { haystack } from '../../../shared/domain/portFacts';

// The pure facts moved to shared (the CLI filters saved views with them); cards keep importing here.
export { checksReadiness, daysUntil, dueDate, haystack, needsAttention, readiness } from '../../../shared/domain/portFacts';

/** Compact for a card: "in 3d", "today", "1d ago" ("yesterday" did not fit a card at 1280 px). */
export function daysLabel(days: number): string {
  if (days === 0) return 'today';
  return days > 0 ? `in ${days}d` : `${-days}d ago`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-21" → "Nov 21" (the year is implied on a working board; the tooltip has the full date). */
export function shortDate(isoDate: string): string {
  const [, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1] ?? ''} ${d}`;
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

/**
 * A card's title without the lane's account name at its start and the separator after it: in
 * "Acme Dental"'s lane, "Acme Dental – Front desk" reads "Front desk", the part that tells its
 * cards apart. A title that only starts with the same letters ("Acme Dentalworks") or that would be
 * left empty stays whole.
 */
export function titleInLane(title: string, account: string): string {
  if (!account || title.slice(0, account.length).toLocaleLowerCase() !== account.toLocaleLowerCase()) return title;
  const separator = /^\s*[-–—:·|,/]\s*|^\s+/.exec(title.slice(account.length));
  const rest = separator ? title.slice(account.length + separator[0].length).trim() : '';
  return rest || title;
}

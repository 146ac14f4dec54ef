import type { TimelineEvent } from '../../../shared/model';

export interface TimelineDay {
  /** Local calendar date, YYYY-MM-DD. */
  key: string;
  /** "Today", "Yesterday", else the date with its weekday in the user's locale. */
  label: string;
  events: TimelineEvent[];
}

const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Events newest first, grouped by the local day they happened (specialists read a port's history
 * as "what happened on which day": a rejection, the fix and the resubmission often share one).
 */
export function groupByDay(events: readonly TimelineEvent[], now: Date = new Date()): TimelineDay[] {
  const today = localDay(now);
  const yesterday = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
  const days: TimelineDay[] = [];
  for (const e of [...events].sort((a, b) => b.at - a.at || b.id - a.id)) {
    const at = new Date(e.at);
    const key = localDay(at);
    let day = days.at(-1);
    if (day?.key !== key) {
      day = { key, label: key === today ? 'Today' : key === yesterday ? 'Yesterday' : dayLabel.format(at), events: [] };
      days.push(day);
    }
    day.events.push(e);
  }
  return days;
}

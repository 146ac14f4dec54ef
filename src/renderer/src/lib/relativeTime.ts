const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A moment as a person says it in a status line: "14:02" today, "Nov 24, 14:02" on another day. */
export function clockTime(ms: number, now: number = Date.now()): string {
  const a = new Date(ms);
  const b = new Date(now);
  const sameDay = a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  return (sameDay ? clock : dayAndClock).format(a);
}

/** How long ago, coarse on purpose: "just now", "2 min ago", "3 h ago", then the clock time. */
export function timeAgo(ms: number, now: number = Date.now()): string {
  const age = Math.max(0, now - ms);
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < 12 * HOUR) return `${Math.floor(age / HOUR)} h ago`;
  return `at ${clockTime(ms, now)}`;
}

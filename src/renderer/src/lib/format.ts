const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp (ms) as the user's locale writes date and time. */
export function formatDateTime(ms: number): string {
  return dateTime.format(new Date(ms));
}

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** The time of day of a timestamp (ms), for lists already grouped by day. */
export function formatTime(ms: number): string {
  return time.format(new Date(ms));
}

/** Bytes as KB/MB with one decimal. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

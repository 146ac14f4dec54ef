const DAY = 86_400_000;

/** Allowed FOC windows: each weekday 15:00-23:00 UTC from 3 to 30 days after `now`. */
export function allowedFocWindows(now: number): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  const first = Math.floor(now / DAY) * DAY + 3 * DAY;
  for (let day = first; day <= first + 27 * DAY; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    out.push({ start: new Date(day + 15 * 3600_000).toISOString(), end: new Date(day + 23 * 3600_000).toISOString() });
  }
  return out;
}

/** Whether an ISO date-time falls inside one of the allowed windows. */
export function isAllowedFoc(iso: string, now: number): boolean {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return false;
  return allowedFocWindows(now).some((w) => t >= Date.parse(w.start) && t <= Date.parse(w.end));
}

/**
 * A queued move to Scheduled whose FOC date was cleared as not a real date (migrations 16 and 19)
 * has none, and Kazoo refuses to schedule without one. The port cannot be edited while Scheduled,
 * so the date is entered by moving it to Scheduled again with the date (PortsService.move), which
 * dates the queued move and sends it again. Said after the server's refusal (sync/push.ts) and
 * recognised by the Sync screen, which offers the date there.
 */
const MARK = 'This move to Scheduled has no FOC date';

export function undatedScheduleHelp(portId: string): string {
  return `${MARK} (one that was not a real date was cleared): enter the date the losing carrier confirmed (Sync, Needs attention; or portdesk ports move ${portId} scheduled --date YYYY-MM-DD)`;
}

/** Whether a port's sync error is the refusal of such a move. */
export function needsScheduleDate(syncError: string | null): boolean {
  return syncError !== null && syncError.includes(MARK);
}

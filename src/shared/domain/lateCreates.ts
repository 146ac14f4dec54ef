/** The adapters' words when a lookup for an earlier create failed (docs/sync.md "Late creates"). */
const CANNOT_TELL = /cannot tell yet whether the earlier create landed/i;

/** What an outbox row says while an earlier create may still land (set by the engine). */
export const SETTLING_MESSAGE = 'Waiting for an earlier create to settle before sending another';

/** HH:MM in the user's time zone. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * What the Sync screen and `portdesk sync status` say of a port whose create was sent without an
 * answer: whether PortDesk can tell yet if it landed, and until when no second create goes.
 */
export function lateCreateText(settlesAt: number | null, message: string | null): string {
  const parts: string[] = [];
  if (message && CANNOT_TELL.test(message)) parts.push(message);
  if (settlesAt !== null) parts.push(`waiting for an earlier create to settle until ${clockTime(settlesAt)}: no second one is sent before then`);
  if (parts.length === 0) parts.push(`looking for the create sent earlier${message && message !== SETTLING_MESSAGE ? ` (last try: ${message})` : ''}`);
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

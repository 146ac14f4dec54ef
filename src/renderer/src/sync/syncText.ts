import type { PortFields, PortState } from '../../../shared/model';
import { stateLabel } from '../../../shared/domain/states';
import type { RemoteSyncStatus } from '../../../shared/rpc/methods/sync';
import { FIELD_GROUPS } from '../detail/fieldDefs';
import { formatDateTime } from '../lib/format';

/** Kazoo's 402 answer starts with its own short message, "accept charges" (see docs/sync.md). */
export function needsChargesAccepted(syncError: string | null): boolean {
  return syncError !== null && /^accept charges\b/i.test(syncError);
}

/** One line for a remote's state: "Syncing 3 of 10", "Offline since …", "Paused: …". */
export function remoteStateText(r: RemoteSyncStatus): string {
  switch (r.state) {
    case 'syncing':
      return r.progress ? `Syncing ${r.progress.done} of ${r.progress.total}` : 'Syncing';
    case 'offline':
      return r.offlineSince ? `Offline since ${formatDateTime(r.offlineSince)}` : 'Offline';
    case 'paused':
      return 'Paused: the server refused the token';
    case 'error':
      return 'Last sync failed';
    case 'online':
      return 'Online';
  }
}

const LABELS: Record<string, string> = Object.fromEntries(FIELD_GROUPS.flatMap((g) => g.fields.map((f) => [f.key, f.label])));
LABELS.notificationEmails = 'Notification e-mails';
LABELS.numbers = 'Numbers';
LABELS.state = 'State';

/** The label the detail form uses for a conflict key (field name, `numbers` or `state`). */
export function conflictKeyLabel(key: string): string {
  return LABELS[key] ?? key;
}

interface Side {
  fields: PortFields;
  numbers: string[];
  state: PortState;
}

/** A conflict key's value on one side as text; numbers are compared by the caller. */
export function sideValue(side: Side, key: string): string {
  if (key === 'state') return stateLabel(side.state);
  if (key === 'numbers') return side.numbers.join(', ');
  const value = side.fields[key as keyof PortFields];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** Numbers only on this side, for showing what a numbers choice adds or drops. */
export function onlyIn(side: string[], other: string[]): string[] {
  const others = new Set(other);
  return side.filter((n) => !others.has(n));
}

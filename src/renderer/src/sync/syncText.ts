import type { PortFields, PortState } from '../../../shared/model';
import { stateLabel } from '../../../shared/domain/states';
import { listed } from '../../../shared/domain/text';
import type { RemoteSyncStatus, SyncReport } from '../../../shared/rpc/methods/sync';
import { FIELD_GROUPS } from '../detail/fieldDefs';
import { formatDateTime } from '../lib/format';

/** Kazoo's 402 answer starts with its own short message, "accept charges" (see docs/sync.md). */
export function needsChargesAccepted(syncError: string | null): boolean {
  return syncError !== null && /^accept charges\b/i.test(syncError);
}

/**
 * What the Sync screen says of a duplicate: which copy, that it was not imported, and, where its
 * server's API cannot cancel it (a Telnyx draft), what to do instead of canceling.
 */
export function duplicateText(dup: RemoteSyncStatus['duplicates'][number], remote: string): string {
  const kept = dup.keptObjectId ? `The port stays linked to ${dup.keptObjectId}.` : 'The port is not linked yet.';
  const text = `${remote} holds a second copy, ${dup.remoteObjectId} (${stateLabel(dup.state)}), seen ${formatDateTime(dup.seenAt)}. ${kept} It was not added as a new port.`;
  return dup.cancelRefusal ? `${text} ${dup.cancelRefusal.charAt(0).toUpperCase()}${dup.cancelRefusal.slice(1)}.` : text;
}

/**
 * The toast of a sync run that did not finish: which connections, and where to look. Their cards
 * already say why at length; a toast repeating it ran to several lines. A run that reached no
 * connection (another PortDesk holds the database) has no card to point at: its message says so.
 */
export function unfinishedSyncText(report: SyncReport): string {
  const unreachable = new Set(report.unreachable.map((u) => u.remoteId));
  const names = report.unfinished.filter((r) => !unreachable.has(r.remoteId)).map((r) => `"${r.name}"`);
  if (names.length === 0 && unreachable.size === 0) return report.message;
  const texts = report.unreachable.length > 0 ? [unreachableText(report.unreachable)] : [];
  if (names.length > 0) texts.push(`Sync with ${listed(names)} did not finish: see ${names.length === 1 ? 'its card' : 'their cards'}`);
  return texts.join('. ');
}

/**
 * Connections that could not be connected to at all (offline): said at once, with what the
 * specialist most needs to know, that nothing is lost and when it goes. The network's own words
 * are on the card.
 */
function unreachableText(unreachable: SyncReport['unreachable']): string {
  const queued = unreachable.reduce((n, u) => n + u.queued, 0);
  const who = `${listed(unreachable.map((u) => `"${u.name}"`))} cannot be reached right now`;
  if (queued === 0) return `${who}; PortDesk syncs when the connection is back`;
  return `${who}. Your ${queued === 1 ? 'change is' : `${queued} changes are`} kept on this computer, and PortDesk sends ${queued === 1 ? 'it' : 'them'} when the connection is back`;
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
      // The engine also reports "error" when its only problem is ports the server refused.
      return r.message ? 'Last sync failed' : 'Ports need attention';
    case 'online':
      return 'Online';
  }
}

/** A remote's state in one or two words, for the Settings table where the details have no room. */
export function remoteStateWord(r: RemoteSyncStatus): string {
  if (r.state === 'paused') return 'Needs a token';
  if (r.state === 'error') return r.message ? 'Error' : 'Needs attention';
  return r.state === 'online' ? 'Online' : r.state === 'syncing' ? 'Syncing' : 'Offline';
}

/**
 * The Sync screen's headline over all remotes: progress while a run is going, otherwise how many
 * are in each state (the engine's own summary is written for logs, with ISO times).
 */
export function overallText(remotes: RemoteSyncStatus[]): string {
  const syncing = remotes.filter((r) => r.progress);
  if (syncing.length > 0) {
    const done = syncing.reduce((n, r) => n + (r.progress?.done ?? 0), 0);
    const total = syncing.reduce((n, r) => n + (r.progress?.total ?? 0), 0);
    return `Syncing ${done} of ${total}`;
  }
  if (remotes.length === 0) return 'Working locally';
  if (remotes.every((r) => r.state === 'online')) return remotes.length === 1 ? 'Online' : 'All connections online';
  const counts = new Map<string, number>();
  for (const r of remotes) counts.set(remoteStateWord(r).toLowerCase(), (counts.get(remoteStateWord(r).toLowerCase()) ?? 0) + 1);
  return [...counts].map(([word, n]) => `${n} ${word}`).join(' · ');
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

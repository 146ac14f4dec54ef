import type { AccountStore } from '../store/accounts';
import type { Transition } from '../store/kazooPorts';

/**
 * One transition entry as knm_port_request:transition_metadata_jobj stores it (4.2 and 4.3
 * alike): the reason at the top level, beside the `authorization` that carries it again.
 */
export interface TransitionEntry {
  timestamp: number;
  type: 'transition';
  reason?: string;
  transition: { new: string; previous?: string };
  authorization: { reason?: string; account: { id: string; name: string }; user?: { id: string; first_name: string; last_name: string; full_name: string } };
}

function transitionEntry(t: Transition, accounts: AccountStore): TransitionEntry {
  const user = t.userId ? accounts.user(t.userId) : undefined;
  const entry: TransitionEntry = {
    timestamp: t.at,
    type: 'transition',
    transition: { new: t.to, ...(t.from ? { previous: t.from } : {}) },
    authorization: { account: { id: t.who, name: accounts.get(t.who)?.name ?? '' } },
  };
  if (t.reason) {
    entry.reason = t.reason;
    entry.authorization.reason = t.reason;
  }
  if (user) {
    entry.authorization.user = { id: user.id, first_name: user.firstName, last_name: user.lastName, full_name: `${user.firstName} ${user.lastName}` };
  }
  return entry;
}

/**
 * `GET .../{id}/timeline` (cb_port_requests:prepare_timeline): the request's comments (as the
 * viewer may see them) and its transitions, sorted by timestamp.
 */
export function timelineOf(comments: unknown, transitions: Transition[], accounts: AccountStore): unknown[] {
  const list = Array.isArray(comments) ? (comments as Record<string, unknown>[]) : [];
  const entries: { ts: number; entry: unknown }[] = [
    ...list.map((c) => ({ ts: typeof c.timestamp === 'number' ? c.timestamp : 0, entry: c })),
    ...transitions.map((t) => ({ ts: t.at, entry: transitionEntry(t, accounts) })),
  ];
  return entries.sort((a, b) => a.ts - b.ts).map((e) => e.entry);
}

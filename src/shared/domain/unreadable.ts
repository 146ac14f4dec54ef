import type { UnreadableRemoteView } from '../rpc/methods/sync';

/** "3 remote requests could not be read": the heading the Sync screen and `sync status` share. */
export function unreadableHeading(count: number): string {
  return `${count} remote request${count === 1 ? '' : 's'} could not be read`;
}

/** The account as a person reads it: its name, else its id. */
export function unreadableAccount(u: Pick<UnreadableRemoteView, 'accountId' | 'accountName'>): string {
  return u.accountName ? `${u.accountName} (${u.accountId})` : u.accountId || 'unknown account';
}

import type { Account, AccountStore } from '../store/accounts';
import type { PortRecord } from '../store/kazooPorts';
import { validationError } from './envelope';

/** One per-account group of a Crossbar port request listing. */
export interface AccountGroup {
  account_id: string;
  account_name: string;
  port_requests: Record<string, unknown>[];
}

/**
 * Group records per account, in tree order. The queried account always appears (possibly with an
 * empty list) so clients see a stable shape; sub-accounts appear when they have requests.
 */
export function groupByAccount(
  accounts: Account[],
  records: PortRecord[],
  view: (r: PortRecord) => Record<string, unknown>,
): AccountGroup[] {
  const groups: AccountGroup[] = [];
  accounts.forEach((acc, index) => {
    const mine = records.filter((r) => r.accountId === acc.id);
    if (mine.length === 0 && index > 0) return;
    groups.push({ account_id: acc.id, account_name: acc.name, port_requests: mine.map(view) });
  });
  return groups;
}

/** The accounts a listing covers: the account itself, or its whole subtree for `descendants`. */
export function listingAccounts(accounts: AccountStore, accountId: string, descendants: boolean): Account[] {
  if (descendants) return accounts.subtree(accountId);
  const acc = accounts.get(accountId);
  return acc ? [acc] : [];
}

const MAX_RANGE_SECONDS = 31 * 24 * 3600 + 3600;

/** Apply `modified_from`/`modified_to` (Gregorian seconds, at most ~31 days apart). */
export function filterModified(records: PortRecord[], from?: string, to?: string): PortRecord[] {
  if (from === undefined && to === undefined) return records;
  const lo = from === undefined ? undefined : Number(from);
  const hi = to === undefined ? undefined : Number(to);
  if ((lo !== undefined && !Number.isFinite(lo)) || (hi !== undefined && !Number.isFinite(hi))) {
    throw validationError('modified_from', 'type', 'modified_from and modified_to must be Gregorian seconds');
  }
  if (lo !== undefined && hi !== undefined && hi - lo > MAX_RANGE_SECONDS) {
    throw validationError('modified_to', 'maximum', 'The date range may span at most 31 days');
  }
  return records.filter((r) => (lo === undefined || r.updated >= lo) && (hi === undefined || r.updated <= hi));
}

/** One page of the completed listing, newest first; keys are opaque `updated:id` strings. */
export function paginate(
  records: PortRecord[],
  pageSize: number,
  startKey: string | undefined,
): { page: PortRecord[]; nextStartKey: string | undefined } {
  const sorted = [...records].sort((a, b) => b.updated - a.updated || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const keyOf = (r: PortRecord): string => `${r.updated}:${r.id}`;
  let start = 0;
  if (startKey !== undefined) {
    const idx = sorted.findIndex((r) => keyOf(r) === startKey);
    if (idx < 0) throw validationError('start_key', 'invalid', `Unknown start_key: ${startKey}`);
    start = idx;
  }
  const page = sorted.slice(start, start + pageSize);
  const next = sorted[start + pageSize];
  return { page, nextStartKey: next ? keyOf(next) : undefined };
}

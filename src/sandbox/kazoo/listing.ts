import type { AccountStore } from '../store/accounts';
import type { PortRecord } from '../store/kazooPorts';
import { toGregorian } from '../util/time';
import { KazooError, validationError } from './envelope';
import { PORT_STATES, type PortState } from './stateMachine';

/** One per-account group of a Crossbar port request listing. */
export interface AccountGroup<T = Record<string, unknown>> {
  account_id: string;
  account_name: string;
  port_requests: T[];
}

/**
 * Group documents per account (cb_port_requests:normalize_type_summarize_results); only accounts
 * with requests appear, and an empty listing is `[]`.
 */
export function groupByAccount<R extends { accountId: string }, T>(accounts: AccountStore, records: R[], view: (r: R) => T): AccountGroup<T>[] {
  const groups = new Map<string, AccountGroup<T>>();
  for (const r of records) {
    let g = groups.get(r.accountId);
    if (!g) {
      g = { account_id: r.accountId, account_name: accounts.get(r.accountId)?.name ?? 'unknown', port_requests: [] };
      groups.set(r.accountId, g);
    }
    g.port_requests.push(view(r));
  }
  return [...groups.values()];
}

/** `JSON.stringify` of the groups, each document already JSON text. */
export function groupsJson(groups: AccountGroup<string>[]): string {
  const parts = groups.map((g) => `{"account_id":${JSON.stringify(g.account_id)},"account_name":${JSON.stringify(g.account_name)},"port_requests":[${g.port_requests.join(',')}]}`);
  return `[${parts.join(',')}]`;
}

/**
 * Which requests a listing under `accountId` covers: the account's own (view `listing_by_state`)
 * or, under `descendants`, those whose account tree contains it (`listing_by_descendant_state`,
 * which emits the request's `pvt_tree`: the sub-accounts' requests, not the account's own).
 */
export function inScope(rec: PortRecord, accountId: string, descendants: boolean): boolean {
  if (!descendants) return rec.accountId === accountId;
  const tree = Array.isArray(rec.doc.pvt_tree) ? (rec.doc.pvt_tree as string[]) : [];
  return tree.includes(accountId);
}

/** crossbar.maximum_range's default: 31 days and an hour (crossbar.hrl). */
export const MAX_RANGE_SECONDS = 31 * 24 * 3600 + 3600;

/**
 * crossbar_view:time_range over `modified`: `modified_to` defaults to now, `modified_from` to
 * `modified_to` minus the maximum range; a reversed or wider range is a 400 validation error.
 */
export function modifiedWindow(q: URLSearchParams, nowMs: number): { from: number; to: number } {
  const read = (key: string, fallback: number): number => {
    const raw = q.get(key);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw validationError(key, 'type', `${key} must be Gregorian seconds`, raw);
    return n;
  };
  const to = read('modified_to', toGregorian(nowMs));
  const from = read('modified_from', to - MAX_RANGE_SECONDS);
  if (to < from) throw validationError('modified_from', 'date_range', `modified_to ${to} is prior to modified_from ${from}`, from);
  if (to - from > MAX_RANGE_SECONDS) {
    throw validationError('modified_from', 'date_range', `modified_to ${to} is more than ${MAX_RANGE_SECONDS} seconds from modified_from ${from}`, to);
  }
  return { from, to };
}

/** 4.3's `by_types` (cb_port_requests:summarize_by_types); an unknown word is a 500 `invalid_request`. */
export function statesForByTypes(byTypes: string | null): readonly PortState[] {
  const active: PortState[] = ['unconfirmed', 'submitted', 'pending', 'scheduled', 'rejected'];
  switch (byTypes) {
    case null:
    case 'active':
      return active;
    case 'all':
      return PORT_STATES;
    case 'progressing':
      return ['submitted', 'pending', 'scheduled'];
    case 'suspended':
      return ['unconfirmed', 'rejected'];
    case 'completed':
      return ['completed', 'canceled'];
    default: {
      const list = byTypes.split(',').map((s) => s.trim());
      const bad = list.filter((s) => !(PORT_STATES as readonly string[]).includes(s));
      if (bad.length > 0) {
        throw new KazooError(500, 'invalid_request', { message: `query string by_types contained invalid values: ${bad.join(', ')}` });
      }
      return list as PortState[];
    }
  }
}

/**
 * States listed over a `modified` window: completed and canceled in 4.3 (load_summary_by_type),
 * and in 4.2's all-states listing also unconfirmed (load_summary_by_type(<<"all">>)).
 */
export function isRanged(state: PortState, version: '4.2' | '4.3', allListing: boolean): boolean {
  if (state === 'completed' || state === 'canceled') return true;
  return version === '4.2' && allListing && state === 'unconfirmed';
}

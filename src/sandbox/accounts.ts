import type { AccountStore } from './store/accounts';
import { createPrng } from './util/prng';

/** The account tree every sandbox has: a reseller root with customer sub-accounts. */
const TREE: { name: string; parent: number | null; charges: number }[] = [
  { name: 'Northwind Voice Reseller', parent: null, charges: 10 },
  { name: 'Harbor Lights Dental Group', parent: 0, charges: 0 },
  { name: 'Cedar Ridge Logistics', parent: 0, charges: 7.5 },
  { name: 'Blue Heron Realty', parent: 0, charges: 0 },
  { name: 'Blue Heron Realty - Downtown Office', parent: 3, charges: 0 },
];

/** The user each account's sandbox token acts as (Kazoo writes the user's full name on comments). */
const USERS: { first: string; last: string }[] = [
  { first: 'Dana', last: 'Whitfield' },
  { first: 'Sam', last: 'Ortega' },
  { first: 'Priya', last: 'Raman' },
  { first: 'Lee', last: 'Okafor' },
  { first: 'Mara', last: 'Jensen' },
];

/** Create the account tree and one user per account on first start (ids derived from `seed`); no-op afterwards. */
export function ensureAccounts(accounts: AccountStore, seed: number): void {
  const userPrng = createPrng(seed ^ 0x5eed);
  if (accounts.all().length === 0) {
    const prng = createPrng(seed);
    const ids = TREE.map(() => prng.hex(32));
    TREE.forEach((a, i) => {
      const parentId = a.parent === null ? null : (ids[a.parent] ?? null);
      accounts.insert({ id: ids[i] ?? '', name: a.name, parentId, activationCharges: a.charges });
    });
  }
  // Also for data dirs made before users existed.
  accounts.all().forEach((acc, i) => {
    const u = USERS[i % USERS.length] ?? { first: 'Sandbox', last: 'User' };
    const id = userPrng.hex(32);
    if (!accounts.firstUserOf(acc.id)) accounts.addUser({ id, accountId: acc.id, firstName: u.first, lastName: u.last });
  });
}

/**
 * The port authority of requests created under `accountId`. The sandbox has no whitelabel
 * documents, so Kazoo's walk up the tree (kzd_port_requests:find_port_authority) ends at the
 * master account: the tree's root, which is therefore also the super-duper admin.
 */
export function portAuthorityOf(accounts: AccountStore, accountId: string): string {
  return accounts.tree(accountId)[0] ?? accountId;
}

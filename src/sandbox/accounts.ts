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

/** Create the account tree on first start (ids derived from `seed`); no-op afterwards. */
export function ensureAccounts(accounts: AccountStore, seed: number): void {
  if (accounts.all().length > 0) return;
  const prng = createPrng(seed);
  const ids = TREE.map(() => prng.hex(32));
  TREE.forEach((a, i) => {
    const parentId = a.parent === null ? null : (ids[a.parent] ?? null);
    accounts.insert({ id: ids[i] ?? '', name: a.name, parentId, activationCharges: a.charges });
  });
}

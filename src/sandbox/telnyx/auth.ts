import type { Account } from '../store/accounts';

/**
 * The portal user (an e-mail) that Telnyx v1 wants in `x-api-user` beside the account's token.
 * The sandbox gives each account one, derived from its name, so tests and trainers can read it.
 */
export function portalUserOf(account: Pick<Account, 'name'>): string {
  const slug = account.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `porting@${slug || 'account'}.example`;
}

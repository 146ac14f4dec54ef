import type { AccountStore } from '../store/accounts';
import type { FaultEngine } from './faults';

export type AuthResult =
  | { ok: true; accountId: string; token: string; ownerId: string | null }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** Token checks shared by both API families (Kazoo X-Auth-Token, Telnyx Bearer). */
export class Authenticator {
  constructor(
    private readonly accounts: AccountStore,
    private readonly faults: FaultEngine,
    private readonly now: () => number,
  ) {}

  check(token: string | undefined): AuthResult {
    if (!token) return { ok: false, reason: 'missing' };
    const info = this.accounts.tokenInfo(token);
    if (!info) return { ok: false, reason: 'invalid' };
    if (info.expired || this.faults.tokenExpired(info.issuedAt, this.now())) return { ok: false, reason: 'expired' };
    return { ok: true, accountId: info.accountId, token, ownerId: info.ownerId };
  }
}

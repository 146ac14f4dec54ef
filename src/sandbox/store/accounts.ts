import type { Db } from './db';
import { newToken } from '../util/ids';

export interface Account {
  id: string;
  name: string;
  parentId: string | null;
  /** Activation charge per port; above 0, `/submitted` answers 402 until charges are accepted. */
  activationCharges: number;
}

/** A Crossbar user: what a token acts as, and whose full name Kazoo 4.3 writes on comments. */
export interface User {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string;
}

interface AccountRow {
  id: string;
  name: string;
  parent_id: string | null;
  activation_charges: number;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  name: r.name,
  parentId: r.parent_id,
  activationCharges: r.activation_charges,
});

/** Accounts (a tree) and the tokens that act for them. */
export class AccountStore {
  /** Prepared once: a 10,000-request listing looks up two or three accounts per request. */
  private readonly getStmt;
  /** Accounts read so far. An account row is never updated or deleted, so what was read stays true. */
  private readonly known = new Map<string, Account>();

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare('SELECT * FROM accounts WHERE id = ?');
  }

  insert(account: Account): void {
    const ordinal = (this.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
    this.db
      .prepare('INSERT INTO accounts (id, name, parent_id, activation_charges, ordinal) VALUES (?, ?, ?, ?, ?)')
      .run(account.id, account.name, account.parentId, account.activationCharges, ordinal);
  }

  get(id: string): Account | undefined {
    const hit = this.known.get(id);
    if (hit) return hit;
    const row = this.getStmt.get(id) as AccountRow | undefined;
    if (!row) return undefined;
    const account = Object.freeze(toAccount(row));
    this.known.set(id, account);
    return account;
  }

  all(): Account[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY ordinal').all() as AccountRow[]).map(toAccount);
  }

  /** `id` and every account below it, parents before children. */
  subtree(id: string): Account[] {
    const all = this.all();
    const out: Account[] = [];
    const visit = (accountId: string): void => {
      const acc = all.find((a) => a.id === accountId);
      if (!acc) return;
      out.push(acc);
      for (const child of all.filter((a) => a.parentId === accountId)) visit(child.id);
    };
    visit(id);
    return out;
  }

  /** True when `ancestorId` is `id` itself or above it in the tree. */
  isWithin(id: string, ancestorId: string): boolean {
    let cur = this.get(id);
    for (let depth = 0; cur && depth < 64; depth++) {
      if (cur.id === ancestorId) return true;
      cur = cur.parentId ? this.get(cur.parentId) : undefined;
    }
    return false;
  }

  /** Ancestors of `id`, root first (Kazoo's `pvt_tree` of the account doc; the account itself is not in it). */
  tree(id: string): string[] {
    const out: string[] = [];
    let cur = this.get(id);
    for (let depth = 0; cur?.parentId && depth < 64; depth++) {
      out.unshift(cur.parentId);
      cur = this.get(cur.parentId);
    }
    return out;
  }

  issueToken(accountId: string, now: number, token: string = newToken(), ownerId: string | null = null): string {
    this.db
      .prepare(
        'INSERT INTO tokens (token, account_id, issued_at, expired, owner_id) VALUES (?, ?, ?, 0, ?) ' +
          'ON CONFLICT(token) DO UPDATE SET account_id = excluded.account_id, issued_at = excluded.issued_at, expired = 0, ' +
          'owner_id = COALESCE(excluded.owner_id, tokens.owner_id)',
      )
      .run(token, accountId, now, ownerId);
    return token;
  }

  tokenInfo(token: string): { accountId: string; issuedAt: number; expired: boolean; ownerId: string | null } | undefined {
    const row = this.db.prepare('SELECT * FROM tokens WHERE token = ?').get(token) as
      | { account_id: string; issued_at: number; expired: number; owner_id: string | null }
      | undefined;
    return row ? { accountId: row.account_id, issuedAt: row.issued_at, expired: row.expired === 1, ownerId: row.owner_id } : undefined;
  }

  addUser(user: User): void {
    this.db
      .prepare('INSERT OR IGNORE INTO users (id, account_id, first_name, last_name) VALUES (?, ?, ?, ?)')
      .run(user.id, user.accountId, user.firstName, user.lastName);
  }

  /** The account's first user (the one its sandbox token acts as). */
  firstUserOf(accountId: string): User | undefined {
    const row = this.db.prepare('SELECT id FROM users WHERE account_id = ? ORDER BY rowid LIMIT 1').get(accountId) as { id: string } | undefined;
    return row ? this.user(row.id) : undefined;
  }

  user(id: string): User | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as
      | { id: string; account_id: string; first_name: string; last_name: string }
      | undefined;
    return row ? { id: row.id, accountId: row.account_id, firstName: row.first_name, lastName: row.last_name } : undefined;
  }

  /** Expire every token now; returns how many were live. */
  expireAll(): number {
    return this.db.prepare('UPDATE tokens SET expired = 1 WHERE expired = 0').run().changes;
  }
}

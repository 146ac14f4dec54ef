import type { Db } from '../connection';

/**
 * The names of the remote accounts ports live in (table remote_accounts), as pulls learn them.
 * The port summaries read them by (remote, account), so a sub-account shows as its name.
 */
export class RemoteAccountsRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      name: db.prepare('SELECT name FROM remote_accounts WHERE remote_id = ? AND account_id = ?'),
      upsert: db.prepare(
        'INSERT INTO remote_accounts (remote_id, account_id, name) VALUES (?, ?, ?) ON CONFLICT (remote_id, account_id) DO UPDATE SET name = excluded.name',
      ),
      portsIn: db.prepare('SELECT id FROM ports WHERE remote_id = ? AND remote_account_id = ?'),
    };
  }

  name(remoteId: string, accountId: string): string | null {
    return (this.s.name.get(remoteId, accountId) as { name: string } | undefined)?.name ?? null;
  }

  /**
   * Record the names a pull saw. Answers the local ports whose account name changed (new or
   * renamed), so their cards are refreshed even when the requests themselves did not change.
   */
  record(remoteId: string, names: ReadonlyMap<string, string>): string[] {
    const touched: string[] = [];
    for (const [accountId, name] of names) {
      if (this.name(remoteId, accountId) === name) continue;
      this.s.upsert.run(remoteId, accountId, name);
      for (const row of this.s.portsIn.all(remoteId, accountId) as { id: string }[]) touched.push(row.id);
    }
    return touched;
  }
}

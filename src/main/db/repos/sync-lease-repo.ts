import type { Db } from '../connection';

/** The one-row lease that lets a single process at a time push and pull a database. */
export class SyncLeaseRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      take: db.prepare(
        `INSERT INTO sync_lease (id, owner, expires_at) VALUES (1, @owner, @expires)
         ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE sync_lease.owner = excluded.owner OR sync_lease.expires_at < @now`,
      ),
      holder: db.prepare('SELECT owner, expires_at AS expiresAt FROM sync_lease WHERE id = 1'),
      release: db.prepare('DELETE FROM sync_lease WHERE id = 1 AND owner = ?'),
      takeOver: db.prepare('UPDATE sync_lease SET owner = ?, expires_at = ? WHERE id = 1 AND owner = ?'),
    };
  }

  /** Take or renew the lease until `now + ttlMs`; false while another owner holds an unexpired one. */
  acquire(owner: string, now: number, ttlMs: number): boolean {
    return this.s.take.run({ owner, expires: now + ttlMs, now }).changes > 0;
  }

  holder(): { owner: string; expiresAt: number } | undefined {
    return this.s.holder.get() as { owner: string; expiresAt: number } | undefined;
  }

  /** Take the lease from `previous` (a holder known to be dead) before it expires. */
  takeOver(owner: string, previous: string, now: number, ttlMs: number): boolean {
    return this.s.takeOver.run(owner, now + ttlMs, previous).changes > 0;
  }

  release(owner: string): void {
    this.s.release.run(owner);
  }
}

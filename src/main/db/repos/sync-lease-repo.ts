import type { Db } from '../connection';

/** Who holds the lease: a label for messages, and the process and machine it runs on. */
export interface LeaseHolder {
  owner: string;
  pid: number;
  host: string;
}

/** The one-row lease that lets a single process at a time push and pull a database. */
export class SyncLeaseRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      take: db.prepare(
        `INSERT INTO sync_lease (id, owner, pid, host, expires_at) VALUES (1, @owner, @pid, @host, @expires)
         ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, expires_at = excluded.expires_at
         WHERE sync_lease.owner = excluded.owner OR sync_lease.expires_at < @now`,
      ),
      holder: db.prepare('SELECT owner, pid, host, expires_at AS expiresAt FROM sync_lease WHERE id = 1'),
      release: db.prepare('DELETE FROM sync_lease WHERE id = 1 AND owner = ?'),
      takeOver: db.prepare('UPDATE sync_lease SET owner = @owner, pid = @pid, host = @host, expires_at = @expires WHERE id = 1 AND owner = @previous'),
    };
  }

  /** Take or renew the lease until `now + ttlMs`; false while another owner holds an unexpired one. */
  acquire(holder: LeaseHolder, now: number, ttlMs: number): boolean {
    return this.s.take.run({ ...holder, expires: now + ttlMs, now }).changes > 0;
  }

  /** The current holder; pid and host are null for a lease taken before they were recorded. */
  holder(): { owner: string; pid: number | null; host: string | null; expiresAt: number } | undefined {
    return this.s.holder.get() as { owner: string; pid: number | null; host: string | null; expiresAt: number } | undefined;
  }

  /** Take the lease from `previous` (a holder known to be dead) before it expires. */
  takeOver(holder: LeaseHolder, previous: string, now: number, ttlMs: number): boolean {
    return this.s.takeOver.run({ ...holder, expires: now + ttlMs, previous }).changes > 0;
  }

  release(owner: string): void {
    this.s.release.run(owner);
  }
}

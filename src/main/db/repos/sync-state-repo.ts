import type { Db } from '../connection';

/**
 * Small per-remote key/value state of sync (status, cursors, remembered deletions) and the
 * app-wide settings kept beside it under remote id `*` (the default remote).
 */
export class SyncStateRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare('SELECT value FROM sync_state WHERE remote_id = ? AND key = ?'),
      set: db.prepare('INSERT INTO sync_state (remote_id, key, value) VALUES (?, ?, ?) ON CONFLICT (remote_id, key) DO UPDATE SET value = excluded.value'),
      del: db.prepare('DELETE FROM sync_state WHERE remote_id = ? AND key = ?'),
      withPrefix: db.prepare("SELECT substr(key, length(@prefix) + 1) AS rest FROM sync_state WHERE remote_id = @remoteId AND key >= @prefix AND key < @prefix || char(1114111)"),
      forgetRemote: db.prepare('DELETE FROM sync_state WHERE remote_id = ?'),
    };
  }

  get(remoteId: string, key: string): string | undefined {
    return (this.s.get.get(remoteId, key) as { value: string } | undefined)?.value;
  }

  set(remoteId: string, key: string, value: string): void {
    this.s.set.run(remoteId, key, value);
  }

  clear(remoteId: string, key: string): void {
    this.s.del.run(remoteId, key);
  }

  /** The rest of every key of `remoteId` that starts with `prefix` (e.g. `gone:` -> remote object ids). */
  keysWithPrefix(remoteId: string, prefix: string): string[] {
    return (this.s.withPrefix.all({ remoteId, prefix }) as { rest: string }[]).map((r) => r.rest);
  }

  forgetRemote(remoteId: string): void {
    this.s.forgetRemote.run(remoteId);
  }
}

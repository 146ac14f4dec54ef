import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, withManualCheckpoints } from '../../../src/main/db/connection';
import { tempDir } from '../../support/temp';

const autoPages = (db: ReturnType<typeof openDatabase>): unknown => db.pragma('wal_autocheckpoint', { simple: true });

describe('withManualCheckpoints', () => {
  it('holds SQLite automatic checkpoint off while any caller runs, and gives its threshold back after the last', async () => {
    const db = openDatabase(join(tempDir(), 'store.db'));
    try {
      db.pragma('wal_autocheckpoint = 700');
      let releaseFirst = (): void => undefined;
      const first = withManualCheckpoints(db, () => new Promise<void>((resolve) => (releaseFirst = resolve)));
      expect(autoPages(db)).toBe(0);
      // A second caller (another remote's pull) starts while the first runs and ends before it.
      await withManualCheckpoints(db, async () => {
        expect(autoPages(db)).toBe(0);
      });
      expect(autoPages(db)).toBe(0);
      releaseFirst();
      await first;
      expect(autoPages(db)).toBe(700);
      // A failing caller gives it back too.
      await expect(withManualCheckpoints(db, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(autoPages(db)).toBe(700);
    } finally {
      db.close();
    }
  });
});

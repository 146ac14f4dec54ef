import Database from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of the better-sqlite3 native module to use (Electron build); default: the package's own. */
  nativeBinding?: string | undefined;
  /** Stop migrating at this version (tests build databases as older releases left them). */
  targetVersion?: number;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

function assertSqliteFile(file: string): void {
  if (file === ':memory:' || !existsSync(file)) return;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const read = readSync(fd, buf, 0, 16, 0);
    if (read === 0) return;
    if (read < 16 || buf.toString('latin1') !== SQLITE_HEADER) {
      throw new AppError('DB_CORRUPT', `${file} is not a PortDesk database (it is not an SQLite file). It was left untouched.`, { file });
    }
  } finally {
    closeSync(fd);
  }
}

/** The schema version recorded in the database (0 for a new, empty one). */
export function schemaVersion(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function migrate(db: Db, target: number): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const current = schemaVersion(db);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    // Each migration commits on its own: a crash between two leaves a valid older version.
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    })();
  }
}

/**
 * Open (creating if needed) the local store: WAL, foreign keys, busy timeout, then migrate.
 * A file that is not SQLite, is damaged, or was written by a newer PortDesk is refused with a
 * clear message and never modified.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  assertSqliteFile(file);
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    throw new AppError('DB_CORRUPT', `Cannot open ${file}: ${(err as Error).message}`, { file });
  }
  try {
    const found = readVersionSafely(db, file);
    if (found > SCHEMA_VERSION) {
      throw new AppError(
        'DB_TOO_NEW',
        `${file} was written by a newer PortDesk (schema ${found}; this version knows up to ${SCHEMA_VERSION}). Update PortDesk; the file was not changed.`,
        { file, found, supported: SCHEMA_VERSION },
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, options.targetVersion ?? SCHEMA_VERSION);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function readVersionSafely(db: Db, file: string): number {
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    return schemaVersion(db);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('DB_CORRUPT', `${file} is damaged (${(err as Error).message}). It was left untouched; restore a backup or choose another file.`, { file });
  }
}

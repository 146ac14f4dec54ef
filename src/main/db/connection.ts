import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;
export type Statement = Database.Statement;

export interface OpenOptions {
  /** Path of the better-sqlite3 native module to use (Electron build); default: the package's own. */
  nativeBinding?: string | undefined;
  /** Stop migrating at this version (tests build databases as older releases left them). */
  targetVersion?: number;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * SQLite's `application_id` header field marks a file as PortDesk's ('PDsk'), so another
 * program's database given by mistake is refused before anything is written to it.
 */
export const PORTDESK_APPLICATION_ID = 0x5044736b;

/** Owner read/write only: the store holds PINs and account numbers. */
const PRIVATE_FILE_MODE = 0o600;

/** Fail early, with what to do, on a path that cannot be a database file. */
function assertUsablePath(file: string): void {
  if (file === ':memory:') return;
  let isDir = false;
  try {
    isDir = statSync(file).isDirectory();
  } catch {
    return; // does not exist yet: created below
  }
  if (isDir) {
    throw new AppError('FILE', `${file} is a folder, not a database file. Give the path of a file inside it, e.g. ${file.replace(/[\\/]+$/, '')}/portdesk.db.`, { file, reason: 'directory' });
  }
}

/** Create a new database file 0600 before SQLite does (SQLite gives its WAL/SHM the same mode). */
function createPrivately(file: string): void {
  if (file === ':memory:') return;
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    throw storageError(err, file);
  }
}

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
/** SQLite's data_version: changes when another connection commits (never for this connection's own writes). */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/**
 * Copy what the WAL holds into the database file now, as far as no reader still needs it
 * (PASSIVE: it waits for no one). A long run of transactions calls it between two of them, so
 * that no commit of theirs also carries SQLite's automatic checkpoint (a copy and a sync of the file).
 */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/** A write transaction kept open across turns of the event loop, ended by its holder. */
export interface HeldWrite {
  commit(): void;
  /** Nothing of it stays; harmless once ended. */
  rollback(): void;
  readonly ended: boolean;
}

/**
 * Open a write transaction now and keep it until {@link HeldWrite.commit} or rollback: what the
 * caller writes meanwhile, over many turns, lands all at once or not at all (a kill -9 leaves
 * nothing). Foreign keys are checked at the commit, so child rows may come before their parent.
 * Null, at once rather than after the busy timeout, when another connection is writing: the
 * caller then writes the usual way, later. Writes on this connection meanwhile join the transaction.
 * Its commit does not copy the WAL into the file (SQLite's automatic checkpoint is held off until
 * it ends): the caller has that done elsewhere, on a connection of its own ({@link checkpoint}).
 */
export function holdWrite(db: Db): HeldWrite | null {
  if (db.inTransaction) return null;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  db.pragma('defer_foreign_keys = ON');
  const release = holdCheckpoints(db);
  let ended = false;
  return {
    commit() {
      db.exec('COMMIT');
      ended = true;
      release();
    },
    rollback() {
      if (!ended && db.open && db.inTransaction) db.exec('ROLLBACK');
      ended = true;
      release();
    },
    get ended() {
      return ended;
    },
  };
}

/** Connections whose automatic checkpoint is held off, by how many callers hold it and the threshold to restore. */
const manualCheckpoints = new WeakMap<Db, { holders: number; pages: number }>();

/**
 * Run `work` with SQLite's automatic checkpoint (in the commit that takes the WAL past 1,000
 * pages) held off: the caller {@link checkpoint}s between its transactions, when it chooses.
 * Callers may overlap (two remotes pulling): the threshold comes back when the last one is done.
 */
export async function withManualCheckpoints<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const release = holdCheckpoints(db);
  try {
    return await work();
  } finally {
    release();
  }
}

/** Hold SQLite's automatic checkpoint off until the returned function is called (see {@link withManualCheckpoints}). */
function holdCheckpoints(db: Db): () => void {
  let held = manualCheckpoints.get(db);
  if (!held) {
    held = { holders: 0, pages: db.pragma('wal_autocheckpoint', { simple: true }) as number };
    manualCheckpoints.set(db, held);
    db.pragma('wal_autocheckpoint = 0');
  }
  const hold = held;
  hold.holders += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    hold.holders -= 1;
    if (hold.holders === 0) {
      manualCheckpoints.delete(db);
      if (db.open) db.pragma(`wal_autocheckpoint = ${hold.pages}`);
    }
  };
}

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
  assertUsablePath(file);
  assertSqliteFile(file);
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  // Judge an existing file read-only first: closing a read-write connection may checkpoint a
  // foreign WAL into the file, and nothing may change in a file that turns out not to be ours.
  if (file !== ':memory:' && existsSync(file) && statSync(file).size > 0) inspectReadOnly(file, binding);
  createPrivately(file);
  let db: Db;
  try {
    db = new Database(file, binding);
  } catch (err) {
    throw storageError(err, file, (e) => new AppError('DB_CORRUPT', `Cannot open ${file}: ${e.message}`, { file }));
  }
  try {
    db.pragma('journal_mode = WAL');
    applyConnectionSettings(db);
    migrate(db, options.targetVersion ?? SCHEMA_VERSION);
    if (db.pragma('application_id', { simple: true }) !== PORTDESK_APPLICATION_ID) db.pragma(`application_id = ${PORTDESK_APPLICATION_ID}`);
    if (file !== ':memory:') chmodPrivate(file);
    return db;
  } catch (err) {
    db.close();
    throw storageError(err, file);
  }
}

/** What every connection to the store runs with (WAL itself is a property of the file). */
function applyConnectionSettings(db: Db): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}

/**
 * Another connection to a store this process has already opened with {@link openDatabase}
 * (checked, migrated, in WAL mode), for a worker thread that writes off the main event loop.
 * Nothing is checked again: the file was judged when it was first opened.
 */
export function openSiblingConnection(file: string, options: Pick<OpenOptions, 'nativeBinding'> = {}): Db {
  const db = new Database(file, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    applyConnectionSettings(db);
    return db;
  } catch (err) {
    db.close();
    throw storageError(err, file);
  }
}

function inspectReadOnly(file: string, binding: Database.Options): void {
  let probe: Db;
  try {
    probe = new Database(file, { ...binding, readonly: true, fileMustExist: true });
  } catch (err) {
    throw storageError(err, file, (e) => new AppError('DB_CORRUPT', `Cannot open ${file}: ${e.message}`, { file }));
  }
  try {
    const found = readVersionSafely(probe, file);
    assertPortDeskFile(probe, file);
    if (found > SCHEMA_VERSION) {
      throw new AppError(
        'DB_TOO_NEW',
        `${file} was written by a newer PortDesk (schema ${found}; this version knows up to ${SCHEMA_VERSION}). Update PortDesk; the file was not changed.`,
        { file, found, supported: SCHEMA_VERSION },
      );
    }
  } finally {
    probe.close();
  }
}

/**
 * PortDesk's own file carries our application_id; one from before the id was set is recognised by
 * its schema_migrations naming our first migration; an empty file is new. Anything else belongs to
 * another program and is refused unchanged (nothing has been written yet when this runs).
 */
function assertPortDeskFile(db: Db, file: string): void {
  const id = db.pragma('application_id', { simple: true }) as number;
  if (id === PORTDESK_APPLICATION_ID) return;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").all() as { name: string }[]).map((r) => r.name);
  if (id === 0 && tables.length === 0) return;
  if (id === 0 && tables.includes('schema_migrations')) {
    const first = db.prepare('SELECT name FROM schema_migrations WHERE version = 1').get() as { name: string } | undefined;
    if (first?.name === MIGRATIONS[0]?.name) return;
  }
  throw new AppError(
    'DB_FOREIGN',
    `${file} is a database of another program, not PortDesk's. It was left untouched; choose a PortDesk database or a new file name.`,
    { file },
  );
}

/** The WAL and SHM appear only once SQLite writes; keep all three owner-only whatever the umask. */
function chmodPrivate(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(f, PRIVATE_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** A full disk or read-only storage met while writing (not a file the user picked). */
export function isStorageFailure(err: unknown): boolean {
  const code = err instanceof Error ? ((err as NodeJS.ErrnoException).code ?? '') : '';
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EROFS' || code.startsWith('SQLITE_READONLY');
}

/**
 * What the storage itself refused, said as what it is and what to do: a full disk or read-only
 * media is not damage, and telling the user to restore a backup would make them discard good data.
 */
export function storageError(err: unknown, file: string, otherwise: (e: Error) => unknown = (e) => e): unknown {
  if (err instanceof AppError || !(err instanceof Error)) return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AppError('FILE', `The disk holding ${file} is full. Free some space and try again; nothing was changed.`, { file, reason: 'disk-full' });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new AppError('FILE', `PortDesk cannot write to ${file} (read-only media or no permission). Copy it to a writable folder or fix its permissions, then open it again; nothing was changed.`, { file, reason: 'read-only' });
  }
  if (code === 'ENOENT') return new AppError('FILE', `The folder for ${file} does not exist. Create it or choose another place.`, { file, reason: 'missing-folder' });
  if (code === 'EISDIR') return new AppError('FILE', `${file} is a folder, not a database file.`, { file, reason: 'directory' });
  return otherwise(err);
}

function readVersionSafely(db: Db, file: string): number {
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    return schemaVersion(db);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const storage = storageError(err, file);
    if (storage !== err) throw storage;
    throw new AppError('DB_CORRUPT', `${file} is damaged (${(err as Error).message}). It was left untouched; restore a backup or choose another file.`, { file });
  }
}

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, parent_id TEXT,
  activation_charges REAL NOT NULL DEFAULT 0, ordinal INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY, account_id TEXT NOT NULL, issued_at INTEGER NOT NULL,
  expired INTEGER NOT NULL DEFAULT 0, owner_id TEXT
);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kz_ports (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, port_state TEXT NOT NULL, rev INTEGER NOT NULL,
  doc TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS kz_ports_account ON kz_ports(account_id, port_state);
CREATE TABLE IF NOT EXISTS kz_numbers (number TEXT NOT NULL, port_id TEXT NOT NULL, PRIMARY KEY (number, port_id));
CREATE INDEX IF NOT EXISTS kz_numbers_port ON kz_numbers(port_id);
CREATE TABLE IF NOT EXISTS kz_attachments (
  port_id TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (port_id, name)
);
CREATE TABLE IF NOT EXISTS kz_transitions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, port_id TEXT NOT NULL, at INTEGER NOT NULL,
  from_state TEXT, to_state TEXT NOT NULL, reason TEXT, who TEXT NOT NULL, user_id TEXT
);
CREATE INDEX IF NOT EXISTS kz_transitions_port ON kz_transitions(port_id);
CREATE TABLE IF NOT EXISTS tx_objects (
  kind TEXT NOT NULL, id TEXT NOT NULL, account_id TEXT NOT NULL, parent_id TEXT,
  doc TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS tx_objects_parent ON tx_objects(kind, parent_id);
-- Every put reads MAX(seq): without it a scan of the whole table.
CREATE INDEX IF NOT EXISTS tx_objects_seq ON tx_objects(seq);
CREATE TABLE IF NOT EXISTS tx_blobs (id TEXT PRIMARY KEY, content_type TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS tx_links (token TEXT PRIMARY KEY, document_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
`;

/** Open (creating if needed) the sandbox database in `dataDir`; WAL so restarts lose nothing. */
export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'sandbox.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  // Data dirs written before users and transition authors existed gain the columns in place.
  addColumnIfMissing(db, 'tokens', 'owner_id', 'TEXT');
  addColumnIfMissing(db, 'kz_transitions', 'user_id', 'TEXT');
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as
    | { value: string }
    | undefined;
  if (!row) setMeta(db, 'schema_version', String(SCHEMA_VERSION));
  else if (Number(row.value) > SCHEMA_VERSION) {
    db.close();
    throw new Error(`sandbox database schema ${row.value} is newer than this sandbox (${SCHEMA_VERSION})`);
  }
  return db;
}

/** Read a value from the meta table. */
export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

/** Write a value to the meta table. */
export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

function addColumnIfMissing(db: Db, table: string, column: string, type: string): void {
  const cols = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
  if (!cols.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
}

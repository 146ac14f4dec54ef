import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, schemaVersion } from '../../../src/main/db/connection';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/db/migrations';
import { tempDir } from '../../support/temp';

describe('local store migrations', () => {
  // A gap would let a database already past it skip a migration added into the gap later.
  it('numbers migrations 1..N without gaps or repeats, in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('creates a new database at the latest version with WAL and foreign keys', () => {
    const db = openDatabase(join(tempDir(), 'new.db'));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  // A database left by every earlier release upgrades, keeping its data.
  it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))('upgrades a database created at version %i', (version) => {
    const file = join(tempDir(), `v${version}.db`);
    const old = openDatabase(file, { targetVersion: version });
    expect(schemaVersion(old)).toBe(version);
    old.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES ('p1', 'Kept', 'unconfirmed', 1, 1)").run();
    old.prepare("INSERT INTO numbers (port_id, e164) VALUES ('p1', '+12025550100')").run();
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT name FROM ports').all()).toEqual([{ name: 'Kept' }]);
    expect(db.prepare('SELECT e164 FROM numbers').all()).toEqual([{ e164: '+12025550100' }]);
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const file = join(tempDir(), 'notes.db');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(20));
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT', message: expect.stringMatching(/not a PortDesk database/) }));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged database and leaves it untouched', () => {
    const file = join(tempDir(), 'damaged.db');
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES (?, 'x', 'unconfirmed', 1, 1)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`p${i}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096 * 3, 4096 * 6); // scribble over b-tree pages, keep the header
    writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT' }));
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a database written by a newer PortDesk without changing it', () => {
    const file = join(tempDir(), 'future.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', 0)").run(SCHEMA_VERSION + 1);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW', message: expect.stringMatching(/newer PortDesk/) }));
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

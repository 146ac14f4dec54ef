import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isStorageFailure, openDatabase, PORTDESK_APPLICATION_ID, schemaVersion, storageError } from '../../../src/main/db/connection';
import type { AppError } from '../../../src/shared/errors';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/db/migrations';
import { tempDir } from '../../support/temp';
import { createRepos } from '../../../src/main/db/repos';
import { EMPTY_PORT_FIELDS } from '../../../src/shared/model';

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

  it('splits the street into parts (migration 11) keeping every street line as it was, and versions stored before read the parts as empty', () => {
    const file = join(tempDir(), 'v10-street.db');
    const old = openDatabase(file, { targetVersion: 10 });
    const oldFields = { ...Object.fromEntries(Object.keys(EMPTY_PORT_FIELDS).filter((k) => !k.startsWith('street') || k === 'street').map((k) => [k, ''])), name: 'Oak', street: '1543 N Oak Ave', notificationEmails: [] };
    const version = JSON.stringify({ fields: oldFields, numbers: [], state: 'unconfirmed' });
    old.prepare("INSERT INTO ports (id, name, state, street, sync_base, sync_sent, created_at, updated_at) VALUES ('p1', 'Oak', 'unconfirmed', '1543 N Oak Ave', ?, ?, 1, 1)").run(version, `[${version}]`);
    old.prepare("INSERT INTO outbox (mutation_id, port_id, entity, entity_id, op, payload, created_at) VALUES ('m1', 'p1', 'port', 'p1', 'port.create', ?, 1)").run(JSON.stringify({ v: 1, fields: oldFields, numbers: [] }));
    old.close();

    const repos = createRepos(openDatabase(file));
    expect(repos.ports.summary('p1')).toMatchObject({ street: '1543 N Oak Ave', streetNumber: '', streetPreDir: '', streetType: '', streetPostDir: '' });
    const { base, sent } = repos.ports.mergeBase('p1');
    expect(base?.fields).toMatchObject({ street: '1543 N Oak Ave', streetNumber: '' });
    expect(sent).toHaveLength(1);
    const [row] = repos.outbox.rows('p1');
    expect(row?.invalid).toBeNull();
    expect(row?.change?.op === 'port.create' && row.change.payload.fields).toMatchObject({ street: '1543 N Oak Ave', streetType: '' });
    repos.db.close();
  });

  it('clears impossible dates stored before the date schema refused them (migration 16), each kept in its port’s timeline', () => {
    const file = join(tempDir(), 'v15-dates.db');
    const old = openDatabase(file, { targetVersion: 15 });
    const insert = old.prepare("INSERT INTO ports (id, name, state, transfer_date, foc_date, created_at, updated_at) VALUES (?, ?, 'unconfirmed', ?, ?, 1, 1)");
    insert.run('feb30', 'Feb 30', '2026-02-30', '2026-04-31');
    insert.run('month13', 'Month 13', '2026-13-01', '');
    insert.run('real', 'Leap day', '2024-02-29', '2026-12-31');
    old.close();

    const repos = createRepos(openDatabase(file));
    const dates = (id: string) => {
      const p = repos.ports.summary(id);
      return [p?.transferDate, p?.focDate];
    };
    expect(dates('feb30')).toEqual(['', '']);
    expect(dates('month13')).toEqual(['', '']);
    expect(dates('real')).toEqual(['2024-02-29', '2026-12-31']);
    const said = (id: string) => repos.events.list(id).map((e) => [e.kind, e.actor, e.message]);
    expect(said('feb30')).toEqual([
      ['edited', 'PortDesk', 'Requested transfer date 2026-02-30 was not a real date and was cleared'],
      ['edited', 'PortDesk', 'FOC date 2026-04-31 was not a real date and was cleared'],
    ]);
    expect(said('month13')).toEqual([['edited', 'PortDesk', 'Requested transfer date 2026-13-01 was not a real date and was cleared']]);
    expect(said('real')).toEqual([]);
    repos.db.close();
  });

  it('clears the same impossible dates from queued changes, merge bases and conflict copies (migration 19), so no such row blocks the queue', () => {
    const file = join(tempDir(), 'v18-dates.db');
    const old = openDatabase(file, { targetVersion: 18 });
    const fields = (transferDate: string, focDate: string) => ({ ...EMPTY_PORT_FIELDS, name: 'Feb 30', transferDate, focDate, notificationEmails: [] });
    const version = (transferDate: string, focDate: string) => ({ fields: fields(transferDate, focDate), numbers: ['+12025550100'], state: 'unconfirmed' });
    old.prepare("INSERT INTO ports (id, name, state, sync_base, sync_sent, created_at, updated_at) VALUES ('p1', 'Feb 30', 'unconfirmed', ?, ?, 1, 1)").run(
      JSON.stringify(version('2026-02-30', '2026-05-01')),
      JSON.stringify([version('2026-13-01', '2026-04-31'), version('2026-03-01', '2024-02-29')]),
    );
    old.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES ('p2', 'Real', 'unconfirmed', 1, 1)").run();
    const queue = old.prepare("INSERT INTO outbox (mutation_id, port_id, entity, entity_id, op, payload, created_at) VALUES (?, ?, 'port', ?, ?, ?, 1)");
    queue.run('m1', 'p1', 'p1', 'port.create', JSON.stringify({ v: 1, fields: fields('2026-02-30', '2026-06-31'), numbers: ['+12025550100'] }));
    queue.run('m2', 'p1', 'p1', 'port.update', JSON.stringify({ v: 1, patch: { focDate: '2026-13-01', name: 'Still sent' } }));
    queue.run('m3', 'p1', 'p1', 'port.move', JSON.stringify({ v: 1, from: 'unconfirmed', to: 'scheduled', reason: null, date: '2026-02-31' }));
    queue.run('m4', 'p2', 'p2', 'port.update', JSON.stringify({ v: 1, patch: { focDate: '2028-02-29' } }));
    old.prepare("INSERT INTO conflicts (port_id, local, remote, remote_revision, detected_at) VALUES ('p1', ?, ?, 'r1', 1)").run(
      JSON.stringify(version('', '2026-09-31')),
      JSON.stringify(version('2026-11-31', '2026-10-01')),
    );
    old.close();

    const repos = createRepos(openDatabase(file));
    const rows = repos.outbox.rows('p1');
    expect(rows.map((r) => r.invalid)).toEqual([null, null, null]);
    expect(rows.map((r) => r.change?.payload)).toEqual([
      { v: 1, fields: fields('', ''), numbers: ['+12025550100'] },
      { v: 1, patch: { focDate: '', name: 'Still sent' } },
      { v: 1, from: 'unconfirmed', to: 'scheduled', reason: null, date: null },
    ]);
    expect(repos.outbox.rows('p2').map((r) => r.change?.payload)).toEqual([{ v: 1, patch: { focDate: '2028-02-29' } }]);
    const { base, sent } = repos.ports.mergeBase('p1');
    expect([base?.fields.transferDate, base?.fields.focDate]).toEqual(['', '2026-05-01']);
    expect(sent?.map((v) => [v.fields.transferDate, v.fields.focDate])).toEqual([
      ['', ''],
      ['2026-03-01', '2024-02-29'],
    ]);
    const conflict = repos.conflicts.get('p1');
    expect([conflict?.local.fields.focDate, conflict?.remote.fields.transferDate, conflict?.remote.fields.focDate]).toEqual(['', '', '2026-10-01']);
    expect(repos.events.list('p1').map((e) => [e.kind, e.actor, e.message])).toEqual([
      ['edited', 'PortDesk', 'Queued change: Requested transfer date 2026-02-30 was not a real date and was cleared'],
      ['edited', 'PortDesk', 'Queued change: FOC date 2026-06-31 was not a real date and was cleared'],
      ['edited', 'PortDesk', 'Queued change: FOC date 2026-13-01 was not a real date and was cleared'],
      ['edited', 'PortDesk', 'Queued change: FOC date 2026-02-31 was not a real date and was cleared'],
      ['edited', 'PortDesk', 'Conflict, your version: FOC date 2026-09-31 was not a real date and was cleared'],
      ['edited', 'PortDesk', "Conflict, the remote's version: Requested transfer date 2026-11-31 was not a real date and was cleared"],
    ]);
    expect(repos.events.list('p2')).toEqual([]);
    repos.db.close();
  });

  it('keeps numbers in the table and one index of open numbers only (migration 21), and the partial-number search still finds them', () => {
    const file = join(tempDir(), 'v20.db');
    const old = openDatabase(file, { targetVersion: 20 });
    const indexes = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'numbers' ORDER BY name").pluck().all();
    expect(indexes(old)).toEqual(['numbers_e164', 'numbers_open_unique']);
    old.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES ('p1', 'Open', 'unconfirmed', 1, 1), ('p2', 'Done', 'completed', 1, 1)").run();
    old.prepare("INSERT INTO numbers (port_id, e164, open) VALUES ('p1', '+12025550100', 1), ('p2', '+13035550101', 0)").run();
    old.close();

    const db = openDatabase(file);
    // Every number written (a pull, an import) updates the table and this one index, not a second copy by e164.
    expect(indexes(db)).toEqual(['numbers_open_unique']);
    const repos = createRepos(db);
    expect(repos.numbers.matchesWithDigits('55501', 10)).toEqual([
      { portId: 'p1', e164: '+12025550100' },
      { portId: 'p2', e164: '+13035550101' },
    ]);
    // Open numbers are still one per port, and looked up by number through the index kept.
    expect(() => db.prepare("INSERT INTO numbers (port_id, e164, open) VALUES ('p2', '+12025550100', 1)").run()).toThrow(/UNIQUE/);
    expect(db.prepare("EXPLAIN QUERY PLAN SELECT port_id FROM numbers WHERE e164 = '+12025550100' AND open = 1").all()).toEqual(
      [expect.objectContaining({ detail: expect.stringContaining('numbers_open_unique') })],
    );
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

describe('which files the store opens, and how it says no', () => {
  const dump = (file: string): string => {
    const db = new Database(file, { readonly: true });
    try {
      return JSON.stringify(db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name").all());
    } finally {
      db.close();
    }
  };

  it("marks its own databases with PortDesk's application_id", () => {
    const file = join(tempDir(), 'own.db');
    openDatabase(file).close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(PORTDESK_APPLICATION_ID);
    raw.close();
  });

  it('adopts an existing PortDesk database from before the application_id', () => {
    const file = join(tempDir(), 'older.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma('application_id = 0');
    raw.close();
    const db = openDatabase(file);
    expect(db.pragma('application_id', { simple: true })).toBe(PORTDESK_APPLICATION_ID);
    db.close();
  });

  it.each([
    ['a plain application database', (raw: Database.Database) => raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)')],
    ['another program that also keeps schema_migrations', (raw: Database.Database) => raw.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL); INSERT INTO schema_migrations VALUES (1, 'create users', 0)")],
    ['another program with its own application_id', (raw: Database.Database) => raw.pragma('application_id = 1234')],
  ])('refuses %s, byte-identical and with its WAL left as it was', (_label, build) => {
    const file = join(tempDir(), 'accounting.sqlite');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    build(raw);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = readFileSync(file);
    const schemaBefore = dump(file);
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_FOREIGN', message: expect.stringMatching(/another program.*left untouched/) }));
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(dump(file)).toBe(schemaBefore);
  });

  it('says a folder is a folder, not EISDIR', () => {
    const dir = tempDir();
    expect(() => openDatabase(dir)).toThrow(expect.objectContaining({ code: 'FILE', message: expect.stringMatching(/is a folder, not a database file/), details: expect.objectContaining({ reason: 'directory' }) }));
  });

  it('says a full disk is full, never that the database is damaged', () => {
    const db = openDatabase(join(tempDir(), 'full.db'));
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let thrown: unknown;
    try {
      db.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES ('p', ?, 'unconfirmed', 1, 1)").run('x'.repeat(200_000));
    } catch (err) {
      thrown = err;
    }
    db.close();
    expect(isStorageFailure(thrown)).toBe(true);
    const said = storageError(thrown, 'the PortDesk database') as AppError;
    expect(said).toMatchObject({ code: 'FILE', details: { reason: 'disk-full' } });
    expect(said.message).toMatch(/is full\. Free some space/);
    expect(said.message).not.toMatch(/damaged|restore/);
  });

  it('says read-only storage is read-only, never that the database is damaged', () => {
    const file = join(tempDir(), 'ro.db');
    openDatabase(file).close();
    const ro = new Database(file, { readonly: true });
    let thrown: unknown;
    try {
      ro.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES ('p', 'x', 'unconfirmed', 1, 1)").run();
    } catch (err) {
      thrown = err;
    }
    ro.close();
    const said = storageError(thrown, file) as AppError;
    expect(said).toMatchObject({ code: 'FILE', details: { reason: 'read-only' } });
    expect(said.message).toMatch(/read-only media or no permission/);
    expect(said.message).not.toMatch(/damaged|restore/);
  });

  it('creates the database, its WAL and SHM owner-only (0600) whatever the umask', () => {
    const dir = tempDir();
    const file = join(dir, 'private.db');
    const old = process.umask(0o022);
    try {
      const db = openDatabase(file);
      db.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES ('p', 'x', 'unconfirmed', 1, 1)").run();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(f).mode & 0o777).toBe(0o600);
      db.close();
    } finally {
      process.umask(old);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/connection';
import { PortsService } from '../../../src/main/services/ports-service';
import { guessMapping } from '../../../src/main/import/columns';
import { parseDelimited } from '../../../src/main/import/csv';
import { parseWorkbook } from '../../../src/main/import/xlsx';
import { ViewDefinitionSchema } from '../../../src/shared/domain/views';
import type { ChangeEvent } from '../../../src/shared/rpc/events';
import { testContext } from '../../support/context';
import { cli } from '../../support/cli';
import { READY_FIELDS } from '../../support/port-fields';
import { tempDir } from '../../support/temp';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const DAY = 86_400_000;

describe('bulk edit', () => {
  it('sets a field on many ports in one transaction: one event and one queued change per changed port, locked ports skipped and named', () => {
    const { ports, repos, changes } = testContext();
    const drafts = Array.from({ length: 5 }, (_, i) => ports.create({ fields: { name: `Draft ${i}`, losingCarrier: i === 0 ? 'Lumen' : '' } }));
    const submitted = ports.create({ fields: { name: 'Sent', ...READY_FIELDS }, numbers: ['2025550142'] });
    ports.move(submitted.id, { to: 'submitted', force: true });
    const outboxBefore = repos.outbox.count();
    const seen: ChangeEvent[] = [];
    changes.subscribe((e) => seen.push(e));

    const ids = [...drafts.map((d) => d.id), submitted.id, 'gone'];
    const result = ports.bulkUpdate(ids.map((id) => ({ id, patch: { losingCarrier: 'Lumen' } })));

    expect(result.updated).toEqual(drafts.slice(1).map((d) => d.id));
    expect(result.unchanged).toEqual([drafts[0]!.id]);
    expect(result.skipped).toEqual([
      { id: submitted.id, name: 'Sent', reason: 'is submitted: only unconfirmed or rejected ports can be edited' },
      { id: 'gone', name: '', reason: 'no longer exists' },
    ]);
    expect(result.before).toEqual(drafts.slice(1).map((d) => ({ id: d.id, patch: { losingCarrier: '' } })));
    const queued = repos.outbox.list().slice(outboxBefore);
    expect(queued.map((o) => [o.portId, o.op, o.payload])).toEqual(drafts.slice(1).map((d) => [d.id, 'port.update', { v: 1, patch: { losingCarrier: 'Lumen' } }]));
    expect(ports.get(drafts[1]!.id).timeline.at(-1)).toMatchObject({ kind: 'edited', message: 'Edited: Losing carrier' });
    expect(ports.get(submitted.id).losingCarrier).toBe('Verizon');
    // One change event for the whole edit, so the window re-renders once.
    expect(seen).toEqual([{ type: 'ports', ids: result.updated, removed: [] }]);

    // Undo is the `before` edit: the old values come back, as one more queued change per port.
    const undo = ports.bulkUpdate(result.before);
    expect(undo.updated).toEqual(result.updated);
    expect(ports.list().filter((p) => p.losingCarrier === 'Lumen').map((p) => p.name).sort()).toEqual(['Draft 0']);
  });

  it('applies a pasted column: a different value per port, all or nothing when the store fails', () => {
    const { ports, repos, db } = testContext();
    const a = ports.create({ fields: { name: 'A' } });
    const b = ports.create({ fields: { name: 'B' } });
    const result = ports.bulkUpdate([
      { id: a.id, patch: { accountNumber: '0012' } },
      { id: b.id, patch: { accountNumber: '0034' } },
    ]);
    expect(result.updated).toEqual([a.id, b.id]);
    expect(ports.summaries([a.id, b.id]).map((p) => p.accountNumber).sort()).toEqual(['0012', '0034']);

    const before = repos.outbox.count();
    db.exec("CREATE TRIGGER refuse_b BEFORE UPDATE ON ports WHEN NEW.name = 'B' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => ports.bulkUpdate([{ id: a.id, patch: { pin: '1' } }, { id: b.id, patch: { pin: '2' } }])).toThrow(/disk full/);
    expect(repos.outbox.count()).toBe(before);
    expect(ports.get(a.id).pin).toBe('');
  });

  it('the router validates every patch like the detail form', async () => {
    const { ports, router } = testContext();
    const a = ports.create({ fields: { name: 'A' } });
    const refused = await router.call('ports.bulkUpdate', { edits: [{ id: a.id, patch: { focDate: '30/02/2026' } }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('edits.0.patch.focDate') } });
  });
});

describe('ageing', () => {
  it('knows when a port entered its state: from its moves and from the timeline pull writes', () => {
    let now = Date.UTC(2026, 10, 1);
    const ctx = testContext();
    const svc = new PortsService(ctx.repos, ctx.changes, { now: () => now });
    const entered = (id: string) => ctx.ports.summaries([id])[0]?.stateEnteredAt;
    const p = svc.create({ fields: { name: 'Aged', ...READY_FIELDS }, numbers: ['2025550111'] });
    expect(entered(p.id)).toBe(now);
    now += DAY;
    svc.update(p.id, { pin: '1234' }); // an edit leaves the clock alone
    expect(entered(p.id)).toBe(now - DAY);
    now += 2 * DAY;
    svc.move(p.id, { to: 'submitted', force: true });
    expect(entered(p.id)).toBe(now);
    // Pull sets the state and records the remote's move as a timeline event with its time.
    now += 5 * DAY;
    ctx.db.transaction(() => {
      ctx.db.prepare("UPDATE ports SET state = 'pending', updated_at = ? WHERE id = ?").run(now, p.id);
      ctx.db.prepare("INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor) VALUES (?, ?, 'state', 'submitted', 'pending', 'Moved to Pending on the remote', 'remote')").run(p.id, now - DAY);
    })();
    const s = ctx.ports.summaries([p.id])[0]!;
    expect(s.stateEnteredAt).toBe(now - DAY);
    expect(s.remoteChangedAt).toBe(now - DAY);
  });

  it('a database from before ageing takes the time from the timeline', () => {
    const file = join(tempDir(), 'v6.db');
    const old = openDatabase(file, { targetVersion: 6 });
    old.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES ('p1', 'Old', 'submitted', 1000, 9000)").run();
    old.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES ('p2', 'Quiet', 'unconfirmed', 2000, 2000)").run();
    old.prepare("INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor) VALUES ('p1', 5000, 'state', 'unconfirmed', 'submitted', 'Moved', 'you')").run();
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT id, state_entered_at AS at FROM ports ORDER BY id').all()).toEqual([{ id: 'p1', at: 5000 }, { id: 'p2', at: 2000 }]);
    db.close();
  });
});

describe('export', () => {
  async function seeded() {
    const ctx = testContext();
    const a = ctx.ports.create({ fields: { name: 'Acme – main office', ...READY_FIELDS, accountNumber: '000123', focDate: '2026-12-01', notificationEmails: ['ops@acme.test'] }, numbers: ['2025550100', '2025550101'] });
    const b = ctx.ports.create({ fields: { name: 'Acme – main office', ...READY_FIELDS, accountNumber: '000123', losingCarrier: 'Lumen' }, numbers: ['2025550102'] });
    ctx.tags.set({ portIds: [a.id], add: ['vip'] });
    return { ctx, a, b };
  }

  it('writes ports in the order given, in a shape the import maps without help (CSV and XLSX)', async () => {
    const { ctx, a, b } = await seeded();
    const csv = await ctx.exports.export({ format: 'csv', perNumber: false, source: { ids: [b.id, a.id] } });
    expect(csv).toMatchObject({ ports: 2, rows: 2, fileName: expect.stringMatching(/^portdesk-ports-\d{4}-\d\d-\d\d\.csv$/) });
    const table = parseDelimited(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    expect(table.rows.map((r) => r.cells[1])).toEqual(['+12025550102', '+12025550100, +12025550101']);
    const mapping = guessMapping(table);
    const mapped = Object.fromEntries(table.headers.map((h, i) => [h, mapping.fields[i]]));
    expect(mapped).toEqual({
      Name: 'name', Numbers: 'number', 'Account name': 'accountName', 'Billing name': 'billingName', 'Authorized person': 'authorizedPerson', BTN: 'billingPhone',
      'Street number': 'streetNumber', 'Pre-direction': 'streetPreDir', Street: 'street', 'Street type': 'streetType', 'Post-direction': 'streetPostDir', 'Address 2': 'extendedAddress', City: 'locality', 'State/Province': 'region', 'Postal code': 'postalCode', Country: 'country',
      'Losing carrier': 'losingCarrier', 'Winning carrier': 'winningCarrier', 'Account number': 'accountNumber', PIN: 'pin', 'Transfer date': 'transferDate',
      'FOC date': 'focDate', 'Notification emails': 'notificationEmails', 'Reference number': 'referenceNumber', 'Customer reference': 'customerReference',
      Status: null, 'Remote status': null, 'Days in status': null, Sync: null, Tags: null, 'PortDesk port': null,
    });
    // Two ports of the same name stay two ports.
    expect(table.headers[mapping.groupBy ?? -1]).toBe('PortDesk port');

    const xlsx = await ctx.exports.export({ format: 'xlsx', perNumber: true, source: { ids: [a.id, b.id] } });
    const book = await parseWorkbook(new Uint8Array(xlsx.bytes));
    if (!book.ok) throw new Error(book.error.message);
    expect(book.table.headers[1]).toBe('Number');
    const accountColumn = book.table.headers.indexOf('Account number');
    expect(book.table.rows.map((r) => [r.cells[1], r.cells[accountColumn]])).toEqual([['+12025550100', '000123'], ['+12025550101', '000123'], ['+12025550102', '000123']]);
  });

  it('re-imports into an empty store as the same ports with the same numbers and fields', async () => {
    const { ctx } = await seeded();
    const file = await ctx.exports.export({ format: 'csv', perNumber: true, source: { ids: ctx.ports.list().map((p) => p.id) } });
    const fresh = testContext();
    const status = await fresh.imports.preview({ source: { kind: 'file', bytes: new Uint8Array(file.bytes), name: file.fileName }, country: 'US', target: { kind: 'group' } });
    expect(status.state).toBe('ready');
    await fresh.imports.commit(status.jobId);
    const shape = (c: typeof ctx) =>
      c.ports
        .list()
        .map((p) => [p.name, c.ports.get(p.id).numbers.map((n) => n.e164).join(' '), p.losingCarrier, p.accountNumber, p.focDate, p.notificationEmails.join(',')])
        .sort();
    expect(shape(fresh)).toEqual(shape(ctx));
  });

  it('CLI: ports list --view NAME as a table, CSV on standard output and XLSX to a file', async () => {
    const { ctx, a } = await seeded();
    ctx.views.save('Lumen', ViewDefinitionSchema.parse({ filter: { query: 'lumen' }, sort: { key: 'name', dir: 'asc' } }));
    ctx.close();
    const db = ['--db', ctx.dbPath];
    const table = await cli([...db, 'ports', 'list', '--view', 'lumen']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('Lumen');
    expect(table.stdout.match(/Acme – main office/g)).toHaveLength(1);
    const csv = await cli([...db, 'ports', 'list', '--view', 'FOC next 7 days', '--format', 'csv', '--per-number']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^Name,Number,/);
    const out = join(tempDir(), 'all.xlsx');
    const xlsx = await cli([...db, 'ports', 'list', '--format', 'xlsx', '--out', out]);
    expect(xlsx).toMatchObject({ code: 0, stdout: `Wrote 2 row(s) for 2 port(s) to ${out}` });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const missing = await cli([...db, 'ports', 'list', '--view', 'nope', '--format', 'csv']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No view named "nope"');
    expect(a.id).toBeTruthy();
  });
});

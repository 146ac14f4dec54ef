import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../../support/cli';
import { tempDir } from '../../support/temp';
import { testContext } from '../../support/context';

const HOSTILE_NAME = '\u001b[31mRED\u001b[0m Acme\u0000 \u202Eevil\u202C \ud800';

describe('hostile text is cleaned on the way in and escaped on the way out', () => {
  it('RPC stores a port name without escapes, NUL, bidi overrides or lone surrogates', async () => {
    const ctx = testContext();
    const res = await ctx.router.call('ports.create', { fields: { name: HOSTILE_NAME, street: 'Main\r\nSt\u0007' } });
    expect(res).toMatchObject({ ok: true, value: { name: 'RED Acme evil \ufffd', street: 'Main  St' } });
  });

  it.each(['\u200b\u200b', '\u200d', '\u202e', '\u0000'])('RPC refuses a name %j that is nothing visible', async (name) => {
    const ctx = testContext();
    const res = await ctx.router.call('ports.create', { fields: { name } });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Invalid ports.create request: fields.name: is required' } });
    expect(ctx.ports.list({})).toEqual([]);
  });

  it('a comment keeps its lines but loses its escapes', async () => {
    const ctx = testContext();
    const port = ctx.ports.create({ fields: { name: 'P' } });
    const res = await ctx.router.call('comments.add', { portId: port.id, body: 'line one\r\n\u001b[2Jline two' });
    expect(res).toMatchObject({ ok: true, value: { body: 'line one\nline two' } });
  });

  it('portdesk ports list never prints a raw ESC, even for a name stored by an older version', async () => {
    const dir = tempDir();
    const db = join(dir, 'pd.db');
    expect((await cli(['--db', db, 'ports', 'create', '--name', HOSTILE_NAME])).code).toBe(0);
    // Straight into the table, as an older PortDesk could have stored it.
    const ctx = (await import('../../../src/main/db/connection')).openDatabase(db);
    ctx.prepare('UPDATE ports SET name = ?').run('\u001b[31mRAW\u001b[0m \u202Eabc');
    ctx.close();
    const listed = await cli(['--db', db, 'ports', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toMatch(/[\u001b\u202e]/);
    expect(listed.stdout).toContain('\\u001b[31mRAW\\u001b[0m \\u202eabc');
    const json = await cli(['--db', db, '--json', 'ports', 'list']);
    expect(json.stdout).not.toMatch(/[\u001b\u202e]/);
    expect((JSON.parse(json.stdout) as { name: string }[])[0]?.name).toBe('\u001b[31mRAW\u001b[0m \u202eabc');
  });

  it('a CSV import cleans its cells: field values and the group names that become port names', async () => {
    const dir = tempDir();
    const db = join(dir, 'pd.db');
    const csv = join(dir, 'hostile.csv');
    writeFileSync(csv, `number,customer,street\n2025550143,"\u001b[31mAcme\u202E",Main\u0007 St\n2025550144,"\u001b[31mAcme\u202E",Main St\n`);
    const res = await cli(['--db', db, '--json', 'import', csv, '--group-by', 'customer']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const listed = await cli(['--db', db, '--json', 'ports', 'list']);
    const ports = JSON.parse(listed.stdout) as { name: string }[];
    expect(ports.map((p) => p.name)).toEqual(['Acme']);
  });
});

describe('import --group-by', () => {
  it('groups by the named column even when the guesser proposed no grouping', async () => {
    const dir = tempDir();
    const db = join(dir, 'pd.db');
    const csv = join(dir, 'codes.csv');
    // "ref" holds values the guesser does not take for a customer column.
    const rows = Array.from({ length: 30 }, (_, i) => `20255501${String(i).padStart(2, '0')},R${i % 3}`);
    writeFileSync(csv, `number,ref\n${rows.join('\n')}\n`);
    const res = await cli(['--db', db, '--json', 'import', csv, '--group-by', 'ref']);
    expect(res.stderr).toBe('');
    const report = JSON.parse(res.stdout) as { imported: { ports: { name: string; numbers: number }[] } };
    expect(report.imported.ports.map((p) => [p.name, p.numbers]).sort()).toEqual([['R0', 10], ['R1', 10], ['R2', 10]]);
  });
});

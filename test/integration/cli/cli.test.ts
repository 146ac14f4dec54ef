import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tableCounts as counts } from '../../support/cli';
import { tempDir } from '../../support/temp';


describe('portdesk CLI', () => {
  it('creates, lists, shows, adds numbers and moves with --json output', async () => {
    const db = join(tempDir(), 'cli.db');
    const created = await cli(['--db', db, '--json', 'ports', 'create', '--name', 'Acme', '--number', '2025550143']);
    expect(created.code).toBe(0);
    const port = JSON.parse(created.stdout) as { id: string; numbers: { e164: string }[] };
    expect(port.numbers).toEqual([{ e164: '+12025550143', status: '', carrier: '' }]);

    const added = await cli(['numbers', 'add', port.id, '+1 (202) 555-0176', '202.555.0199', '--db', db]);
    expect(added).toMatchObject({ code: 0, stdout: 'Added 2 number(s)' });

    const list = await cli(['--db', db, 'ports', 'list', '--state', 'unconfirmed', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: port.id, numberCount: 3 }]);

    const commented = await cli(['--db', db, 'ports', 'comment', port.id, 'LOA signed,\nbill next week', '--action-required']);
    expect(commented).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^Added comment \\S+ to ${port.id}$`)) as unknown });
    const both = await cli(['--db', db, 'ports', 'comment', port.id, 'call me', '--private', '--action-required']);
    expect(both).toMatchObject({ code: 1, stderr: expect.stringMatching(/^portdesk: A private comment cannot also be action required$/) as unknown });
    const empty = await cli(['--db', db, 'ports', 'comment', port.id, '   ']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^portdesk: Invalid comments.add request: body: is required$/);

    const show = await cli(['--db', db, 'ports', 'show', port.id]);
    expect(show.stdout).toContain('+12025550199');
    expect(show.stdout).toMatch(/comments \(1\):\n {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}\S+ \[action required\]: LOA signed, bill next week/);

    expect((await cli(['--db', db, 'ports', 'move', port.id, 'canceled'])).stdout).toBe(`Moved ${port.id} "Acme" to canceled`);
    expect((await cli(['--db', db, 'ports', 'delete', port.id])).code).toBe(0);
  });

  it('uses PORTDESK_DB when --db is absent', async () => {
    const db = join(tempDir(), 'env.db');
    expect((await cli(['ports', 'create', '--name', 'Env'], { PORTDESK_DB: db })).code).toBe(0);
    expect(counts(db).ports).toBe(1);
  });

  it.each([
    [['frobnicate'], 2, /^portdesk: unknown command 'frobnicate'$/],
    [['ports', 'list', '--state', 'done'], 2, /^portdesk: option '--state <state>' argument 'done' is invalid/],
    [['ports', 'create'], 2, /^portdesk: required option '--name <name>' not specified$/],
    [['ports', 'move', 'nope', 'sideways'], 1, /^portdesk: Invalid ports.move request: to: /],
    [['ports', 'create', '--name', 'X', '--number', '2025550143', '--number', '555'], 1, /^portdesk: Number "555" is too short/],
  ])('%j exits %i with one clear line and writes nothing', async (args, code, message) => {
    const db = join(tempDir(), 'err.db');
    const result = await cli(['--db', db, ...args]);
    expect(result.code).toBe(code);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    if (existsSync(db)) expect(counts(db)).toEqual({ ports: 0, numbers: 0, outbox: 0 });
  });

  it('refuses a corrupt database file with a clear line', async () => {
    const dir = tempDir();
    const db = join(dir, 'bad.db');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(db, 'not a database');
    const result = await cli(['--db', db, 'ports', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not a PortDesk database/);
  });
});

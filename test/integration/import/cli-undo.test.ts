import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/connection';
import { cli, tableCounts as counts } from '../../support/cli';
import { tempDir } from '../../support/temp';

const CSV = 'Customer,Number\nAcme,202-555-0100\nAcme,202-555-0101\nGlobex,2025550102\n';

interface Imported {
  imported: { batchId: string; numbers: number };
}

async function importFile(db: string, dir: string, name: string, text = CSV): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const result = await cli(['--db', db, '--json', 'import', file, '--group-by', 'Customer']);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as Imported).imported.batchId;
}

/** What a push does to the outbox: the sync engine removes the row once the remote acknowledged it. */
function markOnePushed(dbPath: string): void {
  const db = openDatabase(dbPath);
  db.prepare('DELETE FROM outbox WHERE seq = (SELECT MIN(seq) FROM outbox)').run();
  db.close();
}

describe('portdesk import undo / list', () => {
  it('prints the import id, and undo with it removes the whole import', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const file = join(dir, 'numbers.csv');
    writeFileSync(file, CSV);
    const imported = await cli(['--db', db, 'import', file, '--group-by', 'Customer']);
    const id = /Import id ([0-9a-f-]{36}) \(undo: portdesk import undo \1\)/.exec(imported.stdout)?.[1];
    expect(id).toBeDefined();
    expect(counts(db)).toEqual({ ports: 2, numbers: 3, outbox: 2 });

    const undone = await cli(['--db', db, 'import', 'undo', id!]);
    expect(undone).toMatchObject({ code: 0, stdout: 'Import undone: 2 port(s) and 3 number(s) removed' });
    expect(counts(db)).toEqual({ ports: 0, numbers: 0, outbox: 0 });

    const again = await cli(['--db', db, 'import', 'undo', id!]);
    expect(again).toMatchObject({ code: 1, stderr: `portdesk: The import of ${basename(file)} was already undone` });
  });

  it('refuses with one line once anything of the batch was pushed, and changes nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const batchId = await importFile(db, dir, 'pushed.csv');
    markOnePushed(db);
    const before = counts(db);
    const result = await cli(['--db', db, 'import', 'undo', batchId]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^portdesk: Cannot undo the import of .*pushed\.csv: "(Acme|Globex)" has already been sent to its remote; edit or cancel the ports instead$/);
    expect(counts(db)).toEqual(before);
  });

  it('refuses an unknown id with one line', async () => {
    const db = join(tempDir(), 'cli.db');
    const result = await cli(['--db', db, 'import', 'undo', 'no-such-import']);
    expect(result).toMatchObject({ code: 1, stderr: 'portdesk: No import with id no-such-import' });
  });

  it('--json undo reports what was removed', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const batchId = await importFile(db, dir, 'json.csv');
    const result = await cli(['--db', db, '--json', 'import', 'undo', batchId]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { batchId: string; removedPorts: string[]; changedPorts: string[]; removedNumbers: number };
    expect(report).toMatchObject({ batchId, changedPorts: [], removedNumbers: 3 });
    expect(report.removedPorts).toHaveLength(2);
  });

  it('lists recent imports newest first, with whether each can still be undone', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    expect((await cli(['--db', db, 'import', 'list'])).stdout).toBe('No imports yet');
    const first = await importFile(db, dir, 'first.csv');
    markOnePushed(db);
    // Other numbers: those of the first import are on open ports now.
    const second = await importFile(db, dir, 'second.csv', 'Customer,Number\nInitech,202-555-0150\n');

    const json = await cli(['--db', db, '--json', 'import', 'list']);
    type Item = { portId: string; name: string | null; created: boolean; numbers: number };
    const batches = JSON.parse(json.stdout) as { batchId: string; source: string; ports: number; numbers: number; undoneAt: number | null; undoRefused: string | null; items: Item[] }[];
    expect(batches.map((b) => b.batchId)).toEqual([second, first]);
    expect(batches[0]).toMatchObject({ source: 'second.csv', ports: 1, numbers: 1, undoneAt: null, undoRefused: null });
    expect(batches[1]).toMatchObject({ source: 'first.csv', ports: 2, numbers: 3, undoneAt: null });
    expect(batches[1]!.undoRefused).toMatch(/has already been sent to its remote/);
    // What each import created: its ports, by name, with their numbers.
    expect(batches[0]!.items).toEqual([expect.objectContaining({ name: 'Initech', created: true, numbers: 1 })]);
    expect(batches[1]!.items.map((i) => [i.name, i.created, i.numbers]).sort()).toEqual([['Acme', true, 2], ['Globex', true, 1]]);

    const text = await cli(['--db', db, 'import', 'list', '--limit', '1']);
    expect(text.stdout.split('\n')).toHaveLength(1);
  });
});

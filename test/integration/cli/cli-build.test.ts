import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliBuildIsCurrent, CLI_DIR, CLI_ENTRY, ROOT } from '../../../scripts/lib/build-cli.mjs';
import { BIN, ensureCliBuilt } from '../../support/cli-built';
import { tempDir } from '../../support/temp';

describe('the built CLI', () => {
  beforeAll(ensureCliBuilt, 120_000);

  it('is current until a bundled source changes, by the list of sources the build wrote', () => {
    const { sources } = JSON.parse(readFileSync(join(CLI_DIR, 'sources.json'), 'utf8')) as { sources: Array<[string, number]> };
    // The code-cache runner is copied into out/cli: it counts as a source too.
    expect(sources.map(([path]) => path)).toEqual(expect.arrayContaining(['src/main/cli/program.ts', 'src/main/import/xlsx.ts', 'scripts/lib/run-cached.cjs']));
    expect(sources.some(([path]) => path.includes('node_modules'))).toBe(false);
    expect(cliBuildIsCurrent()).toBe(true);
    // The stamp is changed rather than a source's mtime: a Date written back with utimes can land
    // a millisecond off the original (floating-point seconds) and leave the build stale for good.
    const stamp = join(CLI_DIR, 'sources.json');
    const original = readFileSync(stamp, 'utf8');
    try {
      // Older or newer: any other mtime is a change (a checkout sets either).
      writeFileSync(stamp, JSON.stringify({ format: 2, sources: sources.map(([path, mtime]) => [path, path === 'src/main/cli/format.ts' ? mtime - 60_000 : mtime]) }));
      expect(cliBuildIsCurrent()).toBe(false);
      // A build of the layout before (a bare list; its worker.js ran a runner gone since) is not current either.
      writeFileSync(stamp, JSON.stringify(sources));
      expect(cliBuildIsCurrent()).toBe(false);
    } finally {
      writeFileSync(stamp, original);
    }
    expect(cliBuildIsCurrent()).toBe(true);
  });

  it('is ASCII only, so each script loads as a one-byte string (a dash in one regular expression made the whole 1 MB two bytes a character)', () => {
    for (const file of [CLI_ENTRY, join(CLI_DIR, 'import-worker.cjs')]) {
      const text = readFileSync(file, 'latin1');
      const at = text.search(/[^\x00-\x7f]/);
      expect(at < 0 ? '' : `${file}: ${text.slice(Math.max(0, at - 40), at + 10)}`).toBe('');
    }
  });

  it('runs as one CommonJS script with a code cache written beside it, and still starts its import worker, cached too', () => {
    const workerCache = join(CLI_DIR, 'import-worker.cjs.cache');
    rmSync(`${CLI_ENTRY}.cache`, { force: true });
    rmSync(workerCache, { force: true });
    const db = join(tempDir(), 'built.db');
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, '--db', db, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, PORTDESK_CLI_FROM_SOURCE: '' } });
    expect(run('ports', 'list')).toMatchObject({ status: 0, stdout: 'No port requests.\n' });
    expect(existsSync(`${CLI_ENTRY}.cache`)).toBe(true);
    expect(run('ports', 'list')).toMatchObject({ status: 0, stdout: 'No port requests.\n' });
    const csv = join(tempDir(), 'n.csv');
    writeFileSync(csv, 'Customer,Number\nAcme,2025550100\n');
    const imported = run('import', csv, '--group-by', 'Customer');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/Imported 1 number\(s\) into 1 port\(s\): "Acme"/);
    expect(existsSync(workerCache)).toBe(true);
    expect(run('import', csv, '--group-by', 'Customer', '--dry-run')).toMatchObject({ status: 0 });
  });
});

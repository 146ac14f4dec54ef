import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/build-cli.mjs';
import { BIN, ensureCliBuilt } from '../support/cli-built';
import type { BenchResult } from './harness';

const RUNS = 11;
const TARGET_MS = 300;

/** Median wall time of `node ARGS` over RUNS runs, after one warm-up (file cache). */
function medianMs(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
    if (i > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * `portdesk ports list` on an empty database, as installed (bin/portdesk.cjs running the built
 * out/cli), against two baselines: starting Node with nothing to do, and starting Node to open the
 * same database with better-sqlite3 and read from it. The target is on the value itself.
 */
export async function benchCli(): Promise<BenchResult[]> {
  await ensureCliBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-bench-cli-'));
  try {
    const db = join(dir, 'cli.db');
    const value = medianMs([BIN, '--db', db, 'ports', 'list']);
    const bare = medianMs(['-e', '']);
    const openDb = medianMs(['-e', `new (require('better-sqlite3'))(${JSON.stringify(db)}).prepare('SELECT COUNT(*) FROM ports').get()`]);
    const target = { target: `value <= ${TARGET_MS} ms`, met: value <= TARGET_MS };
    const name = `CLI start: portdesk ports list on an empty database, median of ${RUNS}`;
    return [
      { name: `${name} (vs node -e '')`, value, unit: 'ms', baseline: bare, ratio: value / bare, ...target },
      { name: `${name} (vs node opening the database alone)`, value, unit: 'ms', baseline: openDb, ratio: value / openDb, ...target },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

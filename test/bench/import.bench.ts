import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { createAppContext, type AppContext } from '../../src/main/app-context';
import { ensureCliBuilt } from '../support/cli-built';
import { cliImport } from './cli-run';
import { ratioAtMost, watchEventLoop, type BenchResult } from './harness';

const ROWS = 100_000;
const CUSTOMERS = 37;
const FORMATS = [
  (a: string, b: string, c: string) => `(${a}) ${b}-${c}`,
  (a: string, b: string, c: string) => `${a}.${b}.${c}`,
  (a: string, b: string, c: string) => `+1 ${a} ${b} ${c}`,
  (a: string, b: string, c: string) => `${a}${b}${c}`,
  (a: string, b: string, c: string) => `1-${a}-${b}-${c}`,
];

/**
 * A 100k-row CSV as customers send it: numbers in five formats, 5% invalid (too short or an
 * impossible area code), 2% repeating an earlier row, spread over 37 customers.
 */
export function generateCsv(rows = ROWS): { csv: string; cells: string[]; customers: string[] } {
  const cells: string[] = [];
  const customers: string[] = [];
  const lines = ['Customer,Phone Number,Carrier,Account Number'];
  for (let i = 0; i < rows; i++) {
    let cell: string;
    if (i % 20 === 7) cell = i % 40 === 7 ? `202-555-${i % 1000}` : `(011) 555-${String(i % 10_000).padStart(4, '0')}`;
    else if (i % 50 === 13 && i > 100) cell = cells[i - 100]!;
    else {
      const exchange = String(200 + Math.floor(i / 10_000) * 7).padStart(3, '0');
      cell = FORMATS[i % FORMATS.length]!('202', exchange, String(i % 10_000).padStart(4, '0'));
    }
    const customer = `Customer ${i % CUSTOMERS}`;
    cells.push(cell);
    customers.push(customer);
    lines.push(`${customer},"${cell}",Carrier ${i % 3},A-${i % CUSTOMERS}`);
  }
  return { csv: lines.join('\n'), cells, customers };
}

const PREVIEW_BUDGET_MS = 300;

/** Time from starting an import until its status carries the first rows to show (then cancelled). */
async function timeToFirstRows(ctx: AppContext, bytes: Uint8Array): Promise<number> {
  const started = performance.now();
  const { jobId } = ctx.imports.start({ source: { kind: 'file', name: 'bench.csv', bytes }, country: 'US', target: { kind: 'group' } });
  for (let i = 0; i < 2000; i++) {
    if ((await ctx.imports.status(jobId)).table) break;
    await new Promise((r) => setTimeout(r, 1));
  }
  const elapsed = performance.now() - started;
  ctx.imports.cancel(jobId);
  return elapsed;
}

function peakRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

const MILLION = 1_000_000;
const RSS_BUDGET_MB = 500;
const LAG_BUDGET_MS = 100;
/** `PORTDESK_BENCH_IMPORT=100k` runs only the 100k figures (seconds rather than minutes: no 1M or 50 MB runs). */
const ONLY_100K = process.env.PORTDESK_BENCH_IMPORT === '100k';

/**
 * The baseline of the import figures: read the file, parse each number cell with
 * libphonenumber-js, insert the valid ones with raw better-sqlite3 (one transaction) into the
 * same schema. Nothing else: no duplicates, groups, events or outbox.
 */
function rawImport(file: string, dbPath: string): number {
  const started = performance.now();
  const lines = readFileSync(file, 'utf8').split('\n');
  const parsed: Array<{ e164: string; customer: string }> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const customer = line.slice(0, line.indexOf(','));
    const cell = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
    const n = parsePhoneNumberFromString(cell, 'US');
    if (n?.isValid()) parsed.push({ e164: n.number, customer });
  }
  rawInsert(dbPath, parsed);
  return performance.now() - started;
}

/** The baseline's insert: one port per customer and the valid numbers, raw better-sqlite3, one transaction. */
function rawInsert(dbPath: string, parsed: ReadonlyArray<{ e164: string; customer: string }>): void {
  const schema = createAppContext({ dbPath, shell: 'cli', backgroundSync: false });
  schema.close();
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const port = db.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES (?, ?, 'unconfirmed', 0, 0)");
  const number = db.prepare("INSERT OR IGNORE INTO numbers (port_id, e164, status, carrier, open) VALUES (?, ?, '', '', 1)");
  db.transaction(() => {
    for (let c = 0; c < CUSTOMERS; c++) port.run(`Customer ${c}`, `Customer ${c}`);
    for (const p of parsed) number.run(p.customer, p.e164);
  })();
  db.close();
}

/** The peak RSS issue 16 states for a 50 MB CSV (docs/import.md). */
const FIFTY_MB_RSS_BUDGET_MB = 500;

/**
 * Issue 16's memory figure: a 50 MB CSV (a million rows as customers send them, with a service
 * address column; under the 1,048,576-row limit) imported to committed by the CLI, its peak RSS
 * against the same CLI importing 1,000 rows of the same kind in the same run (the process floor:
 * node, the worker thread, SQLite).
 */
async function benchFiftyMbRss(dir: string): Promise<BenchResult> {
  await ensureCliBuilt();
  const write = (name: string, rows: number) => {
    const { csv } = generateCsv(rows);
    // The generator's rows are ~43 bytes; an address column brings a million of them to 50 MB.
    const text = `${csv.replace(/\n/g, ',1 Main St\n')},1 Main St`.replace(/^([^\n]*),1 Main St/, '$1,Service Address');
    writeFileSync(join(dir, name), text);
    return { path: join(dir, name), mb: Buffer.byteLength(text) / (1024 * 1024) };
  };
  const floorFile = write('rows-1k.csv', 1_000);
  const floor = await cliImport(floorFile.path, join(dir, 'cli-1k.db'));
  const big = write('csv-50mb.csv', MILLION);
  const run = await cliImport(big.path, join(dir, 'cli-50mb.db'));
  return {
    name: `import a ${big.mb.toFixed(0)} MB CSV (1M rows) via the CLI: peak RSS of the process vs a 1,000-row import (${Math.round(run.ms / 1000)} s)`,
    value: run.peakRssMb,
    unit: 'MB',
    baseline: floor.peakRssMb,
    ratio: run.peakRssMb / floor.peakRssMb,
    target: `value <= ${FIFTY_MB_RSS_BUDGET_MB} MB`,
    met: run.peakRssMb <= FIFTY_MB_RSS_BUDGET_MB,
  };
}

/**
 * File to committed through the CLI: 100k rows against the raw baseline (same file, same run),
 * then 1M rows (the same generator) against ten times the 100k figure, with the peak RSS of the
 * whole CLI process (main thread, worker, SQLite).
 */
async function benchCliImport(dir: string, csv100k: string): Promise<BenchResult[]> {
  await ensureCliBuilt();
  const small = join(dir, 'rows-100k.csv');
  writeFileSync(small, csv100k);
  const cli = await cliImport(small, join(dir, 'cli-100k.db'));
  const raw = rawImport(small, join(dir, 'raw-100k.db'));
  const ratio = ratioAtMost('import 100k-row CSV file to committed via the CLI (process start included) vs parse + raw insert', cli.ms, raw, 'ms', 1);
  if (ONLY_100K) return [ratio];
  const large = join(dir, 'rows-1m.csv');
  writeFileSync(large, generateCsv(MILLION).csv);
  const million = await cliImport(large, join(dir, 'cli-1m.db'));
  const perRow = million.ms / cli.ms;
  return [
    ratio,
    { name: `import 1M-row CSV via the CLI vs the 100k figure (${Math.round(million.ms / 1000)} s)`, value: million.ms, unit: 'ms', baseline: cli.ms, ratio: perRow, target: 'ratio <= 12', met: perRow <= 12 },
    { name: 'import 1M-row CSV via the CLI: peak RSS of the process vs the 100k run', value: million.peakRssMb, unit: 'MB', baseline: cli.peakRssMb, ratio: million.peakRssMb / cli.peakRssMb, target: `value <= ${RSS_BUDGET_MB} MB`, met: million.peakRssMb <= RSS_BUDGET_MB },
  ];
}

/**
 * Import a generated 100k-row CSV through the ImportService the UI uses (worker parse,
 * normalise, dedupe against the file and the database, group, one-transaction commit with
 * outbox rows) vs a baseline of libphonenumber-js parsing the same cells plus a raw
 * better-sqlite3 insert of the same rows. Peak RSS is sampled during the service run, and the
 * event loop (the one that serves the window in the app) is watched for its longest block.
 */
export async function benchImport(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-bench-import-'));
  try {
    const { csv, cells, customers } = generateCsv();
    const bytes = new TextEncoder().encode(csv);

    const ctx = createAppContext({ dbPath: join(dir, 'service.db'), shell: 'cli', backgroundSync: false });
    const firstRows = await timeToFirstRows(ctx, bytes);
    const idle = watchEventLoop();
    await new Promise((r) => setTimeout(r, 500));
    const idleLag = idle.stop();
    const rssBefore = process.memoryUsage().rss;
    const stopPeak = peakRss();
    const lag = watchEventLoop();
    const started = performance.now();
    const status = await ctx.imports.preview({ source: { kind: 'file', name: 'bench.csv', bytes }, country: 'US', target: { kind: 'group' } });
    const previewed = performance.now();
    const previewLag = lag.stop();
    const commitLag = watchEventLoop();
    const result = await ctx.imports.commit(status.jobId);
    const service = performance.now() - started;
    await new Promise((r) => setTimeout(r, 20));
    const worstCommit = commitLag.stop();
    const peak = stopPeak();
    ctx.close();
    if (result.numbers < ROWS * 0.9) throw new Error(`bench import wrote only ${result.numbers} numbers`);
    const baseStarted = performance.now();
    const parsed: Array<{ e164: string; customer: string }> = [];
    cells.forEach((cell, i) => {
      const n = parsePhoneNumberFromString(cell, 'US');
      if (n?.isValid()) parsed.push({ e164: n.number, customer: customers[i]! });
    });
    rawInsert(join(dir, 'raw.db'), parsed);
    const baseline = performance.now() - baseStarted;

    const mb = (n: number) => n / (1024 * 1024);
    return [
      ratioAtMost(`import 100k-row CSV via ImportService (preview ${Math.round(previewed - started)} ms + commit ${Math.round(service - (previewed - started))} ms; ${result.numbers} numbers, ${result.ports.length} ports)`, service, baseline, 'ms', 2.5),
      ratioAtMost('first preview rows of the 100k-row CSV after import.start vs the 300 ms budget', firstRows, PREVIEW_BUDGET_MS, 'ms', 1),
      { name: 'import peak RSS during the service run (delta over the start)', value: mb(peak - rssBefore), unit: 'MB', baseline: mb(rssBefore), ratio: peak / rssBefore },
      lagResult('event loop: longest block while previewing the 100k-row import (vs idle)', previewLag, idleLag),
      lagResult('event loop: longest block while committing the 100k-row import (vs idle)', worstCommit, idleLag),
      ...(await benchCliImport(dir, csv)),
      ...(ONLY_100K ? [] : [await benchFiftyMbRss(dir)]),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lagResult(name: string, value: number, idle: number): BenchResult {
  return { name, value, unit: 'ms', baseline: idle, ratio: value / Math.max(idle, 1), target: `value <= ${LAG_BUDGET_MS} ms`, met: value <= LAG_BUDGET_MS };
}

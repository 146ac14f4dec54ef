import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { createAppContext, type AppContext } from '../../src/main/app-context';
import { ratioAtMost, type BenchResult } from './harness';

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

/**
 * Import a generated 100k-row CSV through the ImportService the UI uses (worker parse,
 * normalise, dedupe against the file and the database, group, one-transaction commit with
 * outbox rows) vs a baseline of libphonenumber-js parsing the same cells plus a raw
 * better-sqlite3 insert of the same rows. Peak RSS is sampled during the service run.
 */
export async function benchImport(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-bench-import-'));
  try {
    const { csv, cells, customers } = generateCsv();
    const bytes = new TextEncoder().encode(csv);

    const ctx = createAppContext({ dbPath: join(dir, 'service.db'), shell: 'cli', backgroundSync: false });
    const firstRows = await timeToFirstRows(ctx, bytes);
    const rssBefore = process.memoryUsage().rss;
    const stopPeak = peakRss();
    const started = performance.now();
    const status = await ctx.imports.preview({ source: { kind: 'file', name: 'bench.csv', bytes }, country: 'US', target: { kind: 'group' } });
    const previewed = performance.now();
    const result = ctx.imports.commit(status.jobId);
    const service = performance.now() - started;
    const peak = stopPeak();
    ctx.close();
    if (result.numbers < ROWS * 0.9) throw new Error(`bench import wrote only ${result.numbers} numbers`);

    const baseStarted = performance.now();
    const parsed: Array<{ e164: string; customer: string }> = [];
    cells.forEach((cell, i) => {
      const n = parsePhoneNumberFromString(cell, 'US');
      if (n?.isValid()) parsed.push({ e164: n.number, customer: customers[i]! });
    });
    const rawCtx = createAppContext({ dbPath: join(dir, 'raw.db'), shell: 'cli', backgroundSync: false });
    rawCtx.close();
    const db = new Database(join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const port = db.prepare("INSERT INTO ports (id, name, state, created_at, updated_at) VALUES (?, ?, 'unconfirmed', 0, 0)");
    const number = db.prepare("INSERT OR IGNORE INTO numbers (port_id, e164, status, carrier, open) VALUES (?, ?, '', '', 1)");
    db.transaction(() => {
      for (let c = 0; c < CUSTOMERS; c++) port.run(`Customer ${c}`, `Customer ${c}`);
      for (const p of parsed) number.run(p.customer, p.e164);
    })();
    db.close();
    const baseline = performance.now() - baseStarted;

    const mb = (n: number) => n / (1024 * 1024);
    return [
      ratioAtMost(`import 100k-row CSV via ImportService (preview ${Math.round(previewed - started)} ms + commit ${Math.round(service - (previewed - started))} ms; ${result.numbers} numbers, ${result.ports.length} ports)`, service, baseline, 'ms', 2.5),
      ratioAtMost('first preview rows of the 100k-row CSV after import.start vs the 300 ms budget', firstRows, PREVIEW_BUDGET_MS, 'ms', 1),
      { name: 'import peak RSS during the service run (delta over the start)', value: mb(peak - rssBefore), unit: 'MB', baseline: mb(rssBefore), ratio: peak / rssBefore },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

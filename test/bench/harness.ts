import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One measured figure, with the baseline measured in the same run and their ratio. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  /** Human description of the target, e.g. "ratio <= 2". */
  target?: string;
  /** Whether the target is met (undefined when there is none). */
  met?: boolean;
}

/** Milliseconds taken by `fn` (best of `runs`, after one warm-up when runs > 1). */
export async function timeMs(fn: () => unknown | Promise<unknown>, runs = 1): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  if (runs > 1) await fn();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * A full garbage collection now, so a timed run does not pay for what its setup left behind:
 * the sync bench builds its sandbox's 10,000 documents in this process, and a pull timed right
 * after spent 0.25-0.35 s of its CPU collecting them. Benchmark harnesses collect between runs
 * for the same reason. (`gc` exists only with --expose-gc; set here, it is reachable from a new context.)
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** A result whose target is an upper bound on value/baseline. */
export function ratioAtMost(name: string, value: number, baseline: number, unit: string, max: number): BenchResult {
  const ratio = value / baseline;
  return { name, value, unit, baseline, ratio, target: `ratio <= ${max}`, met: ratio <= max };
}

/**
 * Watch the event loop: a timer due every `tickMs`; the longest gap beyond that is the longest
 * time the loop was blocked. `stop()` returns it in milliseconds.
 */
export function watchEventLoop(tickMs = 5): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - tickMs);
    last = now;
  }, tickMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(0, worst, performance.now() - last - tickMs);
    },
  };
}

/** Run a child process to its end (`stdin`: a file piped to it); its wall time and its peak resident memory (sampled from /proc). */
export async function runMeasured(command: string, args: string[], cwd?: string, stdin?: string): Promise<{ ms: number; peakRssMb: number; code: number | null; stderr: string }> {
  const { spawn } = await import('node:child_process');
  const { createReadStream, readFileSync } = await import('node:fs');
  const started = performance.now();
  const child = spawn(command, args, { cwd, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
  // Through a pipe, as `cat mail.txt | portdesk import -` gives it (no size known in advance).
  if (stdin !== undefined) createReadStream(stdin).pipe(child.stdin!);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let peakKb = 0;
  const sample = () => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // Gone already: the last sample stands.
    }
  };
  const timer = setInterval(sample, 20);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(timer);
  return { ms: performance.now() - started, peakRssMb: peakKb / 1024, code, stderr };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A result whose target is an absolute upper bound on the value (the baseline is printed beside it). */
export function atMost(name: string, value: number, baseline: number, unit: string, max: number): BenchResult {
  return { name, value, unit, baseline, ratio: value / baseline, target: `<= ${max} ${unit}`, met: value <= max };
}

/** A figure printed with its baseline and no target. */
export function info(name: string, value: number, baseline: number, unit: string): BenchResult {
  return { name, value, unit, baseline, ratio: value / baseline };
}

/** Debian's Chromium, as the board and queue benches drive it. */
export function launchChromium() {
  return import('@playwright/test').then(({ chromium }) =>
    chromium.launch({
      executablePath: process.env.PORTDESK_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    }),
  );
}

type Size = { ports: number; numbersPerPort: number };

/** A store seeded with `size` ports (see seedBoardStore) and its app context, removed after `fn`. */
export async function withSeededStore<T>(size: Size, fn: (ctx: import('../../src/main/app-context').AppContext) => Promise<T>): Promise<T> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createAppContext } = await import('../../src/main/app-context');
  const { seedBoardStore } = await import('./board-seed');
  const dir = mkdtempSync(join(tmpdir(), 'portdesk-bench-'));
  const dbPath = join(dir, 'portdesk.db');
  seedBoardStore(dbPath, size.ports, size.numbersPerPort);
  const ctx = createAppContext({ dbPath, shell: 'host', backgroundSync: false });
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A seeded store behind an in-process headless host and a 1280x800 Chromium page ready to open it:
 * the board and queue benches measure the renderer so. Everything is closed after `fn`.
 */
export function withSeededPage<T>(
  browser: import('@playwright/test').Browser,
  size: Size,
  fn: (page: import('@playwright/test').Page, url: string) => Promise<T>,
): Promise<T> {
  return withSeededStore(size, async (ctx) => {
    const { join, resolve } = await import('node:path');
    const { startHost } = await import('../../src/main/host/server');
    const { installNameShim } = await import('./board-page');
    const host = await startHost({ router: ctx.router, changes: ctx.changes, staticDir: join(resolve(import.meta.dirname, '..', '..'), 'out', 'renderer') });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await installNameShim(page);
      return await fn(page, host.openUrl);
    } finally {
      await page.close();
      await host.close();
    }
  });
}

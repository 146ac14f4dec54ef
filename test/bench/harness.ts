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

/** Run a child process to its end; its wall time and its peak resident memory (sampled from /proc). */
export async function runMeasured(command: string, args: string[], cwd?: string): Promise<{ ms: number; peakRssMb: number; code: number | null; stderr: string }> {
  const { spawn } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  const started = performance.now();
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
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

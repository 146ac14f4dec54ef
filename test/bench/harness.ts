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

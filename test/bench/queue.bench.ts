import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { AppContext } from '../../src/main/app-context';
import { ViewDefinitionSchema } from '../../src/shared/domain/views';
import { atMost, info, launchChromium, median, percentile, timeMs, withSeededPage, withSeededStore, type BenchResult } from './harness';
import { medianFirstPaint } from './board-page';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIG = { ports: 10_000, numbersPerPort: 10 };
const SMALL = { ports: 100, numbersPerPort: 10 };
const SORT_CLICKS = ['Name', 'Losing carrier', 'In state', 'Account', 'FOC / transfer', 'Name'];

/** One field set on `count` editable ports in one transaction with their outbox rows (best of 3, alternating values). */
function bulkEdit(ctx: AppContext, count: number): Promise<number> {
  const ids = ctx.ports
    .list({ state: 'unconfirmed' })
    .slice(0, count)
    .map((p) => p.id);
  if (ids.length < count) throw new Error(`only ${ids.length} editable ports`);
  let round = 0;
  return timeMs(() => ctx.ports.bulkUpdate(ids.map((id) => ({ id, patch: { losingCarrier: `Carrier ${round++ % 2}` } }))), 3);
}

/** Every port of the store, one row per port (numbers in a cell) to CSV (best of 3). */
function exportCsv(ctx: AppContext): Promise<number> {
  const view = ViewDefinitionSchema.parse({ filter: {} });
  return timeMs(() => ctx.exports.export({ format: 'csv', perNumber: false, source: { view } }), 3);
}

/** ms from the ports.list data in hand to the first painted frame showing a table row (median of 5 loads). */
async function tableFirstPaint(page: Page, url: string): Promise<number> {
  await page.addInitScript(() => localStorage.setItem('portdesk.layout', JSON.stringify('table')));
  return medianFirstPaint(page, url, '.ptable-row');
}

/** ms from a header click to the painted frame showing the re-sorted first row. */
async function sortChanges(page: Page): Promise<number[]> {
  const times: number[] = [];
  for (const label of SORT_CLICKS) {
    await page.evaluate(() => {
      const w = window as unknown as { __sort: Promise<number> };
      const first = () => document.querySelector('.ptable-row[data-row="0"]')?.getAttribute('data-port-id') ?? '';
      const sortOf = () => [...document.querySelectorAll('.ptable-th')].map((h) => h.getAttribute('aria-sort')).join();
      const before = first() + sortOf();
      w.__sort = new Promise<number>((resolve) => {
        let t0 = 0;
        const frame = () =>
          requestAnimationFrame(() => {
            if (first() + sortOf() === before) return frame();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              performance.mark('portdesk:sort-painted');
              resolve(performance.now() - t0);
            };
            channel.port2.postMessage(null);
          });
        window.addEventListener(
          'click',
          (e) => {
            performance.mark('portdesk:sort-click');
            t0 = e.timeStamp;
            frame();
          },
          { capture: true, once: true },
        );
      });
    });
    await page.locator('.ptable-th').filter({ hasText: label }).locator('.ptable-sort').click();
    times.push(await page.evaluate(() => (window as unknown as { __sort: Promise<number> }).__sort));
  }
  return times;
}

/**
 * Scroll the table from the top 240 px per frame for 150 frames: each frame's main-thread work
 * (rAF to after paint) and interval. Each frame is marked `portdesk:scroll-frame` for a trace.
 */
function scrollFrames(page: Page): Promise<{ work: number[]; interval: number[] }> {
  return page.evaluate(
    () =>
      new Promise<{ work: number[]; interval: number[] }>((resolve) => {
        const scroller = document.querySelector('.ptable-scroll') as HTMLElement;
        scroller.scrollTop = 0;
        const work: number[] = [];
        const interval: number[] = [];
        let last = performance.now();
        let n = 0;
        const loop = (now: number) => {
          const start = performance.now();
          performance.mark('portdesk:scroll-frame');
          interval.push(now - last);
          last = now;
          scroller.scrollTop += 240;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => work.push(performance.now() - start);
          channel.port2.postMessage(null);
          if (++n < 150) requestAnimationFrame(loop);
          else setTimeout(() => resolve({ work, interval: interval.slice(1) }), 50);
        };
        requestAnimationFrame(loop);
      }),
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The renderer's main-thread CPU per frame while scrolling (ms): the scripted scroll run again
 * under a Chromium trace, and for each frame (from one `portdesk:scroll-frame` mark to the next)
 * the thread time of the top-level tasks (`ThreadControllerImpl::RunTask`) that began in it: script, style, layout,
 * paint, whatever the frame cost. Thread time, not wall time: the CPU the page needed, which a
 * loaded machine does not inflate as it does the wall-clock figures.
 */
async function scrollCpu(browser: Browser, page: Page): Promise<number[]> {
  const trace = await traced(browser, page, () => scrollFrames(page));
  const starts = trace.marks('portdesk:scroll-frame');
  const perFrame: number[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const [from, to] = [starts[i] as number, starts[i + 1] as number];
    perFrame.push(trace.cpu((t) => t.ts >= from && t.ts < to));
  }
  return perFrame;
}

/**
 * The renderer's main-thread CPU of each sort change (ms): the header clicks run again under a
 * trace, and for each the thread time of the tasks that ran between the click and the painted
 * frame (the click's own task included). The wall-clock sort figures stand; this one says how
 * much of them is the page's own work when the machine is loaded.
 */
async function sortCpu(browser: Browser, page: Page): Promise<number[]> {
  const trace = await traced(browser, page, () => sortChanges(page));
  const clicks = trace.marks('portdesk:sort-click');
  const painted = trace.marks('portdesk:sort-painted');
  return clicks.map((from, i) => {
    const to = painted[i] as number;
    return trace.cpu((t) => t.ts < to && t.ts + (t.dur ?? 0) > from);
  });
}

/** Run `fn` under a Chromium trace; the times of the page's marks and the thread time of its main thread's top-level tasks. */
async function traced(browser: Browser, page: Page, fn: () => Promise<unknown>) {
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  await fn();
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const first = traceEvents.find((e) => e.name.startsWith('portdesk:'));
  if (!first) throw new Error('queue bench: the trace holds no marks');
  // The marks are made on the renderer's main thread: its tasks are the ones counted.
  const onMain = (e: TraceEvent) => e.pid === first.pid && e.tid === first.tid;
  const tasks = traceEvents.filter((e) => onMain(e) && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  return {
    marks: (name: string) =>
      traceEvents
        .filter((e) => onMain(e) && e.name === name)
        .map((e) => e.ts)
        .sort((a, b) => a - b),
    cpu: (within: (task: TraceEvent) => boolean) => tasks.filter(within).reduce((sum, t) => sum + (t.tdur ?? t.dur ?? 0), 0) / 1000,
  };
}

/**
 * Wait until the document viewer's warm-up (loaded and run once in idle time after start, see
 * warmUpViewer.ts) is over: a one-off of each start, not part of a sort or a scroll, which the
 * figures after it would otherwise take in at random.
 */
async function viewerWarm(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('portdesk:viewer-warm').length > 0, undefined, { timeout: 60_000 });
}

interface TableFigures {
  firstPaint: number;
  sort: number;
  sortWorst: number;
  scrollWorkP95: number;
  scrollIntervalP95: number;
  scrollCpuP95: number;
  sortCpu: number;
  sortCpuWorst: number;
}

function measureTable(browser: Browser, size: { ports: number; numbersPerPort: number }): Promise<TableFigures> {
  return withSeededPage(browser, size, async (page, url) => {
    const paint = await tableFirstPaint(page, url);
    await viewerWarm(page);
    const sorts = await sortChanges(page);
    const frames = await scrollFrames(page);
    const cpu = await scrollCpu(browser, page);
    const sortsCpu = await sortCpu(browser, page);
    return {
      firstPaint: paint,
      sort: median(sorts),
      sortWorst: Math.max(...sorts),
      scrollWorkP95: percentile(frames.work, 95),
      scrollIntervalP95: percentile(frames.interval, 95),
      scrollCpuP95: percentile(cpu, 95),
      sortCpu: median(sortsCpu),
      sortCpuWorst: Math.max(...sortsCpu),
    };
  });
}

/**
 * The work queue with 10,000 ports / 100,000 numbers against the same on 100 ports: the table in
 * Debian's Chromium (as the board bench: headless frames are paced at 60 Hz, so scrolling is judged
 * by each frame's main-thread work, by the page's clock and by a trace's thread time, the interval
 * printed beside them), a bulk edit and a CSV export in-process.
 */
export async function benchQueue(): Promise<BenchResult[]> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('queue bench: build the renderer first (npx electron-vite build)');
  const [editSmall, exportSmall] = await withSeededStore(SMALL, async (ctx) => [await bulkEdit(ctx, 10), await exportCsv(ctx)]);
  const [editBig, exportBig] = await withSeededStore(BIG, async (ctx) => [await bulkEdit(ctx, 1000), await exportCsv(ctx)]);
  const browser = await launchChromium();
  try {
    const small = await measureTable(browser, SMALL);
    const big = await measureTable(browser, BIG);
    return [
      atMost('table first paint after ports.list data in hand (10k ports vs 100, median of 5 loads)', big.firstPaint, small.firstPaint, 'ms', 200),
      atMost('sort change: header click to painted rows (median of 6 sorts)', big.sort, small.sort, 'ms', 100),
      atMost('sort change: header click to painted rows (worst of 6 sorts)', big.sortWorst, small.sortWorst, 'ms', 100),
      info('sort change: renderer main-thread CPU, click to painted rows (Chromium trace, thread time, median of 6 sorts)', big.sortCpu, small.sortCpu, 'ms'),
      info('sort change: renderer main-thread CPU, click to painted rows (Chromium trace, thread time, worst of 6 sorts)', big.sortCpuWorst, small.sortCpuWorst, 'ms'),
      atMost('renderer main-thread CPU per frame while scrolling the table 240 px per frame (Chromium trace, thread time of its tasks, p95 of 149 frames)', big.scrollCpuP95, small.scrollCpuP95, 'ms', 16.7),
      atMost('frame time (main-thread work, wall clock) while scrolling the table 240 px per frame (p95 of 150 frames)', big.scrollWorkP95, small.scrollWorkP95, 'ms', 16),
      info('rAF interval while scrolling the table (p95; 16.7 ms is the 60 Hz floor)', big.scrollIntervalP95, small.scrollIntervalP95, 'ms'),
      atMost('bulk edit of one field, committed with its outbox rows (1,000 ports vs 10)', editBig, editSmall, 'ms', 300),
      atMost('export to CSV, one row per port (10,000 ports / 100,000 numbers vs 100 / 1,000)', exportBig, exportSmall, 'ms', 2000),
    ];
  } finally {
    await browser.close();
  }
}

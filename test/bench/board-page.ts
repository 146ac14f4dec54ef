import type { Page } from '@playwright/test';
import { median } from './harness';

/*
 * In-page probes for the board bench. Each runs inside Chromium, so the times come from the
 * page's own clock (performance.now / event.timeStamp) and exclude the CDP round trips.
 * "Painted" means: the first requestAnimationFrame after the DOM changed, then a message-channel
 * task, which the browser runs after that frame's style, layout and paint.
 */

declare global {
  interface Window {
    __boardPaint?: Promise<number>;
  }
}

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in a `__name`
 * helper that exists in Node but not in the page: give the page a no-op one before anything runs.
 */
export async function installNameShim(page: Page): Promise<void> {
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
}

/**
 * Installed before the page loads: resolves with ms from the renderer's `portdesk:ports-ready`
 * mark (the ports.list result in hand) to the first painted frame showing `selector` (a card).
 */
async function installFirstPaintProbe(page: Page, selector = '.board .card'): Promise<void> {
  await page.addInitScript((shown: string) => {
    window.__boardPaint = new Promise<number>((resolve) => {
      const tick = () => {
        const ready = performance.getEntriesByName('portdesk:ports-ready')[0];
        if (ready && document.querySelector(shown)) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - ready.startTime);
          channel.port2.postMessage(null);
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, selector);
}

/** The first-paint time of the current page load. */
function firstPaint(page: Page): Promise<number> {
  return page.evaluate(() => window.__boardPaint as Promise<number>);
}

/** ms from the ports.list data in hand to the first painted frame showing `selector`: the median of 5 loads of `url`. */
export async function medianFirstPaint(page: Page, url: string, selector?: string): Promise<number> {
  await installFirstPaintProbe(page, selector);
  const times: number[] = [];
  await page.goto(url);
  times.push(await firstPaint(page));
  for (let i = 0; i < 4; i++) {
    await page.reload();
    times.push(await firstPaint(page));
  }
  return median(times);
}

/**
 * Arm a probe for the next keystroke: resolves with ms from the keydown's timestamp to the
 * first frame painted after the board changed (the filter count text, or, when the count stays
 * the same, the first frame after React handled the input event: it renders typing synchronously).
 */
export function armKeystrokeProbe(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __keystroke?: Promise<number> };
    w.__keystroke = new Promise<number>((resolve) => {
      const count = () => document.querySelector('.filter-count')?.textContent ?? '';
      const before = count();
      let t0 = 0;
      let firstFrame = 0;
      const afterPaint = (then: (t: number) => void) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => then(performance.now() - t0);
        channel.port2.postMessage(null);
      };
      const frame = (tries: number) =>
        requestAnimationFrame(() => {
          if (count() !== before) return afterPaint(resolve);
          if (tries === 0) afterPaint((t) => (firstFrame = t));
          if (tries >= 10) return resolve(firstFrame);
          frame(tries + 1);
        });
      window.addEventListener('keydown', (e) => (t0 = e.timeStamp), { capture: true, once: true });
      window.addEventListener('input', () => frame(0), { once: true });
    });
  });
}

export function keystrokeTime(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __keystroke: Promise<number> }).__keystroke);
}

/** What the frame recorder collects for frames that handled drag input. */
export interface DragFrames {
  /** Main-thread work of the frame: its drag event handlers, then rAF callbacks, style, layout and paint. */
  work: number[];
  /** rAF-to-rAF interval: bounded below by the display's refresh period (16.7 ms at 60 Hz). */
  interval: number[];
}

/**
 * Start recording frames. For each frame in which a drag event was dispatched, record the time
 * spent in those events (document capture to window bubble: every listener, pragmatic's and
 * React's included) plus the frame's own rendering (from our rAF callback, queued first, to a
 * message-channel task that runs after paint). Idle frames say nothing about drag cost and are
 * left out. React work scheduled outside events (a column's hover state) is not counted; it
 * happens once when entering a column, not per move.
 */
export function startFrameRecorder(page: Page): Promise<void> {
  return page.evaluate(() => {
    const rec: { work: number[]; interval: number[]; stop: boolean } = { work: [], interval: [], stop: false };
    (window as unknown as { __frames: typeof rec }).__frames = rec;
    let inputWork = 0;
    let handled = false;
    let started = 0;
    for (const type of ['dragstart', 'dragenter', 'dragover', 'dragleave']) {
      document.addEventListener(type, () => (started = performance.now()), { capture: true });
      window.addEventListener(type, () => {
        inputWork += performance.now() - started;
        handled = true;
      });
    }
    let last = performance.now();
    const loop = (now: number) => {
      const rafStart = performance.now();
      const interval = now - last;
      last = now;
      if (handled) {
        const work = inputWork;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          rec.work.push(work + performance.now() - rafStart);
          rec.interval.push(interval);
        };
        channel.port2.postMessage(null);
      }
      handled = false;
      inputWork = 0;
      if (!rec.stop) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

/** Stop recording and return the frames that handled drag input. */
export function stopFrameRecorder(page: Page): Promise<DragFrames> {
  return page.evaluate(() => {
    const rec = (window as unknown as { __frames: { work: number[]; interval: number[]; stop: boolean } }).__frames;
    rec.stop = true;
    return { work: rec.work, interval: rec.interval };
  });
}

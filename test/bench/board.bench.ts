import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { atMost, info, launchChromium, median, percentile, withSeededPage, type BenchResult } from './harness';
import { type DragFrames, armKeystrokeProbe, keystrokeTime, medianFirstPaint, startFrameRecorder, stopFrameRecorder } from './board-page';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIG = { ports: 10_000, numbersPerPort: 10 };
const SMALL = { ports: 100, numbersPerPort: 10 };
/** Typing a word then deleting it: narrowing and widening both re-filter every port. */
const KEYS = [...'harbor', ...Array<string>(6).fill('Backspace')];
const DRAG_MOVES = 80;

interface BoardFigures {
  firstPaint: number;
  keystroke: number;
  keystrokeWorst: number;
  dragWorkP95: number;
  dragIntervalP95: number;
}

async function measureKeystrokes(page: Page): Promise<number[]> {
  await page.locator('.search-input').click();
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const key of KEYS) {
      await armKeystrokeProbe(page);
      await page.keyboard.press(key);
      times.push(await keystrokeTime(page));
    }
  }
  return times;
}

/** Drag the first unconfirmed card up and down over the Submitted column, then drop it back where it was refused. */
async function measureDrag(page: Page): Promise<DragFrames> {
  const source = page.locator('.column[data-state="unconfirmed"] .card').first();
  const column = page.locator('.column[data-state="submitted"]');
  const from = await source.boundingBox();
  const over = await column.locator('.column-scroll').boundingBox();
  if (!from || !over) throw new Error('board not laid out');
  await startFrameRecorder(page);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 12);
  for (let i = 0; i < DRAG_MOVES; i++) {
    const y = over.y + 20 + ((i * 53) % Math.max(1, over.height - 40));
    await page.mouse.move(over.x + over.width / 2 + (i % 2 === 0 ? -15 : 15), y);
  }
  if ((await column.getAttribute('data-drop')) !== 'over') throw new Error('the drag did not reach the Submitted column');
  const frames = await stopFrameRecorder(page);
  // Unconfirmed -> Unconfirmed is not a move: dropping there leaves the data as it was.
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.up();
  return frames;
}

function measureBoard(browser: Browser, size: { ports: number; numbersPerPort: number }): Promise<BoardFigures> {
  return withSeededPage(browser, size, async (page, url) => {
    const paint = await medianFirstPaint(page, url);
    const keys = await measureKeystrokes(page);
    const frames = await measureDrag(page);
    return {
      firstPaint: paint,
      keystroke: median(keys),
      keystrokeWorst: Math.max(...keys),
      dragWorkP95: percentile(frames.work, 95),
      dragIntervalP95: percentile(frames.interval, 95),
    };
  });
}

/**
 * The board with 10,000 ports / 100,000 numbers vs the same measurements on 100 ports, in
 * Debian's Chromium against an in-process headless host. Headless Chromium paces frames at 60 Hz
 * whatever its flags, so rAF-to-rAF intervals cannot go under 16.7 ms: drag frames are judged by
 * the main-thread work each one took (see startFrameRecorder), the interval is printed beside it.
 */
export async function benchBoard(): Promise<BenchResult[]> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('board bench: build the renderer first (npx electron-vite build)');
  const browser = await launchChromium();
  try {
    const small = await measureBoard(browser, SMALL);
    const big = await measureBoard(browser, BIG);
    return [
      atMost('board first paint after ports.list data in hand (10k ports vs 100, median of 5 loads)', big.firstPaint, small.firstPaint, 'ms', 300),
      atMost('filter keystroke to painted board (median of 24 keys)', big.keystroke, small.keystroke, 'ms', 50),
      atMost('filter keystroke to painted board (worst of 24 keys)', big.keystrokeWorst, small.keystrokeWorst, 'ms', 50),
      atMost('frame time (main-thread work) while dragging over the Submitted column (p95 of frames with drag input)', big.dragWorkP95, small.dragWorkP95, 'ms', 16),
      info('rAF interval while dragging (p95; 16.7 ms is the 60 Hz floor)', big.dragIntervalP95, small.dragIntervalP95, 'ms'),
    ];
  } finally {
    await browser.close();
  }
}

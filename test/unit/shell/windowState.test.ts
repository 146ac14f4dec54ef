import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_HEIGHT, MIN_WIDTH } from '../../../src/main/shell/windowOptions';
import {
  clampToDisplays,
  readWindowState,
  trackWindowState,
  writeWindowState,
  type Rect,
  type TrackableWindow,
  type WindowState,
} from '../../../src/main/shell/windowState';

const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const state = (x: number, y: number, width: number, height: number, maximized = false): WindowState => ({
  version: 1,
  bounds: { x, y, width, height },
  maximized,
});

describe('clampToDisplays', () => {
  it('uses defaults (fitting the screen, centred by the OS) with no saved state', () => {
    expect(clampToDisplays(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ width: 1024, height: 700, maximized: false });
  });

  it('keeps bounds that are on a display, including a secondary one', () => {
    expect(clampToDisplays(state(100, 50, 1200, 800), [PRIMARY])).toEqual({ x: 100, y: 50, width: 1200, height: 800, maximized: false });
    expect(clampToDisplays(state(2000, 100, 1600, 1000, true), [PRIMARY, RIGHT])).toEqual({
      x: 2000,
      y: 100,
      width: 1600,
      height: 1000,
      maximized: true,
    });
  });

  it('recentres on the primary display when the saved display is gone', () => {
    const r = clampToDisplays(state(2000, 100, 1600, 1000, true), [PRIMARY]);
    expect(r).toEqual({ x: 160, y: 20, width: 1600, height: 1000, maximized: true });
  });

  it('recentres a window whose title bar is above the screen or only a sliver is visible', () => {
    expect(clampToDisplays(state(100, -500, 1200, 800), [PRIMARY]).y).toBe(120);
    const sliver = clampToDisplays(state(1900, 100, 1200, 800), [PRIMARY]);
    expect(sliver.x).toBe(360);
  });

  it('shrinks an oversize window to the display and never below the minimum size', () => {
    const big = clampToDisplays(state(3000, 3000, 5000, 4000), [PRIMARY]);
    expect(big).toMatchObject({ x: 0, y: 0, width: 1920, height: 1040 });
    const tiny = clampToDisplays(state(10, 10, 200, 100), [PRIMARY]);
    expect(tiny).toMatchObject({ width: MIN_WIDTH, height: MIN_HEIGHT });
  });
});

describe('window-state.json', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portdesk-ws-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through an atomic write', () => {
    const file = join(dir, 'sub', 'window-state.json');
    writeWindowState(file, state(1, 2, 1000, 700, true));
    expect(readWindowState(file)).toEqual(state(1, 2, 1000, 700, true));
  });

  it.each([
    ['missing', null],
    ['not JSON', '{oops'],
    ['wrong version', JSON.stringify({ ...state(0, 0, 1000, 700), version: 2 })],
    ['non-numeric bounds', JSON.stringify({ version: 1, bounds: { x: 'a', y: 0, width: 1, height: 1 }, maximized: false })],
    ['absurd size', JSON.stringify(state(0, 0, 1e9, 700))],
    ['zero size', JSON.stringify(state(0, 0, 0, 700))],
  ])('ignores a %s file', (_name, content) => {
    const file = join(dir, 'window-state.json');
    if (content !== null) writeFileSync(file, content);
    expect(readWindowState(file)).toBeNull();
  });
});

describe('trackWindowState', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portdesk-ws-'));
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  function fakeWindow() {
    const listeners = new Map<string, Array<() => void>>();
    const w = {
      bounds: { x: 10, y: 20, width: 1100, height: 700 },
      maximized: false,
      minimized: false,
      fullScreen: false,
      emit: (e: string) => listeners.get(e)?.forEach((l) => l()),
    };
    const win: TrackableWindow = {
      getNormalBounds: () => w.bounds,
      isMaximized: () => w.maximized,
      isMinimized: () => w.minimized,
      isFullScreen: () => w.fullScreen,
      on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    };
    return { w, win };
  }

  it('saves debounced after moves and immediately on close', () => {
    const file = join(dir, 'window-state.json');
    const { w, win } = fakeWindow();
    trackWindowState(win, { file, debounceMs: 200 });
    w.bounds = { x: 30, y: 40, width: 1200, height: 800 };
    w.emit('move');
    w.emit('resize');
    expect(readWindowState(file)).toBeNull();
    vi.advanceTimersByTime(250);
    expect(readWindowState(file)?.bounds).toEqual({ x: 30, y: 40, width: 1200, height: 800 });
    w.maximized = true;
    w.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state(30, 40, 1200, 800, true));
  });

  it('does not save minimised or full-screen geometry', () => {
    const file = join(dir, 'window-state.json');
    const { w, win } = fakeWindow();
    trackWindowState(win, { file });
    w.minimized = true;
    w.emit('close');
    w.minimized = false;
    w.fullScreen = true;
    w.emit('close');
    expect(readWindowState(file)).toBeNull();
  });

  it('reports a failed write instead of throwing', () => {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const { w, win } = fakeWindow();
    const onError = vi.fn();
    trackWindowState(win, { file: join(blocker, 'window-state.json'), onError });
    w.emit('close');
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, MIN_HEIGHT, MIN_WIDTH } from './windowOptions';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const finite = z.number().int().min(-100_000).max(100_000);
const size = z.number().int().min(1).max(100_000);

/** window-state.json in userData; anything that fails this schema is ignored (defaults are used). */
export const WindowStateSchema = z.object({
  version: z.literal(1),
  bounds: z.object({ x: finite, y: finite, width: size, height: size }),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

/** What the window is created with: position omitted when it should be centred by the OS. */
export interface RestoredBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** The part of a title bar that must stay on some screen so the user can grab the window. */
const GRAB_MARGIN = 48;

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * Fits saved bounds onto the current displays (work areas, i.e. without taskbar/dock). A window
 * whose title bar would not be reachable (display unplugged, resolution changed) is shrunk to fit
 * and centred on the primary display; sizes never go below the window minimum.
 */
export function clampToDisplays(saved: WindowState | null, workAreas: readonly Rect[]): RestoredBounds {
  const primary = workAreas[0];
  const fallback: RestoredBounds = { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, maximized: false };
  if (!primary) {
    // No display information (should not happen): keep the size, let the OS place the window.
    return saved ? { width: saved.bounds.width, height: saved.bounds.height, maximized: saved.maximized } : fallback;
  }
  if (!saved) {
    return { width: Math.min(DEFAULT_WIDTH, primary.width), height: Math.min(DEFAULT_HEIGHT, primary.height), maximized: false };
  }
  const b = saved.bounds;
  const titleBar: Rect = { x: b.x, y: b.y, width: b.width, height: Math.min(GRAB_MARGIN, b.height) };
  const host = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o !== null && o.width >= GRAB_MARGIN && b.y >= area.y && b.y + GRAB_MARGIN <= area.y + area.height;
  });
  if (host) {
    const width = Math.max(MIN_WIDTH, Math.min(b.width, host.width));
    const height = Math.max(MIN_HEIGHT, Math.min(b.height, host.height));
    return { x: b.x, y: b.y, width, height, maximized: saved.maximized };
  }
  const width = Math.max(MIN_WIDTH, Math.min(b.width, primary.width));
  const height = Math.max(MIN_HEIGHT, Math.min(b.height, primary.height));
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** Reads and validates the state file; a missing, unreadable or invalid file yields null. */
export function readWindowState(file: string): WindowState | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the state atomically (temp file + rename) so a crash never leaves half a JSON file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), 'utf8');
  renameSync(tmp, file);
}

/** The window members the tracker uses (BrowserWindow satisfies it). */
export interface TrackableWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window's normal (un-maximised) bounds and maximised flag: debounced while the user
 * drags, and immediately on close. Minimised and full-screen geometry is never saved.
 */
export function trackWindowState(
  win: TrackableWindow,
  opts: { file: string; debounceMs?: number; onError?: (err: unknown) => void },
): { flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (win.isMinimized() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    const state: WindowState = {
      version: 1,
      bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
      maximized: win.isMaximized(),
    };
    try {
      writeWindowState(opts.file, state);
    } catch (err) {
      opts.onError?.(err);
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, opts.debounceMs ?? 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, schedule);
  win.on('close', flush);
  return { flush };
}

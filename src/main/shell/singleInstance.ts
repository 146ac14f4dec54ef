/** The app members the single-instance glue uses (Electron's `app` satisfies it). */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/** The window members needed to bring it to the front. */
export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** Brings an existing window to the front, restoring it if minimised. */
export function focusWindow(win: FocusableWindow | null | undefined): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  return true;
}

/**
 * Takes the single-instance lock. Returns false in a second instance, which has already been
 * told to quit (the caller must not create a window); in the first instance, a later launch
 * focuses the current main window. Two instances would otherwise share one SQLite file and
 * run two sync loops against the same outbox.
 */
export function claimSingleInstance(app: SingleInstanceApp, getWindow: () => FocusableWindow | null | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    focusWindow(getWindow());
  });
  return true;
}

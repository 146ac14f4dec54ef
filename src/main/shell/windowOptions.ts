import type { BrowserWindowConstructorOptions } from 'electron';

/** Smallest window in which the kanban board still shows three columns and the detail pane. */
export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 800;

/** Background painted before the renderer's first frame; matches the renderer's theme colours. */
export const BACKGROUND = { light: '#f6f7f9', dark: '#16181d' } as const;

export interface MainWindowInput {
  /** Absolute path of the built preload script. */
  preloadPath: string;
  /** nativeTheme.shouldUseDarkColors at launch, so the first paint does not flash white. */
  prefersDark?: boolean;
  /** Restored bounds from window state, if any. */
  bounds?: { x?: number | undefined; y?: number | undefined; width: number; height: number };
  /** Window icon (Linux/Windows; macOS takes it from the bundle). */
  iconPath?: string;
  /** Development build: DevTools available. Packaged builds ship without them. */
  isDev?: boolean;
}

/**
 * The main window's options. Every renderer security switch is set explicitly (even where it is
 * Electron's default) so a future default change or a template copy cannot weaken it silently;
 * test/unit/shell/windowOptions.test.ts asserts each one.
 */
export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  const bounds = input.bounds ?? { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
  return {
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: Math.max(bounds.width, MIN_WIDTH),
    height: Math.max(bounds.height, MIN_HEIGHT),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'PortDesk',
    // Shown on 'ready-to-show' so the user never sees an empty frame.
    show: false,
    backgroundColor: input.prefersDark ? BACKGROUND.dark : BACKGROUND.light,
    autoHideMenuBar: false,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: input.isDev === true,
    },
  };
}

// Electron entry: the desktop shell around the same app context the host and the CLI use.
// Everything testable without Electron lives in shell/, log/, ipc/ and app-context; this file
// only wires Electron's objects to them.
import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, nativeImage, nativeTheme, Notification, safeStorage, screen, session, shell } from 'electron';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppContext, type AppContext } from './app-context';
import { SCHEMA_VERSION } from './db/migrations';
import { nativeBindingPath } from './db/native';
import { bindIpc } from './ipc/bind';
import { bindDragOut } from './ipc/drag';
import { bindExportSave } from './ipc/exportSave';
// electron-vite resolves this to resources/icon.png beside out/ at run time (installers must ship it).
import dragIconPath from '../../resources/icon.png?asset';
import { createLogger, parseLogLevel } from './log/logger';
import { diagnosticsFileName, exportDiagnostics } from './log/diagnostics';
import { resolveDbPath } from './paths';
import { safeStorageBox } from './services/secrets';
import { contentSecurityPolicy } from './shell/csp';
import { crashReporterOptions } from './shell/crashReporting';
import { confirmAndOpenExternal, externalLinkDialog, hardenSession, hardenWebContents } from './shell/harden';
import { buildMenuTemplate, type MenuCommand } from './shell/menu';
import { appOriginFor, isTrustedSender } from './shell/origin';
import { installQuitGuard } from './shell/quitGuard';
import { notifyRemoteChange } from './shell/notifications';
import { claimSingleInstance, focusWindow } from './shell/singleInstance';
import { startAutoUpdates, updateDecision } from './shell/updates';
import { mainWindowOptions } from './shell/windowOptions';
import { clampToDisplays, readWindowState, trackWindowState } from './shell/windowState';
import { APP_VERSION } from './version';

app.setName('PortDesk');
const userData = app.getPath('userData');
const logger = createLogger({ dir: join(userData, 'logs'), level: parseLogLevel(process.env.PORTDESK_LOG_LEVEL), echo: !app.isPackaged });
const log = logger.child('main');
const crash = crashReporterOptions(process.env);
if (crash) crashReporter.start(crash);

let mainWindow: BrowserWindow | undefined;
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(__dirname, '..', 'renderer');
const appOrigin = appOriginFor({ devServerUrl, rendererDirUrl: pathToFileURL(`${rendererDir}/`).href });

function offerExternal(url: string): void {
  void confirmAndOpenExternal(url, {
    confirm: async (u) => (mainWindow ? (await dialog.showMessageBox(mainWindow, externalLinkDialog(u))).response === 0 : false),
    open: (u) => shell.openExternal(u),
  });
}

async function exportDiagnosticsInteractively(ctx: AppContext): Promise<void> {
  if (!mainWindow) return;
  const choice = await dialog.showSaveDialog(mainWindow, { defaultPath: diagnosticsFileName(), filters: [{ name: 'JSON', extensions: ['json'] }] });
  if (choice.canceled || !choice.filePath) return;
  const outbox = ctx.repos.outbox.list();
  await exportDiagnostics({
    logsDir: logger.dir,
    schemaVersion: SCHEMA_VERSION,
    syncState: { queuedChanges: outbox.length, blocked: outbox.filter((o) => o.status === 'blocked').length },
    outFile: choice.filePath,
    app: { version: APP_VERSION, electron: process.versions.electron ?? '', platform: process.platform, arch: process.arch },
  });
}

function onMenuCommand(ctx: AppContext, command: MenuCommand): void {
  if (command === 'diagnostics.export') void exportDiagnosticsInteractively(ctx).catch((err: unknown) => log.error('diagnostics export failed', { error: String(err) }));
  else if (command === 'logs.open') void shell.openPath(logger.dir);
  // Menu commands reach the renderer on the same validated event channel as data changes.
  else ctx.changes.emit({ type: 'menu', command });
}

function createWindow(): BrowserWindow {
  const stateFile = join(userData, 'window-state.json');
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const restored = clampToDisplays(readWindowState(stateFile), displays);
  const win = new BrowserWindow(
    mainWindowOptions({
      preloadPath: join(__dirname, '..', 'preload', 'index.cjs'),
      prefersDark: nativeTheme.shouldUseDarkColors,
      bounds: restored,
      isDev: !app.isPackaged,
    }),
  );
  if (restored.maximized) win.maximize();
  trackWindowState(win, { file: stateFile, onError: (err) => log.warn('window state not saved', { error: String(err) }) });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(join(rendererDir, 'index.html'));
  return win;
}

async function main(): Promise<void> {
  if (!claimSingleInstance(app, () => mainWindow)) return;
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { appOrigin, offerExternal }));
  await app.whenReady();
  hardenSession(session.defaultSession, { appOrigin, csp: contentSecurityPolicy({ devServerUrl }) });

  let ctx: AppContext;
  try {
    ctx = createAppContext({
      dbPath: resolveDbPath(undefined, process.env, userData),
      shell: 'electron',
      nativeBinding: nativeBindingPath(app.getAppPath()),
      // Remote tokens are encrypted with the OS keychain where Electron offers it.
      secrets: safeStorageBox(safeStorage),
    });
  } catch (err) {
    // A corrupt or newer database is refused, never overwritten: say so and stop.
    dialog.showErrorBox('PortDesk cannot open its database', (err as Error).message);
    app.exit(1);
    return;
  }
  mainWindow = createWindow();
  bindIpc({ ipcMain, router: ctx.router, changes: ctx.changes, contents: () => mainWindow?.webContents, isTrustedUrl: (url) => isTrustedSender(url, appOrigin) });
  bindDragOut({
    ipcMain,
    contents: () => mainWindow?.webContents,
    isTrustedUrl: (url) => isTrustedSender(url, appOrigin),
    currentFile: (id) => ctx.documents.currentFile(id),
    tempRoot: join(tmpdir(), `portdesk-drag-${process.pid}`),
    icon: () => nativeImage.createFromPath(dragIconPath).resize({ width: 64 }),
    onRefused: (error) => log.warn('drag out refused', { ...error }),
  });
  bindExportSave({
    ipcMain,
    contents: () => mainWindow?.webContents,
    isTrustedUrl: (url) => isTrustedSender(url, appOrigin),
    fileName: (format) => ctx.exports.fileName(format),
    exportFile: (request) => ctx.exports.export(request),
    askPath: async (suggested, format) => {
      if (!mainWindow) return undefined;
      const filters = format === 'csv' ? [{ name: 'CSV', extensions: ['csv'] }] : [{ name: 'Excel workbook', extensions: ['xlsx'] }];
      const choice = await dialog.showSaveDialog(mainWindow, { defaultPath: join(app.getPath('documents'), suggested), filters });
      return choice.canceled ? undefined : choice.filePath;
    },
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, appName: app.name, isDev: !app.isPackaged, onCommand: (c) => onMenuCommand(ctx, c) })),
  );
  ctx.changes.subscribe((event) => {
    if (event.type !== 'remoteMove') return;
    notifyRemoteChange({ isSupported: () => Notification.isSupported(), create: (o) => new Notification(o) }, event.change, { windowFocused: mainWindow?.isFocused() ?? false }, (id) => {
      focusWindow(mainWindow);
      ctx.changes.emit({ type: 'menu', command: `open:${id}` });
    });
  });
  installQuitGuard(app, {
    // Local changes are already committed; this only lets the push under way finish its request.
    finish: async () => {
      ctx.sync.stop();
      await ctx.sync.syncNow({ waitMs: 0 }).catch(() => undefined);
      ctx.close();
    },
    onTimeout: () => log.warn('quit: sync did not finish in time; queued changes go out at next start'),
    onError: (err) => log.error('quit: closing the store failed', { error: String(err) }),
  });
  void startAutoUpdates(
    updateDecision({ env: process.env, isPackaged: app.isPackaged }),
    async () => (await import('electron-updater')).autoUpdater,
    logger.child('updates'),
  );
  app.on('window-all-closed', () => app.quit());
  log.info('started', { version: APP_VERSION, db: ctx.db.name });
}

void main().catch((err: unknown) => {
  log.error('startup failed', { error: String(err) });
  app.exit(1);
});

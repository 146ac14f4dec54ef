import type { MenuItemConstructorOptions } from 'electron';

/** App commands the menu sends to the renderer (through the lead's IPC event channel). */
export const MENU_COMMANDS = ['port.new', 'numbers.import', 'sync.now', 'search.focus', 'diagnostics.export', 'logs.open'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * Accelerators of the app's own commands. Sync now is CmdOrCtrl+Shift+S, not CmdOrCtrl+R:
 * Ctrl/Cmd+R is the View ▸ Reload role in development and every user's "reload the page" reflex,
 * and Shift+R is Force Reload; PortDesk has no Save As (every edit is stored at once), so
 * Shift+S is free on all three platforms and keeps the S-for-sync mnemonic. F5 is avoided
 * because macOS laptops send it only with Fn.
 */
export const ACCELERATORS: Record<Exclude<MenuCommand, 'logs.open'>, string> = {
  'port.new': 'CmdOrCtrl+N',
  'numbers.import': 'CmdOrCtrl+I',
  'sync.now': 'CmdOrCtrl+Shift+S',
  'search.focus': 'CmdOrCtrl+F',
  'diagnostics.export': 'CmdOrCtrl+Shift+D',
};

export interface MenuInput {
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds get Reload and DevTools; packaged builds do not. */
  isDev: boolean;
  onCommand: (command: MenuCommand) => void;
}

/** The application menu as a template (Menu.buildFromTemplate), platform conventions included. */
export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    id: command,
    ...(accelerator ? { accelerator } : {}),
    click: () => input.onCommand(command),
  });

  const appMenu: MenuItemConstructorOptions = {
    label: input.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      cmd('New Port Request', 'port.new', ACCELERATORS['port.new']),
      cmd('Import Numbers…', 'numbers.import', ACCELERATORS['numbers.import']),
      { type: 'separator' },
      cmd('Sync Now', 'sync.now', ACCELERATORS['sync.now']),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      { type: 'separator' },
      cmd('Search Ports…', 'search.focus', ACCELERATORS['search.focus']),
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(input.isDev
        ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    role: 'window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: 'Help',
    role: 'help',
    submenu: [
      cmd('Export Diagnostics…', 'diagnostics.export', ACCELERATORS['diagnostics.export']),
      cmd('Show Logs Folder', 'logs.open'),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

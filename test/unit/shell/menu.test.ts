import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { ACCELERATORS, MENU_COMMANDS, buildMenuTemplate, type MenuCommand } from '../../../src/main/shell/menu';

/**
 * Electron's built-in accelerators for the roles used (electron/lib/browser/api/menu-item-roles.ts),
 * per platform, so app accelerators can be checked against them.
 */
function roleAccelerator(role: string, mac: boolean): string | undefined {
  const table: Record<string, string | undefined> = {
    undo: 'CommandOrControl+Z',
    redo: mac ? 'Shift+CommandOrControl+Z' : 'Control+Y',
    cut: 'CommandOrControl+X',
    copy: 'CommandOrControl+C',
    paste: 'CommandOrControl+V',
    pasteAndMatchStyle: mac ? 'Cmd+Option+Shift+V' : 'Shift+CommandOrControl+V',
    selectAll: 'CommandOrControl+A',
    reload: 'CmdOrCtrl+R',
    forceReload: 'Shift+CmdOrCtrl+R',
    toggleDevTools: mac ? 'Alt+Command+I' : 'Ctrl+Shift+I',
    resetZoom: 'CommandOrControl+0',
    zoomIn: 'CommandOrControl+Plus',
    zoomOut: 'CommandOrControl+-',
    togglefullscreen: mac ? 'Control+Command+F' : 'F11',
    minimize: 'CommandOrControl+M',
    close: 'CommandOrControl+W',
    quit: mac ? 'CommandOrControl+Q' : undefined,
    hide: 'Command+H',
    hideOthers: 'Command+Alt+H',
  };
  return table[role];
}

/** Canonical form: modifiers sorted, CmdOrCtrl resolved for the platform. */
function canonical(acc: string, mac: boolean): string {
  const parts = acc.split('+').map((p) => p.toLowerCase());
  const key = parts.pop() ?? '';
  const mods = parts.map((m) => {
    if (m === 'cmdorctrl' || m === 'commandorcontrol') return mac ? 'cmd' : 'ctrl';
    if (m === 'command') return 'cmd';
    if (m === 'control') return 'ctrl';
    if (m === 'option') return 'alt';
    return m;
  });
  return [...new Set(mods)].sort().concat(key).join('+');
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

for (const platform of ['darwin', 'win32', 'linux'] as const) {
  for (const isDev of [true, false]) {
    describe(`menu on ${platform}${isDev ? ' (dev)' : ''}`, () => {
      const mac = platform === 'darwin';
      const onCommand = vi.fn();
      const template = buildMenuTemplate({ platform, appName: 'PortDesk', isDev, onCommand });
      const items = flatten(template);

      it('has the standard top-level menus in platform order', () => {
        const labels = template.map((m) => m.label);
        expect(labels).toEqual([...(mac ? ['PortDesk'] : []), 'File', 'Edit', 'View', 'Window', 'Help']);
        expect(template.find((m) => m.label === 'Window')?.role).toBe('window');
        expect(template.find((m) => m.label === 'Help')?.role).toBe('help');
      });

      it('uses the native roles for editing, so copy/paste work in every text field', () => {
        const roles = items.map((i) => i.role).filter(Boolean);
        for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'minimize', 'togglefullscreen', 'quit']) {
          expect(roles).toContain(role);
        }
        if (mac) expect(roles).toEqual(expect.arrayContaining(['about', 'hide', 'hideOthers', 'unhide', 'services', 'front']));
      });

      it('exposes reload and DevTools only in development', () => {
        const roles = items.map((i) => i.role);
        for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(roles.includes(role as never)).toBe(isDev);
      });

      it('has every app command once, and clicking it dispatches that command', () => {
        const commandItems = items.filter((i) => MENU_COMMANDS.includes(i.id as MenuCommand));
        expect(commandItems.map((i) => i.id).sort()).toEqual([...MENU_COMMANDS].sort());
        for (const item of commandItems) {
          onCommand.mockClear();
          (item.click as () => void)();
          expect(onCommand).toHaveBeenCalledWith(item.id);
        }
      });

      it('binds the documented accelerators', () => {
        const byId = new Map(items.map((i) => [i.id, i.accelerator]));
        expect(byId.get('port.new')).toBe('CmdOrCtrl+N');
        expect(byId.get('numbers.import')).toBe('CmdOrCtrl+I');
        expect(byId.get('search.focus')).toBe('CmdOrCtrl+F');
        expect(byId.get('sync.now')).toBe(ACCELERATORS['sync.now']);
      });

      it('has no accelerator bound twice, counting the roles\' built-in ones', () => {
        const seen = new Map<string, string>();
        for (const item of items) {
          const acc = item.accelerator ?? (item.role ? roleAccelerator(item.role, mac) : undefined);
          if (!acc) continue;
          const key = canonical(String(acc), mac);
          const what = String(item.id ?? item.role);
          expect(seen.get(key), `${what} collides on ${key}`).toBeUndefined();
          seen.set(key, what);
        }
        // Sync must never be Reload's key, even where Reload is hidden (muscle memory).
        expect(canonical(ACCELERATORS['sync.now'], mac)).not.toBe(canonical('CmdOrCtrl+R', mac));
      });
    });
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { bindExportSave } from '../../../src/main/ipc/exportSave';
import { EXPORT_SAVE_CHANNEL, type ExportSaveAnswer } from '../../../src/shared/rpc/exportSave';
import type { ExportRequest } from '../../../src/main/services/export-service';
import { tempDir } from '../../support/temp';

const TRUSTED = 'file:///app/index.html';

/** A fake window and ipcMain around the handler; `ask` plays the save dialog. */
function setup(ask: (suggested: string) => string | undefined) {
  const mainFrame = { url: TRUSTED };
  const contents = { mainFrame } as unknown as WebContents;
  let handler: ((event: IpcMainInvokeEvent, message: unknown) => Promise<ExportSaveAnswer>) | undefined;
  const ipcMain = { handle: vi.fn((_c: string, h: typeof handler) => (handler = h)), removeHandler: vi.fn() };
  const requests: ExportRequest[] = [];
  const asked: string[] = [];
  const unbind = bindExportSave({
    ipcMain: ipcMain as never,
    contents: () => contents,
    isTrustedUrl: (url) => url === TRUSTED,
    fileName: (format) => `portdesk-ports-2026-12-01.${format}`,
    exportFile: async (request) => {
      requests.push(request);
      return { fileName: 'ignored', contentType: 'text/csv', bytes: Buffer.from('Name,Numbers\r\nAcme,+12025550100'), ports: 1, rows: 1 };
    },
    askPath: async (suggested) => {
      asked.push(suggested);
      return ask(suggested);
    },
  });
  const send = (message: unknown, from: { sender?: unknown; senderFrame?: unknown } = {}) =>
    handler!({ sender: contents, senderFrame: mainFrame, ...from } as unknown as IpcMainInvokeEvent, message);
  return { ipcMain, send, unbind, requests, asked, mainFrame };
}

const REQUEST = { ids: ['p1', 'p2'], format: 'csv', perNumber: false };

describe('export to a file from the window', () => {
  it('asks where with the dated name, builds the export of the given ports and writes it there', async () => {
    const path = join(tempDir(), 'mine.csv');
    const { ipcMain, send, requests, asked } = setup(() => path);
    expect(ipcMain.handle).toHaveBeenCalledWith(EXPORT_SAVE_CHANNEL, expect.any(Function));
    expect(await send(REQUEST)).toEqual({ ok: true, saved: { path, ports: 1, rows: 1 } });
    expect(asked).toEqual(['portdesk-ports-2026-12-01.csv']);
    expect(requests).toEqual([{ format: 'csv', perNumber: false, source: { ids: ['p1', 'p2'] } }]);
    expect(readFileSync(path, 'utf8')).toBe('Name,Numbers\r\nAcme,+12025550100');
  });

  it('a canceled dialog builds and writes nothing', async () => {
    const { send, requests } = setup(() => undefined);
    expect(await send(REQUEST)).toEqual({ ok: true, saved: null });
    expect(requests).toEqual([]);
  });

  it('refuses a sender that is not the window’s main frame at a trusted URL, before any dialog', async () => {
    const { send, asked, mainFrame } = setup(() => join(tempDir(), 'x.csv'));
    expect(await send(REQUEST, { sender: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await send(REQUEST, { senderFrame: { url: 'https://evil.example/' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    mainFrame.url = 'https://evil.example/';
    expect(await send(REQUEST)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(asked).toEqual([]);
  });

  it('validates the request: ports, a known format, no extra keys', async () => {
    const { send, asked } = setup(() => join(tempDir(), 'x.csv'));
    for (const bad of [null, 'p1', { ...REQUEST, ids: [] }, { ...REQUEST, format: 'pdf' }, { ...REQUEST, path: '/etc/passwd' }, { ids: ['p1'], format: 'csv' }]) {
      expect(await send(bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(asked).toEqual([]);
  });

  it('a file that cannot be written is an error value, not a throw', async () => {
    const { send } = setup(() => join(tempDir(), 'no-such-dir', 'x.csv'));
    const answer = await send(REQUEST);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(answer.ok === false && answer.error.message).toContain('ENOENT');
  });

  it('unbinds its channel', () => {
    const { ipcMain, unbind } = setup(() => undefined);
    unbind();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(EXPORT_SAVE_CHANNEL);
  });
});

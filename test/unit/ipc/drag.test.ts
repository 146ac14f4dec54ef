import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainEvent, NativeImage, WebContents } from 'electron';
import { bindDragOut, START_DRAG_CHANNEL } from '../../../src/main/ipc/drag';
import type { AppErrorShape } from '../../../src/shared/errors';
import { tempDir } from '../../support/temp';

const TRUSTED = 'file:///app/index.html';
const ICON = { isEmpty: () => false } as unknown as NativeImage;

/** A fake window, ipcMain and content store file; returns a `send` that plays a renderer message. */
function setup(files: Record<string, { name: string; bytes: string }>) {
  const root = tempDir();
  const blobs = join(root, 'blobs');
  mkdirSync(blobs);
  for (const [id, f] of Object.entries(files)) writeFileSync(join(blobs, id), f.bytes);
  const mainFrame = { url: TRUSTED };
  const startDrag = vi.fn();
  const contents = { mainFrame, startDrag } as unknown as WebContents;
  let handler: ((event: IpcMainEvent, message: unknown) => void) | undefined;
  const ipcMain = { on: vi.fn((_c: string, h: typeof handler) => (handler = h)), removeListener: vi.fn() };
  const refused: AppErrorShape[] = [];
  const unbind = bindDragOut({
    ipcMain: ipcMain as never,
    contents: () => contents,
    isTrustedUrl: (url) => url === TRUSTED,
    currentFile: (id) => {
      const f = files[id];
      if (!f) throw new Error(`No attachment with id ${id}`);
      return { path: join(blobs, id), name: f.name };
    },
    tempRoot: join(root, 'drag'),
    icon: () => ICON,
    onRefused: (e) => refused.push(e),
  });
  const send = (message: unknown, from: { sender?: unknown; senderFrame?: unknown } = {}) =>
    handler!({ sender: contents, senderFrame: mainFrame, ...from } as unknown as IpcMainEvent, message);
  return { ipcMain, startDrag, refused, send, unbind, root, mainFrame };
}

describe('drag an attachment out', () => {
  it('listens on the start-drag channel and writes the current content under its sanitised name before starting the OS drag', () => {
    const { ipcMain, startDrag, send, refused } = setup({ a1: { name: 'March: bill <final>.pdf', bytes: '%PDF-1.7 bill' } });
    expect(ipcMain.on).toHaveBeenCalledWith(START_DRAG_CHANNEL, expect.any(Function));
    send('a1');
    expect(refused).toEqual([]);
    expect(startDrag).toHaveBeenCalledTimes(1);
    const { file, icon } = startDrag.mock.calls[0]![0] as { file: string; icon: NativeImage };
    expect(file.endsWith('March_ bill _final_.pdf')).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('%PDF-1.7 bill');
    expect(icon).toBe(ICON);
  });

  it('a name trying to leave the temp folder stays inside it', () => {
    const { startDrag, send, root } = setup({ a1: { name: '../../evil.pdf', bytes: '%PDF' } });
    send('a1');
    const { file } = startDrag.mock.calls[0]![0] as { file: string };
    expect(dirname(dirname(file))).toBe(join(root, 'drag'));
  });

  it('refuses another window, a subframe or an untrusted URL, and starts nothing', () => {
    const { startDrag, send, refused, mainFrame } = setup({ a1: { name: 'a.pdf', bytes: '%PDF' } });
    send('a1', { sender: { other: true } });
    send('a1', { senderFrame: { url: TRUSTED } });
    send('a1', { senderFrame: null });
    mainFrame.url = 'https://evil.example/';
    send('a1');
    expect(startDrag).not.toHaveBeenCalled();
    expect(refused.map((e) => e.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('refuses a malformed id and reports an unknown one, without a drag', () => {
    const { startDrag, send, refused } = setup({});
    send({ id: 'a1' });
    send('');
    send('x'.repeat(201));
    send('missing');
    expect(startDrag).not.toHaveBeenCalled();
    expect(refused.map((e) => e.code)).toEqual(['VALIDATION', 'VALIDATION', 'VALIDATION', 'INTERNAL']);
  });

  it('removes the previous drag folder at the next drag and on unbind', () => {
    const { startDrag, send, unbind, ipcMain } = setup({ a1: { name: 'a.pdf', bytes: '%PDF a' }, b2: { name: 'b.pdf', bytes: '%PDF b' } });
    send('a1');
    const first = (startDrag.mock.calls[0]![0] as { file: string }).file;
    send('b2');
    const second = (startDrag.mock.calls[1]![0] as { file: string }).file;
    expect(existsSync(first)).toBe(false);
    expect(existsSync(second)).toBe(true);
    unbind();
    expect(existsSync(second)).toBe(false);
    expect(ipcMain.removeListener).toHaveBeenCalledWith(START_DRAG_CHANNEL, expect.any(Function));
  });
});

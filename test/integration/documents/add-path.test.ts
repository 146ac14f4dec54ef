import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../../src/main/app-context';
import { testContext } from '../../support/context';
import { tempDir } from '../../support/temp';
import { makePdf } from '../../unit/documents/fixtures';

describe('attachments.addPath (a file dropped on the desktop app)', () => {
  it('reads a regular file in main with the same intake as added bytes', async () => {
    const ctx = testContext();
    const port = ctx.ports.create({ fields: { name: 'Port' }, numbers: ['2025550105'] });
    const dir = tempDir();
    const pdf = await makePdf(1);
    writeFileSync(join(dir, 'March bill.pdf'), pdf);
    const a = await ctx.documents.addPath({ portId: port.id, path: join(dir, 'March bill.pdf') });
    expect(a).toMatchObject({ name: 'March bill.pdf', kind: 'bill', size: pdf.length });
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    await expect(ctx.documents.addPath({ portId: port.id, path: join(dir, 'notes.txt') })).rejects.toMatchObject({ code: 'FILE', message: expect.stringContaining('"notes.txt" is') });
  });

  it('refuses folders, missing files, relative paths, and files over the limit before reading them', async () => {
    const ctx = testContext();
    const port = ctx.ports.create({ fields: { name: 'Port' }, numbers: ['2025550106'] });
    const dir = tempDir();
    mkdirSync(join(dir, 'folder.pdf'));
    // Sparse: 9 GB on paper, nothing on disk; reading it would exhaust memory, so the size check must come first.
    writeFileSync(join(dir, 'huge.pdf'), '');
    truncateSync(join(dir, 'huge.pdf'), 9_000_000_000);
    const add = (path: string) => ctx.documents.addPath({ portId: port.id, path });
    await expect(add(join(dir, 'folder.pdf'))).rejects.toMatchObject({ code: 'FILE', message: expect.stringContaining('is not a file') });
    await expect(add(join(dir, 'gone.pdf'))).rejects.toMatchObject({ code: 'FILE', message: expect.stringContaining('"gone.pdf" cannot be read') });
    await expect(add('relative/bill.pdf')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(add(join(dir, 'huge.pdf'))).rejects.toMatchObject({ code: 'FILE', details: { reason: 'size', size: 9_000_000_000 } });
    expect(ctx.documents.list(port.id)).toEqual([]);
  });

  it('is refused through the router outside the desktop app (the host must not read arbitrary paths)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bill.pdf'), await makePdf(1));
    const ctx = createAppContext({ dbPath: join(tempDir(), 'portdesk.db'), shell: 'host', backgroundSync: false });
    try {
      const port = ctx.ports.create({ fields: { name: 'Port' }, numbers: ['2025550107'] });
      const result = await ctx.router.call('attachments.addPath', { portId: port.id, path: join(dir, 'bill.pdf') });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      ctx.close();
    }
  });
});

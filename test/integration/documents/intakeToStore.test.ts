import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentStore, inspectDocument, kazooFilename } from '../../../src/main/documents';
import { fixture, makePdf } from '../../unit/documents/fixtures';
import { pdfPageCount } from './poppler';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portdesk-intake-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('attaching a file: intake then store', () => {
  it('stores an accepted PDF and a converted photo, readable by another PDF reader', async () => {
    const store = new ContentStore(join(dir, 'blobs'));
    const bill = await inspectDocument(await makePdf(2), 'March bill.pdf');
    const photo = await inspectDocument(fixture('bill-photo.png'), 'LOA photo.png');
    const storedBill = await store.put(bill.bytes);
    const storedPhoto = await store.put(photo.bytes);
    expect(storedBill.size).toBe(bill.size);
    expect(storedPhoto.size).toBe(photo.size);
    expect(pdfPageCount(store.pathFor(storedBill.sha256))).toBe(2);
    expect(pdfPageCount(store.pathFor(storedPhoto.sha256))).toBe(1);
    expect(kazooFilename(photo.name)).toBe('LOA photo.pdf');
    // The same file dropped again is the same blob.
    expect(await store.put((await inspectDocument(bill.bytes, 'copy.pdf')).bytes)).toEqual(storedBill);
  });

  it('a rejected file never reaches the store', async () => {
    const store = new ContentStore(join(dir, 'rejected'));
    const bytes = fixture('encrypted-password.pdf');
    for (const [data, name] of [[bytes, 'locked.pdf'], [new TextEncoder().encode('MZ program'), 'evil.pdf']] as const) {
      await expect(inspectDocument(data, name).then((d) => store.put(d.bytes))).rejects.toMatchObject({ code: 'FILE' });
    }
    expect(await readdir(dir)).not.toContain('rejected');
  });
});

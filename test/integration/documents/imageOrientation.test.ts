import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectDocument } from '../../../src/main/documents/intake';
import { fixture, withExifOrientation } from '../../unit/documents/fixtures';
import { poppler } from './poppler';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portdesk-img-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Render page 1 as a binary PPM (P6) and return a pixel reader. */
async function render(pdf: Uint8Array, name: string): Promise<{ width: number; height: number; isRed: (fx: number, fy: number) => boolean }> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  poppler('pdftoppm', ['-r', '20', '-singlefile', file, join(dir, name)]);
  const ppm = await readFile(join(dir, `${name}.ppm`));
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a P6 PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  const isRed = (fx: number, fy: number) => {
    const i = offset + (Math.floor(fy * height) * width + Math.floor(fx * width)) * 3;
    const [r = 0, g = 0, b = 0] = [ppm[i], ppm[i + 1], ppm[i + 2]];
    return r > 150 && g < 90 && b < 90;
  };
  return { width, height, isRed };
}

describe('image conversion as other readers render it', () => {
  it('keeps an unrotated photo as is: red block top left, landscape page', async () => {
    const page = await render((await inspectDocument(fixture('bill-photo.jpg'), 'photo.jpg')).bytes, 'upright');
    expect(page.width).toBeGreaterThan(page.height);
    expect(page.isRed(0.2, 0.22)).toBe(true);
    expect(page.isRed(0.8, 0.22)).toBe(false);
  });

  it('turns an EXIF orientation 6 photo a quarter clockwise: red block top right, portrait page', async () => {
    const page = await render((await inspectDocument(withExifOrientation(fixture('bill-photo.jpg'), 6), 'IMG_0001.jpg')).bytes, 'turned');
    expect(page.height).toBeGreaterThan(page.width);
    expect(page.isRed(0.77, 0.2)).toBe(true);
    expect(page.isRed(0.23, 0.2)).toBe(false);
  });
});

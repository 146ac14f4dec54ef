import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './builderConfig';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('app icons', () => {
  it.each([16, 32, 48, 64, 128, 256, 512, 1024])('has a %ipx PNG of that size', (size) => {
    expect(pngSize(join(ROOT, `resources/icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
  });

  it('has a 1024px resources/icon.png fallback', () => {
    expect(pngSize(join(ROOT, 'resources/icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('has a Windows .ico holding 16..256px images', () => {
    const buf = readFileSync(join(ROOT, 'resources/icons/icon.ico'));
    expect(buf.readUInt16LE(0)).toBe(0);
    expect(buf.readUInt16LE(2)).toBe(1);
    const count = buf.readUInt16LE(4);
    // In ICONDIRENTRY a width byte of 0 means 256.
    const sizes = Array.from({ length: count }, (_, i) => buf.readUInt8(6 + i * 16) || 256);
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 32, 48, 64, 128, 256]);
  });

  it('has a macOS .icns up to 1024px (ic10)', () => {
    const buf = readFileSync(join(ROOT, 'resources/icons/icon.icns'));
    expect(buf.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(buf.readUInt32BE(4)).toBe(buf.length);
    const types: string[] = [];
    for (let off = 8; off < buf.length; off += buf.readUInt32BE(off + 4)) types.push(buf.subarray(off, off + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['ic08', 'ic09', 'ic10']));
  });
});

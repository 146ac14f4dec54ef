import { closeSync, openSync, ftruncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aheadAllowed } from '../../../src/main/import/numbersAhead';
import { AHEAD_MAX_TEXT_BYTES, AHEAD_MAX_XLSX_BYTES } from '../../../src/main/import/limits';
import { tempDir } from '../../support/temp';

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** A file of `size` bytes starting with `head` (sparse: nothing else is written). */
function fileOf(size: number, head: number[] = [0x4e, 0x75, 0x6d, 0x62]): string {
  const path = join(tempDir(), `source-${size}-${head[0]}`);
  const fd = openSync(path, 'w');
  writeSync(fd, Buffer.from(head));
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

describe('which sources are written while they are read (the write lock is held for the whole read)', () => {
  it('a CSV or text file up to the text limit, a workbook up to the smaller workbook limit', () => {
    expect(aheadAllowed({ kind: 'path', path: fileOf(AHEAD_MAX_TEXT_BYTES) })).toBe(true);
    expect(aheadAllowed({ kind: 'path', path: fileOf(AHEAD_MAX_TEXT_BYTES + 1) })).toBe(false);
    expect(aheadAllowed({ kind: 'path', path: fileOf(AHEAD_MAX_XLSX_BYTES, ZIP) })).toBe(true);
    expect(aheadAllowed({ kind: 'path', path: fileOf(AHEAD_MAX_XLSX_BYTES + 1, ZIP) })).toBe(false);
  });

  it('bytes and pastes by their length, and a path that cannot be read is not (the worker reports why)', () => {
    expect(aheadAllowed({ kind: 'file', fileName: 'a.xlsx', bytes: new Uint8Array(AHEAD_MAX_XLSX_BYTES + 1).fill(0x20, 4).map((b, i) => ZIP[i] ?? b) })).toBe(false);
    expect(aheadAllowed({ kind: 'file', fileName: 'a.csv', bytes: new Uint8Array(AHEAD_MAX_XLSX_BYTES + 1) })).toBe(true);
    expect(aheadAllowed({ kind: 'paste', utf8: new Uint8Array(AHEAD_MAX_TEXT_BYTES + 1) })).toBe(false);
    expect(aheadAllowed({ kind: 'path', path: join(tempDir(), 'missing.csv') })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { checkFileSize, countLines, decodeTextPieces, type TextPieces } from '../../../src/main/import/decode';
import { stringPieces } from '../../../src/main/import/csv';

const enc = (s: string) => new TextEncoder().encode(s);

const all = (pieces: TextPieces) => {
  const out: string[] = [];
  for (let p = pieces.next(); p !== undefined; p = pieces.next()) out.push(p);
  return out;
};

/** The whole text, its pieces joined. */
function decodeText(bytes: Uint8Array, maxBytes?: number) {
  const decoded = decodeTextPieces(bytes, maxBytes);
  return decoded.ok ? { ok: true, text: all(decoded.pieces()).join(''), encoding: decoded.encoding } : decoded;
}

describe('decodeTextPieces: the encoding and refusals', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(enc('Société'))).toEqual({ ok: true, text: 'Société', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Café')]))).toEqual({ ok: true, text: 'Café', encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE and BE by their BOM', () => {
    const le = Buffer.from('Müller,1', 'utf16le');
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]))).toMatchObject({ text: 'Müller,1', encoding: 'utf-16le' });
    const be = Buffer.from(le).swap16();
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]))).toMatchObject({ text: 'Müller,1', encoding: 'utf-16be' });
  });

  it('reads UTF-16 LE and BE without a BOM by where the zero bytes fall', () => {
    const text = 'Name,Number\r\nMüller GmbH,+49 30 1234567\r\n';
    const le = Buffer.from(text, 'utf16le');
    expect(decodeText(new Uint8Array(le))).toEqual({ ok: true, text, encoding: 'utf-16le' });
    expect(decodeText(new Uint8Array(Buffer.from(le).swap16()))).toEqual({ ok: true, text, encoding: 'utf-16be' });
    // Too short to tell, or zeros on both sides: not UTF-16, so refused as binary.
    expect(decodeText(new Uint8Array([0x41, 0x00, 0x42, 0x00]))).toMatchObject({ ok: false, error: { details: { reason: 'binary' } } });
    const mixed = new Uint8Array(Buffer.from('2025550100,2025550101', 'utf16le'));
    mixed[0] = 0;
    mixed[4] = 0;
    expect(decodeText(mixed)).toMatchObject({ ok: false, error: { details: { reason: 'binary' } } });
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(new Uint8Array(Buffer.from('Générale', 'latin1')))).toMatchObject({ text: 'Générale', encoding: 'windows-1252' });
    // Excel's curly quotes, dash and euro sign are Windows-1252's own (0x80-0x9F), not Latin-1 controls.
    expect(decodeText(new Uint8Array([0x93, ...enc('Caf'), 0xe9, 0x94, 0x20, 0x96, 0x20, 0x80]))).toMatchObject({ text: '“Café” – €' });
  });

  it('refuses binary data, known binary formats and empty input', () => {
    expect(decodeText(new Uint8Array([0x41, 0x00, 0x42, 0x43]))).toMatchObject({ ok: false, error: { code: 'FILE', details: { reason: 'binary' } } });
    const controls = new Uint8Array(100).fill(0x41);
    for (let i = 0; i < 10; i++) controls[i * 10] = 0x03;
    expect(decodeText(controls)).toMatchObject({ ok: false, error: { details: { reason: 'binary' } } });
    expect(decodeText(enc('%PDF-1.4 ...'))).toMatchObject({ ok: false, error: { details: { reason: 'not-text' } } });
    expect(decodeText(new Uint8Array())).toMatchObject({ ok: false, error: { details: { reason: 'empty' } } });
    expect(decodeText(enc(' \n\t\n'))).toMatchObject({ ok: false, error: { details: { reason: 'empty' } } });
  });

  it('refuses files above the limit with sizes in the message', () => {
    const e = checkFileSize(200 * 1024 * 1024);
    expect(e).toMatchObject({ code: 'FILE', details: { reason: 'too-large' } });
    expect(e?.message).toContain('200 MB');
    expect(e?.message).toContain('100 MB');
    expect(checkFileSize(10)).toBeUndefined();
    expect(decodeText(enc('2025550100\n2025550101\n'), 8)).toMatchObject({ ok: false, error: { details: { reason: 'too-large' } } });
  });
});

describe('decodeTextPieces', () => {
  it('gives the same text in pieces cut inside characters as in one piece', () => {
    const text = 'Name,Number\r\nSociété Générale,"+33 1 42 14 20 00"\r\nMüller 🇩🇪,+49 30 1234567\r\n';
    for (const bytes of [enc(text), new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]), new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])]) {
      const whole = decodeText(bytes);
      const decoded = decodeTextPieces(bytes, undefined, 3);
      if (!whole.ok || !decoded.ok) throw new Error('not decoded');
      const pieces = all(decoded.pieces());
      expect(pieces.length).toBeGreaterThan(10);
      expect(pieces.join('')).toBe(whole.text);
      expect(decoded.encoding).toBe(whole.encoding);
      expect(countLines(decoded.pieces())).toBe(3);
      // Each call decodes from the start again.
      expect(all(decoded.pieces()).join('')).toBe(whole.text);
    }
    const latin1 = new Uint8Array([...enc('Caf'), 0xe9, ...enc(',1\n\u20ac'), 0x80]);
    const decoded = decodeTextPieces(latin1, undefined, 2);
    expect(decoded).toMatchObject({ ok: true, encoding: 'windows-1252' });
    if (decoded.ok) expect(all(decoded.pieces()).join('')).toBe('Café,1\nâ‚¬€');
    expect(decodeText(latin1)).toMatchObject({ text: 'Café,1\nâ‚¬€' });
  });

  it('refuses blank text', () => {
    expect(decodeTextPieces(enc(' \r\n\t\n  '), undefined, 2)).toMatchObject({ ok: false, error: { details: { reason: 'empty' } } });
  });
});

describe('countLines', () => {
  it('counts a last line without a break, and stops counting past the limit', () => {
    expect(countLines(stringPieces('a\nb\nc'))).toBe(3);
    expect(countLines(stringPieces('a\nb\nc\n', 2), 3)).toBe(3);
    expect(countLines(stringPieces('a\n\n', 1))).toBe(2);
    expect(countLines(stringPieces(''))).toBe(1);
    const long = countLines(stringPieces('1\n'.repeat(1000), 4), 10);
    expect(long > 10 && long < 1000).toBe(true);
  });
});

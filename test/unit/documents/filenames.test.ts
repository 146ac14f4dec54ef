import { describe, expect, it } from 'vitest';
import { kazooFilename, MAX_FILENAME_LENGTH, pdfNameFor, sanitizeFilename } from '../../../src/main/documents/filenames';

describe('sanitizeFilename', () => {
  it('keeps ordinary names as they are', () => {
    expect(sanitizeFilename('Verizon bill March 2025.pdf')).toBe('Verizon bill March 2025.pdf');
    expect(sanitizeFilename('Zoë Société LOA.pdf')).toBe('Zoë Société LOA.pdf');
  });

  it('removes path separators and parent-directory references', () => {
    for (const evil of ['../../etc/passwd', '..\\..\\Windows\\system32\\evil.pdf', '/abs/path.pdf', 'a/../b.pdf']) {
      const safe = sanitizeFilename(evil);
      expect(safe).not.toMatch(/[/\\]/);
      expect(safe).not.toContain('..');
      expect(safe.startsWith('.')).toBe(false);
    }
    expect(sanitizeFilename('../../etc/passwd')).toBe('_._etc_passwd');
  });

  it('strips control characters and bidi overrides that disguise extensions', () => {
    expect(sanitizeFilename('bill\u0000\u0007\n.pdf')).toBe('bill.pdf');
    expect(sanitizeFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('replaces characters Windows forbids and avoids reserved device names', () => {
    expect(sanitizeFilename('LOA: "Acme" <final>?.pdf')).toBe('LOA_ _Acme_ _final__.pdf');
    expect(sanitizeFilename('CON.pdf')).toBe('_CON.pdf');
    expect(sanitizeFilename('nul')).toBe('_nul');
  });

  it('trims dots and spaces at the ends and never returns an empty name', () => {
    expect(sanitizeFilename('  bill.pdf. ')).toBe('bill.pdf');
    expect(sanitizeFilename('...')).toBe('document');
    expect(sanitizeFilename('\u0001\u0002')).toBe('document');
  });

  it('caps the length and keeps the extension', () => {
    const safe = sanitizeFilename(`${'x'.repeat(300)}.pdf`);
    expect(Array.from(safe)).toHaveLength(MAX_FILENAME_LENGTH);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(Array.from(sanitizeFilename('é'.repeat(500)))).toHaveLength(MAX_FILENAME_LENGTH);
  });
});

describe('kazooFilename', () => {
  it('appends .pdf when missing, as Kazoo does', () => {
    expect(kazooFilename('loa')).toBe('loa.pdf');
    expect(kazooFilename('bill.jpg')).toBe('bill.jpg.pdf');
    expect(kazooFilename('bill.pdf')).toBe('bill.pdf');
  });

  it('normalises an upper-case extension so local and remote names agree', () => {
    expect(kazooFilename('SCAN.PDF')).toBe('SCAN.pdf');
  });

  it('sanitises first and stays within the length cap', () => {
    expect(kazooFilename('../x')).toBe('_x.pdf');
    const long = kazooFilename('y'.repeat(300));
    expect(Array.from(long).length).toBeLessThanOrEqual(MAX_FILENAME_LENGTH);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('pdfNameFor', () => {
  it('replaces an image extension with .pdf', () => {
    expect(pdfNameFor('photo of bill.JPG')).toBe('photo of bill.pdf');
    expect(pdfNameFor('scan.png')).toBe('scan.pdf');
    expect(pdfNameFor('noext')).toBe('noext.pdf');
  });
});

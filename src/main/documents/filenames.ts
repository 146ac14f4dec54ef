/** Longest file name we keep, in characters: far below the 255-byte limit of common file systems. */
export const MAX_FILENAME_LENGTH = 120;

const FALLBACK_NAME = 'document';

// Windows refuses these base names whatever the extension; a file synced to a Windows desktop must open.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * Make a file name coming from a remote, a drop or a user safe to store, show and write to disk:
 * no path separators or `..` (so it can never escape a directory), no control or bidi-override
 * characters (which can disguise `gpj.exe` as `exe.jpg`), none of the characters Windows forbids,
 * no leading/trailing dots or spaces, a length cap that keeps the extension, and never empty.
 */
export function sanitizeFilename(input: string): string {
  let name = input.normalize('NFC');
  // C0/C1 controls and Unicode format characters (bidi overrides, zero-width joiners, BOM).
  name = name.replace(/[\p{Cc}\p{Cf}]/gu, '');
  name = name.replace(/[/\\]/g, '_');
  name = name.replace(/[<>:"|?*]/g, '_');
  name = name.replace(/\.{2,}/g, '.');
  name = name.replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  name = capLength(name, MAX_FILENAME_LENGTH);
  if (name === '') return FALLBACK_NAME;
  const dot = name.indexOf('.');
  const base = dot === -1 ? name : name.slice(0, dot);
  if (WINDOWS_RESERVED.test(base)) name = `_${name}`;
  return name;
}

/** Shorten `name` to `max` characters (code points), keeping a short extension intact. */
function capLength(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length > 0 && ext.length <= 10) {
    const base = chars.slice(0, max - ext.length).join('').replace(/[\s.]+$/, '');
    return base + ext.join('');
  }
  return chars.slice(0, max).join('').replace(/[\s.]+$/, '');
}

/**
 * The name Kazoo will store an attachment under: its API appends `.pdf` to any name not ending in
 * `.pdf`. An upper-case `.PDF` is rewritten to `.pdf` so the local name equals the remote one
 * whether or not the server compares case-insensitively.
 */
export function kazooFilename(name: string): string {
  const safe = sanitizeFilename(name);
  if (safe.endsWith('.pdf')) return safe;
  if (/\.pdf$/i.test(safe)) return `${safe.slice(0, -4)}.pdf`;
  return capLength(safe, MAX_FILENAME_LENGTH - 4) + '.pdf';
}

/** `scan.jpg` -> `scan.pdf`: the name of an image once converted to a PDF. */
export function pdfNameFor(name: string): string {
  const safe = sanitizeFilename(name);
  const dot = safe.lastIndexOf('.');
  const base = dot > 0 ? safe.slice(0, dot) : safe;
  return kazooFilename(base);
}

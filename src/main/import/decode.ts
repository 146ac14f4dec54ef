import type { AppErrorShape } from '../../shared/errors';
import { MAX_IMPORT_BYTES } from './limits';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Why a file was refused before any row was read. */
export type FileRefusal = 'empty' | 'too-large' | 'binary' | 'not-text';

export interface FileError extends AppErrorShape {
  code: 'FILE';
  details: { reason: FileRefusal };
}

export type DecodeResult = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; error: FileError };

function fileError(reason: FileRefusal, message: string): FileError {
  return { code: 'FILE', message, details: { reason } };
}

const MB = 1024 * 1024;

/** Refuse a file by its size alone, before reading it (so a 2 GB file is never loaded). */
export function checkFileSize(size: number, maxBytes: number = MAX_IMPORT_BYTES): FileError | undefined {
  if (size === 0) return fileError('empty', 'The file is empty: there is nothing to import.');
  if (size > maxBytes) {
    return fileError(
      'too-large',
      `The file is ${(size / MB).toFixed(0)} MB; imports are limited to ${(maxBytes / MB).toFixed(0)} MB. ` +
        'Split it, or remove columns and sheets that are not needed.',
    );
  }
  return undefined;
}

/** Magic numbers of formats people commonly rename to .csv by mistake. */
const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) or Word file; save it as .xlsx or .csv' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
];

/** True when `bytes` start like a ZIP container (XLSX, DOCX...). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Share of control characters above which a "text" file is treated as binary. */
const CONTROL_RATIO = 0.05;
const SAMPLE_BYTES = 64 * 1024;

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    // A NUL never appears in 8-bit or UTF-8 text; one is enough.
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control / n > CONTROL_RATIO;
}

/** Pairs sampled, and the share of them whose high byte must be zero, to call a file BOM-less UTF-16. */
const UTF16_SAMPLE_PAIRS = 2048;
const UTF16_MIN_PAIRS = 4;
const UTF16_ZERO_SHARE = 0.6;

/**
 * UTF-16 without a byte-order mark (some exports from Windows tools and phone systems): text of
 * Latin letters, digits and punctuation has a zero high byte in most code units, on the odd
 * bytes for little-endian and the even ones for big-endian, while the other half is almost
 * never zero. Anything less regular is left to the binary check.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(Math.floor(bytes.length / 2), UTF16_SAMPLE_PAIRS);
  if (pairs < UTF16_MIN_PAIRS) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  const quiet = pairs * 0.02;
  if (oddZeros >= pairs * UTF16_ZERO_SHARE && evenZeros <= quiet) return 'utf-16le';
  if (evenZeros >= pairs * UTF16_ZERO_SHARE && oddZeros <= quiet) return 'utf-16be';
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decode the bytes of a text file: a BOM decides UTF-8/UTF-16, then the zero bytes of BOM-less
 * UTF-16; otherwise strict UTF-8, falling back to Windows-1252 (the superset of Latin-1 that Excel on Windows writes) when the bytes are
 * not valid UTF-8. Binary files are refused with a message naming what they look like.
 */
export function decodeText(bytes: Uint8Array, maxBytes: number = MAX_IMPORT_BYTES): DecodeResult {
  const sizeError = checkFileSize(bytes.length, maxBytes);
  if (sizeError) return { ok: false, error: sizeError };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return finish(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return finish(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return finish(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8-bom');
  }
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature) return { ok: false, error: fileError('not-text', `This file is ${signature.what}, not a CSV or text file.`) };
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return finish(new TextDecoder(utf16).decode(bytes), utf16);
  if (looksBinary(bytes)) {
    return {
      ok: false,
      error: fileError('binary', 'This file contains binary data, not text: it is not a CSV file even if it is named like one.'),
    };
  }
  try {
    return finish(utf8.decode(bytes), 'utf-8');
  } catch {
    return finish(new TextDecoder('windows-1252').decode(bytes), 'windows-1252');
  }
}

function finish(text: string, encoding: TextEncodingName): DecodeResult {
  if (text.trim() === '') return { ok: false, error: fileError('empty', 'The file contains only blank space: there is nothing to import.') };
  return { ok: true, text, encoding };
}

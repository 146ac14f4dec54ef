import { isUtf8 } from 'node:buffer';
import type { AppErrorShape } from '../../shared/errors';
import { MAX_IMPORT_BYTES } from './limits';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Why a file was refused before any row was read. */
export type FileRefusal = 'empty' | 'too-large' | 'binary' | 'not-text';

export interface FileError extends AppErrorShape {
  code: 'FILE';
  details: { reason: FileRefusal };
}

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

/** How a text file is decoded: its encoding and the bytes its text starts after (a byte-order mark). */
interface Decoding {
  encoding: TextEncodingName;
  decoder: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  skip: number;
}

/**
 * Decide how to decode the bytes of a text file: a BOM decides UTF-8/UTF-16, then the zero bytes
 * of BOM-less UTF-16; otherwise strict UTF-8, falling back to Windows-1252 (the superset of
 * Latin-1 that Excel on Windows writes) when the bytes are not valid UTF-8. Binary files are
 * refused with a message naming what they look like.
 */
function chooseDecoding(bytes: Uint8Array, maxBytes: number): Decoding | FileError {
  const sizeError = checkFileSize(bytes.length, maxBytes);
  if (sizeError) return sizeError;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', decoder: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', decoder: 'utf-16be', skip: 2 };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', decoder: 'utf-8', skip: 3 };
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (signature) return fileError('not-text', `This file is ${signature.what}, not a CSV or text file.`);
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return { encoding: utf16, decoder: utf16, skip: 0 };
  if (looksBinary(bytes)) return fileError('binary', 'This file contains binary data, not text: it is not a CSV file even if it is named like one.');
  return isUtf8(bytes) ? { encoding: 'utf-8', decoder: 'utf-8', skip: 0 } : { encoding: 'windows-1252', decoder: 'windows-1252', skip: 0 };
}

/** Bytes decoded at a time by {@link decodeTextPieces}. */
const PIECE_BYTES = 256 * 1024;

/** A text handed over piece by piece, with the share of it handed over so far (0..1). */
export interface TextPieces {
  /** The next piece, or undefined at the end. */
  next(): string | undefined;
  read(): number;
}

export type DecodedPieces = { ok: true; encoding: TextEncodingName; pieces: () => TextPieces } | { ok: false; error: FileError };

/**
 * Decode the bytes of a text file (see {@link chooseDecoding}) a piece at a time, so a file of
 * 100 MB is never held as one string (as UTF-16 that string alone would be 200 MB): `pieces()`
 * decodes it again from the start at each call. Blank text is refused (read up to its first
 * other character).
 */
export function decodeTextPieces(bytes: Uint8Array, maxBytes: number = MAX_IMPORT_BYTES, pieceBytes = PIECE_BYTES): DecodedPieces {
  const decoding = chooseDecoding(bytes, maxBytes);
  if ('code' in decoding) return { ok: false, error: decoding };
  const pieces = piecesOf(bytes, decoding, pieceBytes);
  if (isBlank(pieces())) return { ok: false, error: blankFile() };
  return { ok: true, encoding: decoding.encoding, pieces };
}

/** True when the text holds nothing but white space (read up to its first other character). */
export function isBlank(text: TextPieces): boolean {
  for (let piece = text.next(); piece !== undefined; piece = text.next()) if (piece.trim() !== '') return false;
  return true;
}

/**
 * The lines of a text (a trailing line break ends the last line, it does not start one), counted
 * up to the first past `maxLines`: a longer text is refused whatever its length.
 */
export function countLines(text: TextPieces, maxLines = Infinity): number {
  let breaks = 0;
  let endsWithBreak = false;
  for (let piece = text.next(); piece !== undefined && breaks <= maxLines; piece = text.next()) {
    for (let i = piece.indexOf('\n'); i !== -1; i = piece.indexOf('\n', i + 1)) breaks++;
    // An empty piece says nothing of how the text ends.
    if (piece !== '') endsWithBreak = piece.endsWith('\n');
  }
  return endsWithBreak ? breaks : breaks + 1;
}

/** Text known to be UTF-8 (a paste, encoded by main for the worker), decoded a piece at a time. */
export function utf8Pieces(bytes: Uint8Array, pieceBytes = PIECE_BYTES): () => TextPieces {
  return piecesOf(bytes, { encoding: 'utf-8', decoder: 'utf-8', skip: 0 }, pieceBytes);
}

/** Each call starts a decoding of `bytes` from their start, `pieceBytes` at a time. */
function piecesOf(bytes: Uint8Array, decoding: Decoding, pieceBytes: number): () => TextPieces {
  return () => {
    const decoder = new TextDecoder(decoding.decoder, { ignoreBOM: true });
    let at = decoding.skip;
    return {
      next: () => {
        if (at >= bytes.length) return undefined;
        const end = pieceEnd(bytes, at, pieceBytes, decoding.decoder);
        const text = decodeWith(decoder, decoding, bytes.subarray(at, end));
        at = end;
        return text;
      },
      read: () => (bytes.length === 0 ? 1 : at / bytes.length),
    };
  };
}

/**
 * Decode whole characters. Node's one-shot decoding is its fast one (UTF-8 text stays one byte a
 * character in memory, where its streaming decoder makes two), but for Windows-1252 it reads
 * 0x80-0x9F as Latin-1 control characters (the curly quotes, dashes and euro sign Excel writes):
 * those bytes go through the streaming decoder, which maps them right.
 */
function decodeWith(decoder: TextDecoder, decoding: Decoding, bytes: Uint8Array): string {
  return decoding.decoder === 'windows-1252' ? decoder.decode(bytes, { stream: true }) : decoder.decode(bytes);
}

/** Where a piece from `at` ends: about `size` bytes on, never inside a character (or a UTF-16 surrogate pair). */
function pieceEnd(bytes: Uint8Array, at: number, size: number, decoder: Decoding['decoder']): number {
  let end = Math.min(bytes.length, at + Math.max(size, 4));
  if (end === bytes.length) return end;
  if (decoder === 'utf-8') {
    // Back up over continuation bytes (10xxxxxx) to the lead byte of the character cut in two.
    while (end > at + 1 && (bytes[end]! & 0xc0) === 0x80) end--;
  } else if (decoder !== 'windows-1252') {
    end -= (end - at) % 2;
    const high = decoder === 'utf-16le' ? bytes[end - 1]! : bytes[end - 2]!;
    if (high >= 0xd8 && high <= 0xdb) end -= 2;
  }
  return end;
}

function blankFile(): FileError {
  return fileError('empty', 'The file contains only blank space: there is nothing to import.');
}

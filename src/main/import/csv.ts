import Papa from 'papaparse';
import { problem } from './problems';
import type { SourceRow, SourceTable } from './table';
import { collectRows, type RowSink, type StreamedTable } from './rowSink';
import { heldHead, type HeaderOptions } from './header';
import type { TextPieces } from './decode';

export interface DelimitedOptions extends HeaderOptions {
  /** Field delimiter; guessed from the text (comma, semicolon, tab, pipe) when omitted. */
  delimiter?: string;
  format?: SourceTable['format'];
}

const GUESSES = [',', ';', '\t', '|'];

/** Characters parsed at a time: about the head the early preview reads, so both see the same rows. */
const CHUNK_CHARS = 256 * 1024;

/** Characters of the text's start the delimiter is guessed on. */
const GUESS_CHARS = 64 * 1024;

/**
 * Parse delimited text (CSV, TSV, semicolon CSV from European Excel) into a table. Quoted
 * fields may hold delimiters and line breaks. Row numbers count records the way a spreadsheet
 * shows them (a quoted multi-line cell stays on one row), blank lines included.
 */
export function parseDelimited(text: string, options: DelimitedOptions = {}): SourceTable {
  return collectRows((sink) => streamDelimited(text, options, sink));
}

/**
 * {@link parseDelimited} in chunks: records are turned into rows and handed to `sink` chunk by
 * chunk and never all held, so a file of millions of rows takes the memory of one chunk.
 */
export function streamDelimited(text: string | TextPieces, options: DelimitedOptions, sink: RowSink, chunkChars = CHUNK_CHARS): StreamedTable {
  const pieces = typeof text === 'string' ? stringPieces(text, chunkChars) : text;
  // The delimiter is guessed on the first records: pieces are joined until they hold enough.
  let first = pieces.next();
  for (let more = first; first !== undefined && first.length < GUESS_CHARS && more !== undefined; ) {
    more = pieces.next();
    if (more !== undefined) first += more;
  }
  const delimiter = options.delimiter ?? guessDelimiter(first ?? '');
  const head = heldHead<SourceRow>(options, sink, { format: options.format ?? 'csv', delimiter });
  let records = 0;
  parsePieces(first, pieces, delimiter, (results) => {
    const base = records;
    for (const e of results.errors) {
      // A single-column file has no delimiter to detect; that is fine, not a problem.
      if (e.code === 'UndetectableDelimiter') continue;
      const row = base + (e.row ?? 0) + 1;
      const message =
        e.code === 'MissingQuotes'
          ? `Row ${row}: a quoted field is never closed, so the rest of the file may have been read as one cell`
          : `Row ${row}: ${e.message}`;
      head.problems.push(problem(row, null, 'warning', 'csv-malformed', message));
    }
    let rows: SourceRow[] = [];
    for (const cells of results.data) {
      const index = records++;
      if (isBlank(cells)) continue;
      const row = { row: index + 1, cells: cells.map((c: string) => c.trim()) };
      if (!head.holding) {
        head.widen(row.cells.length);
        rows.push(row);
        continue;
      }
      if (head.hold(row)) rows = head.settle();
    }
    if (!head.holding) head.deliver(rows, pieces.read());
  });
  // A source shorter than the rows the header is looked for among.
  if (head.holding) head.deliver(head.settle(), 1);
  return { ...head.shape(), totalRows: head.totalRows };
}

/** A string handed over as {@link TextPieces} of `chars` characters. */
export function stringPieces(text: string, chars = CHUNK_CHARS): TextPieces {
  let at = 0;
  return {
    next: () => {
      if (at >= text.length) return undefined;
      const piece = text.slice(at, at + chars);
      at += chars;
      return piece;
    },
    read: () => (text.length === 0 ? 1 : Math.min(1, at / text.length)),
  };
}

/** What Papa Parse's chunk streamer offers besides its typings: the loop over chunks is ours. */
interface ChunkStreamer {
  _finished: boolean;
  _nextChunk: () => void;
  parseChunk(chunk: string): void;
}

/**
 * Parse text arriving in pieces with Papa Parse's own chunk streamer (a record cut between two
 * pieces is joined again; a quoted cell may span pieces), one piece at a time. Papa Parse's
 * streamers fetch each next chunk from inside the last one's parse, a recursion that keeps every
 * chunk alive on the stack until the end; here each piece is parsed and let go in turn.
 */
function parsePieces(first: string | undefined, pieces: TextPieces, delimiter: string, chunk: (results: Papa.ParseResult<string[]>) => void): void {
  const Streamer = (Papa as unknown as { StringStreamer: new (config: object) => ChunkStreamer }).StringStreamer;
  const streamer = new Streamer({ delimiter, skipEmptyLines: false, dynamicTyping: false, transform: false, chunk, complete: () => undefined });
  streamer._nextChunk = () => undefined;
  let piece = first ?? '';
  for (let done = false; !done; ) {
    const next = pieces.next();
    done = next === undefined;
    streamer._finished = done;
    streamer.parseChunk(piece);
    piece = next ?? '';
  }
}

/**
 * The delimiter of the first records. Guessed on non-blank lines only: Papa Parse counts a blank
 * line (the trailing newline of every exported file) as a one-field record against each
 * candidate, which makes a two-column semicolon file look like a one-column comma file.
 */
function guessDelimiter(text: string): string {
  return Papa.parse<string[]>(text, { delimitersToGuess: GUESSES, skipEmptyLines: 'greedy', preview: 100 }).meta.delimiter;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

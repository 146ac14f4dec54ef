import type { SourceRow, SourceTable } from './table';

/**
 * Where a streaming reader delivers a source: `head` once, with the table's shape and its first
 * rows (enough to choose a mapping and show a preview), then `rows` in order, batch by batch,
 * the head's rows included, with the share of the source read so far (0..1).
 */
export interface RowSink {
  head(table: SourceTable): void;
  rows(rows: SourceRow[], read: number): void;
}

/** What a streaming reader returns once done: the table's final shape (headers may have widened) and row count. */
export type StreamedTable = Omit<SourceTable, 'rows'> & { totalRows: number };

/** Rows read between two deliveries to a sink. */
export const STREAM_BATCH_ROWS = 5_000;

/** A streamed read, its rows collected into a plain table (small sources, tests). */
export function collectRows(read: (sink: RowSink) => StreamedTable): SourceTable {
  const { sink, rows } = collectingSink();
  return withRows(read(sink), rows);
}

/** {@link collectRows} of a read that may refuse its source. */
export async function collectResult<E>(read: (sink: RowSink) => Promise<{ ok: true; table: StreamedTable } | { ok: false; error: E }>): Promise<{ ok: true; table: SourceTable } | { ok: false; error: E }> {
  const { sink, rows } = collectingSink();
  const result = await read(sink);
  return result.ok ? { ok: true, table: withRows(result.table, rows) } : result;
}

/** A sink keeping every row it is given. */
export function collectingSink(): { sink: RowSink; rows: SourceRow[] } {
  const rows: SourceRow[] = [];
  return {
    rows,
    sink: {
      head: () => undefined,
      rows: (batch) => {
        for (const r of batch) rows.push(r);
      },
    },
  };
}

function withRows({ totalRows: _total, ...table }: StreamedTable, rows: SourceRow[]): SourceTable {
  return { ...table, rows };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportRowView } from '../../../shared/rpc/methods/import';
import { rpc } from '../rpc/transport';

const PAGE = 200;

/**
 * Checked rows fetched a page at a time as the virtualised table scrolls: a 100k-row plan
 * stays in the main process, the window holds only what was looked at. A new revision (a fix,
 * a remap) or filter starts a fresh cache.
 */
export function useRowPages(jobId: string | null, revision: number, filter: 'all' | 'problems', enabled: boolean) {
  const [pages, setPages] = useState<ReadonlyMap<number, ImportRowView[]>>(new Map());
  const [total, setTotal] = useState(0);
  const requested = useRef(new Set<number>());
  const key = `${jobId}:${revision}:${filter}:${enabled}`;
  const current = useRef(key);

  useEffect(() => {
    current.current = key;
    requested.current = new Set();
    setPages(new Map());
    setTotal(0);
  }, [key]);

  const load = useCallback(
    (page: number) => {
      if (!jobId || !enabled || requested.current.has(page)) return;
      requested.current.add(page);
      const mine = key;
      rpc
        .call('import.rows', { jobId, offset: page * PAGE, limit: PAGE, filter })
        .then((result) => {
          if (current.current !== mine) return;
          setTotal(result.total);
          setPages((prev) => new Map(prev).set(page, result.rows));
        })
        .catch(() => requested.current.delete(page));
    },
    [jobId, enabled, filter, key],
  );

  useEffect(() => load(0), [load]);

  /** The row at `index`, asking for its page when it is not here yet. */
  const rowAt = useCallback(
    (index: number): ImportRowView | undefined => {
      const page = Math.floor(index / PAGE);
      const rows = pages.get(page);
      if (!rows) load(page);
      return rows?.[index - page * PAGE];
    },
    [pages, load],
  );

  return { total, rowAt, loaded: pages.has(0) };
}

import { useCallback, useEffect, useState } from 'react';
import { AppError } from '../../../shared/errors';
import type { PortDetail } from '../../../shared/model';
import { rpc } from '../rpc/transport';
import { onPortsChanged } from '../stores/portsFeed';

export type DetailState = { status: 'loading' } | { status: 'ready'; port: PortDetail } | { status: 'missing'; message: string } | { status: 'error'; message: string };

/** The full detail of one port, refetched whenever a change event names it (or on reload). */
export function usePortDetail(id: string): { state: DetailState; refresh(): Promise<void>; replace(port: PortDetail): void } {
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const refresh = useCallback(async () => {
    try {
      setState({ status: 'ready', port: await rpc.call('ports.get', { id }) });
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') setState({ status: 'missing', message: err.message });
      else setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }, [id]);
  useEffect(() => {
    void refresh();
    return onPortsChanged((ids, all) => {
      if (all || ids.has(id)) void refresh();
    });
  }, [id, refresh]);
  const replace = useCallback((port: PortDetail) => setState({ status: 'ready', port }), []);
  return { state, refresh, replace };
}

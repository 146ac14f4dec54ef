import { useEffect, useState } from 'react';

type ViewerModule = typeof import('./viewer/DocumentViewer');

let loaded: ViewerModule | undefined;
let loading: Promise<ViewerModule> | undefined;

/** The viewer chunk (pdf.js, the viewer UI), fetched once whoever asks first. */
export function loadViewer(): Promise<ViewerModule> {
  loading ??= import('./viewer/DocumentViewer').then((m) => (loaded = m));
  // A failed load may be retried by the next document opened.
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * The viewer module once it is loaded (undefined meanwhile), loading it when `wanted`. Not
 * React.lazy: a lazy component suspends even when its chunk is already here, and React holds a
 * resolved Suspense boundary back for ~300 ms, a third of the first open's budget.
 */
export function useViewerModule(wanted: boolean, onError: (err: unknown) => void): ViewerModule | undefined {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (wanted && !module) loadViewer().then(setModule, onError);
  }, [wanted, module, onError]);
  return module ?? loaded;
}

/**
 * Load the document viewer and start the pdf.js worker when the app is idle after start. Without
 * it the first document of a session waits ~1 s for the chunk and the worker, three times a
 * reopen. Idle time keeps it off the board's first paint; the timeout bounds the wait on a
 * machine that is never idle.
 */
export function warmUpViewerWhenIdle(): void {
  // A failed warm-up costs nothing: opening a document loads again and reports its own error.
  const start = () => void loadViewer().then((m) => m.warmUpViewer()).catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 4000 });
  else setTimeout(start, 1000);
}

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

/** How long the specialist must have left keyboard and mouse alone before the warm-up runs. */
const QUIET_MS = 1500;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Load the document viewer and start the pdf.js worker when the app is idle after start. Without
 * it the first document of a session waits ~1 s for the chunk and the worker, three times a
 * reopen. Idle means the main thread and the user: its tasks block input for up to ~90 ms, which
 * a search typed right after start would feel (bench board: the first keystrokes took 90-130 ms
 * when they met it), so it waits for 1.5 s without a key, click or wheel. The idle timeout bounds
 * the wait on a machine that is never idle.
 */
export function warmUpViewerWhenIdle(): void {
  let lastInput = -Infinity;
  const note = () => (lastInput = performance.now());
  for (const type of INPUT_EVENTS) addEventListener(type, note, { capture: true, passive: true });
  // A failed warm-up costs nothing: opening a document loads again and reports its own error.
  const start = () => {
    for (const type of INPUT_EVENTS) removeEventListener(type, note, { capture: true });
    // The mark tells the benches the warm-up is over (it is no part of what they time).
    void loadViewer()
      .then((m) => m.warmUpViewer())
      .catch(() => undefined)
      .then(() => performance.mark('portdesk:viewer-warm'));
  };
  const attempt = () => {
    const quiet = performance.now() - lastInput;
    if (quiet < QUIET_MS) setTimeout(schedule, QUIET_MS - quiet);
    else start();
  };
  const schedule = () => requestIdleCallback(attempt, { timeout: 4000 });
  schedule();
}

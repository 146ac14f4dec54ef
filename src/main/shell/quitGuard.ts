/** The app members the quit guard uses (Electron's `app` satisfies it). */
export interface QuittableApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/**
 * Makes quitting wait for in-flight work (the current sync transaction, the outbox push in
 * progress) before the process exits. The first quit is held while `finish` runs, bounded by
 * `timeoutMs` so a hung network call cannot keep the app alive; then quit proceeds. Committed
 * local changes are already durable, so the timeout loses nothing but the unfinished request.
 */
export function installQuitGuard(
  app: QuittableApp,
  opts: { finish: () => Promise<void>; timeoutMs?: number; onTimeout?: () => void; onError?: (err: unknown) => void },
): void {
  let phase: 'running' | 'finishing' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'done') return;
    event.preventDefault();
    if (phase === 'finishing') return;
    phase = 'finishing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), opts.timeoutMs ?? 10_000);
    });
    const work = opts.finish().then(
      () => 'finished' as const,
      (err: unknown) => {
        opts.onError?.(err);
        return 'failed' as const;
      },
    );
    void Promise.race([work, timeout]).then((outcome) => {
      clearTimeout(timer);
      if (outcome === 'timeout') opts.onTimeout?.();
      phase = 'done';
      app.quit();
    });
  });
}

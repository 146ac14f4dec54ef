/**
 * Run `work` over `items` with at most `concurrency` calls in flight; results in input order.
 * Remote calls are bounded so a pull of thousands of requests neither floods the server nor
 * waits on each round trip in turn.
 *
 * Once a call fails (or a result asks to stop, `stopAfter`), no further item is started: a
 * refused token or a dead server is not asked again thousands of times. The pool settles only
 * when the calls already in flight have, so nothing of a finished run is still talking to the
 * server behind the next one; then it rejects with the first failure. Items never started have
 * no result (undefined).
 */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  stopAfter?: (result: R) => boolean,
): Promise<Array<R | undefined>> {
  const out = new Array<R | undefined>(items.length);
  let next = 0;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!stopped && next < items.length) {
      const i = next;
      next += 1;
      try {
        const result = await work(items[i] as T);
        out[i] = result;
        if (stopAfter?.(result)) stopped = true;
      } catch (error) {
        failure ??= { error };
        stopped = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
  return out;
}

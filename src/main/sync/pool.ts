/**
 * Run `work` over `items` with at most `concurrency` calls in flight; results in input order.
 * Remote calls are bounded so a pull of thousands of requests neither floods the server nor
 * waits on each round trip in turn.
 */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

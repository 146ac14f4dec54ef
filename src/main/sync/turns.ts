/**
 * Work on the process that serves the window is cut into slices of time, with a turn of the event
 * loop between two slices: a 10,000-port pull never holds the window more than one slice (plus
 * the one step that ends it). Slices are sized by time, not by count, so a slow machine or a
 * large document does not make a slice longer.
 */
export const SLICE_MS = 20;

export class Turns {
  private deadline: number;

  constructor(private readonly sliceMs = SLICE_MS) {
    this.deadline = performance.now() + sliceMs;
  }

  /** True once this slice has run its time: the caller ends its unit of work and awaits {@link next}. */
  due(): boolean {
    return performance.now() >= this.deadline;
  }

  /** A turn of the event loop (timers and I/O run), then a new slice. */
  async next(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.deadline = performance.now() + this.sliceMs;
  }

  /**
   * {@link next} from an I/O callback (an answer's last bytes just read): a setImmediate queued
   * there runs in this same iteration of the loop, before any timer or other I/O, so it takes two:
   * that one, then {@link next}'s, queued from it, which runs after the timers and I/O of the next.
   */
  async nextAfterIo(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.next();
  }

  /** {@link next} when the slice is used up. */
  async check(): Promise<void> {
    if (this.due()) await this.next();
  }
}

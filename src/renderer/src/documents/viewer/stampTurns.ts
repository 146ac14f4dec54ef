/**
 * One stamp at a time, each on the document as the one before left it. A stamp snapshots the open
 * document, the host writes the snapshot plus the mark as the draft, and the viewer reopens that
 * draft. A second stamp taken before the reopen would snapshot the document without the first mark
 * and write over it (a signature lost), so it waits for the reopened document.
 */
export class StampTurns<Doc> {
  private doc: Doc | null = null;
  private busy = false;
  private waiters: Array<() => void> = [];

  /** The document is mounted (first open, or reopened after a stamp): the next stamp may take it. */
  ready(doc: Doc): void {
    this.doc = doc;
    this.busy = false;
    this.wake();
  }

  /** The document is going (closed, or replaced by a reopen): no stamp may snapshot it. */
  gone(): void {
    this.doc = null;
  }

  /** Wait until no stamp is in progress and a document is mounted, then take it for one stamp. */
  async take(): Promise<Doc> {
    for (;;) {
      if (!this.busy && this.doc !== null) {
        this.busy = true;
        return this.doc;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The stamp was not written: nothing reopens, so the next stamp takes the same document. */
  release(): void {
    this.busy = false;
    this.wake();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

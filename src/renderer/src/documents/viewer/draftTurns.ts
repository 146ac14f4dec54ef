/**
 * One rewrite of the draft at a time (a stamp, an undo past what pdf.js holds, a discard), each on
 * the document as the one before left it. A rewrite changes the draft on the host and the viewer
 * reopens it. A stamp taken before that reopen would snapshot the document without the last mark
 * and write over it (a signature lost); an undo would go back from a state that is no longer the
 * draft's. So each waits for the reopened document.
 */
export class DraftTurns<Doc> {
  private doc: Doc | null = null;
  private busy = false;
  private waiters: Array<() => void> = [];

  /** The document is mounted (first open, or reopened after a rewrite): the next rewrite may take it. */
  ready(doc: Doc): void {
    this.doc = doc;
    this.busy = false;
    this.wake();
  }

  /** The document is going (closed, or replaced by a reopen): no rewrite may take it. */
  gone(): void {
    this.doc = null;
  }

  /** Wait until no rewrite is in progress and a document is mounted, then take it for one rewrite. */
  async take(): Promise<Doc> {
    for (;;) {
      if (!this.busy && this.doc !== null) {
        this.busy = true;
        return this.doc;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The rewrite failed: nothing reopens, so the next one takes the same document. */
  release(): void {
    this.busy = false;
    this.wake();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

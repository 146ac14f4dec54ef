import { rpc } from '../../rpc/transport';
import { toBase64 } from '../bytes';
import type { ViewerController } from './viewerController';

const DEBOUNCE_MS = 800;

/**
 * Keeps the annotations made so far in the database while editing (crash-safe): after each change,
 * debounced, the PDF with the marks written in is stored as the attachment's draft. Writes are
 * serialised and skipped when pdf.js reports the same annotation content as the last one kept.
 */
export class DraftSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private savedHash: string;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly controller: ViewerController,
    private readonly attachmentId: string,
    private readonly baseSha256: string,
    private readonly onSaved: (at: number) => void,
    private readonly onError: (message: string) => void,
    /** Whether a signature was placed in this session (the server keeps it for the draft). */
    private readonly isSigned: () => boolean = () => false,
  ) {
    this.savedHash = controller.hash;
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  /** Write now if anything changed (also used before closing the viewer). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.running = this.running.then(async () => {
      const hash = this.controller.hash;
      if (hash === this.savedHash) return;
      try {
        const bytes = await this.controller.snapshot();
        const draft = await rpc.call('annotations.saveDraft', { id: this.attachmentId, baseSha256: this.baseSha256, contentBase64: toBase64(bytes), signed: this.isSigned() });
        this.savedHash = hash;
        this.onSaved(draft.updatedAt);
      } catch (err) {
        this.onError(err instanceof Error ? err.message : String(err));
      }
    });
    return this.running;
  }

  /** After "Save to PDF" the draft is gone; nothing is pending any more. */
  markClean(): void {
    clearTimeout(this.timer);
    this.savedHash = this.controller.hash;
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

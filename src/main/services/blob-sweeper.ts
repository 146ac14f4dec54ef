import type { ContentStore } from '../documents';
import type { AttachmentsRepo } from '../db/repos/attachments-repo';

/**
 * Blobs younger than this are left alone by the full sweep: content is stored before the
 * transaction that references it commits (possibly in another process, e.g. the CLI), so a fresh
 * unreferenced blob may be about to be used.
 */
export const SWEEP_GRACE_MS = 10 * 60 * 1000;

export interface SweepResult {
  /** SHA-256 of each blob deleted. */
  removed: string[];
  /** Temp files of interrupted writes deleted. */
  tempFiles: number;
}

/**
 * Deletes content-store blobs nothing references: no attachment, version or annotation draft
 * (the saved signature lives in SQLite, not in the store). The database decides; the store only
 * holds bytes.
 */
export class BlobSweeper {
  constructor(
    private readonly attachments: Pick<AttachmentsRepo, 'isReferenced' | 'referenceCounts'>,
    private readonly store: Pick<ContentStore, 'list' | 'remove' | 'sweepTemp'>,
  ) {}

  /**
   * After a commit dropped references to `shas`: delete those nothing references any more. The
   * database is asked synchronously, so a caller that closes it right after (the CLI) is safe.
   * Resolves with the blobs deleted.
   */
  release(shas: Iterable<string>): Promise<string[]> {
    const orphans = [...new Set(shas)].filter((sha) => !this.attachments.isReferenced(sha));
    return this.removeAll(orphans);
  }

  /**
   * At start-up: delete every stored blob with a reference count of zero that is older than
   * `graceMs` (what deletes by other paths left: a port removed on the carrier system, an
   * import undone, a crash between commit and cleanup), and stale temp files.
   */
  async sweep(graceMs = SWEEP_GRACE_MS, now = Date.now()): Promise<SweepResult> {
    // Counted before listing: content stored meanwhile (new, or re-stored with a fresh mtime) is
    // then inside the grace period, whether or not its reference is committed yet.
    const counts = this.attachments.referenceCounts();
    const blobs = await this.store.list();
    const orphans = blobs.filter((b) => !counts.get(b.sha256) && now - b.mtimeMs >= graceMs).map((b) => b.sha256);
    const removed = await this.removeAll(orphans);
    return { removed, tempFiles: await this.store.sweepTemp(undefined, now) };
  }

  private async removeAll(shas: string[]): Promise<string[]> {
    const removed: string[] = [];
    for (const sha of shas) if (await this.store.remove(sha, { unreferenced: true })) removed.push(sha);
    return removed;
  }
}

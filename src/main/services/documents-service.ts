import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { AppError } from '../../shared/errors';
import { isDeletable, isFinal } from '../../shared/domain/states';
import { attachmentTooLarge, ContentStore, describeSize, inspectDocument, MAX_ATTACHMENT_BYTES, sniffType, stampPng } from '../documents';
import type { StampPlacement } from '../documents/stamp';
import type { Repos } from '../db/repos';
import type { AttachmentKind, AttachmentRow, AttachmentVersionRow, VersionReason } from '../db/repos/attachments-repo';
import type { PortRow } from '../db/repos/ports-repo';
import type { ChangeBus } from './changes';
import type { Clock } from './ports-service';
import { addPayload, deletePayload, replacePayload } from './attachment-rules';
import { guessKind, uniqueName } from '../documents/attachment-names';
import { BlobSweeper } from './blob-sweeper';

export interface AddAttachmentInput {
  portId: string;
  filename: string;
  bytes: Uint8Array;
  /** Overrides the kind guessed from the file name. */
  kind?: AttachmentKind | undefined;
  /** An LOA PortDesk generated: unsigned until a signature is applied or a signed file replaces it. */
  unsigned?: boolean | undefined;
}

/** An attachment with its current version and whether unsaved annotations exist. */
export interface AttachmentInfo extends AttachmentRow {
  hasDraft: boolean;
}

export interface DraftInfo {
  baseSha256: string;
  draftSha256: string;
  /** The draft's annotations include a signature placed in the viewer. */
  signed: boolean;
  updatedAt: number;
  /** The draft's state before its last change (an undo step), or null: before it, the saved version. */
  previousSha256: string | null;
}

/** Undo steps kept for a draft: enough for a session's marks, bounded in blobs. */
const MAX_DRAFT_STEPS = 30;
const LOCAL_ACTOR = 'you';
const KIND_LABEL: Record<AttachmentKind, string> = { loa: 'LOA', bill: 'Bill', other: 'Other' };
/** A signature image is a small PNG; anything larger is a mistake (a photo), not a signature. */
const MAX_SIGNATURE_BYTES = 512 * 1024;

/**
 * Use cases over a port's documents. Bytes are checked ({@link inspectDocument}) and stored in the
 * content store first (atomic, deduplicated); then one transaction writes the attachment rows, the
 * version, the timeline event and the outbox row. A failure before the commit removes the blob
 * again if nothing references it, so nothing is ever half-written. Change events go out after.
 */
export class DocumentsService {
  private readonly blobs: BlobSweeper;

  constructor(
    private readonly repos: Repos,
    private readonly store: ContentStore,
    private readonly changes: ChangeBus,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {
    this.blobs = new BlobSweeper(repos.attachments, store);
  }

  list(portId: string): AttachmentInfo[] {
    this.requirePort(portId);
    return this.repos.attachments.rows(portId).map((a) => this.info(a));
  }

  get(id: string): AttachmentInfo {
    return this.info(this.require(id));
  }

  /** Attach a PDF or image (converted to a PDF) to a port. */
  async add(input: AddAttachmentInput): Promise<AttachmentInfo> {
    const port = this.requirePort(input.portId);
    this.assertOpen(port, 'given new documents');
    const doc = await inspectDocument(input.bytes, input.filename);
    const kind = input.kind ?? guessKind(input.filename);
    const id = randomUUID();
    await this.commitWithBlob(doc.bytes, (blob, now) => {
      const { attachments, events, outbox } = this.repos;
      const name = uniqueName(doc.name, attachments.otherNames(port.id));
      attachments.insert({ id, portId: port.id, name, kind, contentType: doc.contentType, size: blob.size, sha256: blob.sha256, now });
      if (input.unsigned) attachments.setUnsigned(id, true);
      if (kind === 'loa') attachments.recordSigned(id);
      const converted = doc.sourceType === 'pdf' ? '' : ` (converted from a ${doc.sourceType.toUpperCase()} image)`;
      this.event(port.id, now, `Attached "${name}" as ${KIND_LABEL[kind]}${converted}`);
      outbox.append({
        portId: port.id,
        entity: 'attachment',
        entityId: id,
        op: 'attachment.add',
        payload: addPayload({ attachmentId: id, name, kind, sha256: blob.sha256, size: blob.size, contentType: doc.contentType }),
        baseRevision: port.remoteRevision,
        now,
      });
      this.touch(port.id, now);
    });
    this.changes.emit({ type: 'ports', ids: [port.id], removed: [] });
    return this.get(id);
  }

  /**
   * Attach a file by its path on this computer (a file dropped on the desktop app): main reads it,
   * so large files do not travel through the renderer as base64. Only a regular file, checked
   * against the size limit before anything is read; then the same intake checks as {@link add}.
   */
  async addPath(input: { portId: string; path: string; kind?: AttachmentKind | undefined }): Promise<AttachmentInfo> {
    const filename = basename(input.path);
    if (!isAbsolute(input.path)) throw new AppError('VALIDATION', `"${input.path}" is not an absolute path.`, { field: 'path' });
    const info = await stat(input.path).catch((err: unknown) => {
      throw new AppError('FILE', `"${filename}" cannot be read: ${err instanceof Error ? err.message : String(err)}`, { reason: 'unreadable' });
    });
    if (!info.isFile()) throw new AppError('FILE', `"${filename}" is not a file (a folder or a device cannot be attached).`, { reason: 'type' });
    if (info.size > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge(filename, info.size);
    const bytes = new Uint8Array(await readFile(input.path));
    return this.add({ portId: input.portId, filename, bytes, kind: input.kind });
  }

  /**
   * Where the current content of an attachment is on disk and the name to give a copy of it (for
   * dragging it out to the desktop). Synchronous: the OS drag must start while the pointer is down.
   */
  currentFile(id: string): { path: string; name: string } {
    const current = this.require(id);
    if (!current.sha256) throw new AppError('NOT_FOUND', `"${current.name}" has not been downloaded from the carrier system yet; it will be once the port syncs.`);
    return { path: this.store.pathFor(current.sha256), name: current.name };
  }

  /**
   * Replace an attachment's content with another file; the old content stays as a previous
   * version. A file put in place of a generated LOA is taken as its signed copy unless `unsigned`
   * (PortDesk regenerating the letter).
   */
  async replace(id: string, bytes: Uint8Array, filename: string, options: { unsigned?: boolean } = {}): Promise<AttachmentInfo> {
    const doc = await inspectDocument(bytes, filename);
    return this.newVersion(id, doc.bytes, 'replaced', { unsigned: options.unsigned === true });
  }

  /**
   * Save annotations made in the viewer: `bytes` is the PDF pdf.js wrote (an incremental update of
   * `baseSha256`). It becomes the next version; the annotated version's base is kept as the
   * previous one and the draft is dropped. `signed`: a signature was placed in the viewer (in this
   * session or in the draft being saved), which signs a generated LOA.
   */
  async saveAnnotated(id: string, baseSha256: string, bytes: Uint8Array, signed = false): Promise<AttachmentInfo> {
    const current = this.require(id);
    this.assertBase(current, baseSha256);
    const doc = await inspectDocument(bytes, current.name);
    if (doc.sourceType !== 'pdf') throw new AppError('FILE', 'Annotated documents must be saved as a PDF.');
    const draftSigned = this.repos.attachments.draft(id)?.signed === true;
    return this.newVersion(id, doc.bytes, 'annotated', { baseSha256, ...(signed || draftSigned ? { unsigned: false } : {}) });
  }

  /**
   * Make an earlier version current again, as a new version (nothing is lost: the versions after
   * it stay). An LOA takes the signed state it had in that version; an unsaved draft made on the
   * version being replaced is dropped.
   */
  async restore(id: string, version: number): Promise<AttachmentInfo> {
    const current = this.require(id);
    const found = this.repos.attachments.versions(id).find((v) => v.version === version);
    if (!found) throw new AppError('NOT_FOUND', `"${current.name}" has no version ${version}.`);
    if (version === current.version) throw new AppError('VALIDATION', `Version ${version} of "${current.name}" is already the current one.`);
    const bytes = await this.store.read(found.sha256);
    return this.newVersion(id, bytes, 'replaced', { restoredFrom: version, ...(found.signed === null ? {} : { unsigned: !found.signed }) });
  }

  /** Rename (and optionally re-kind) an attachment. */
  rename(id: string, input: { name?: string | undefined; kind?: AttachmentKind | undefined }): AttachmentInfo {
    const current = this.require(id);
    const port = this.requirePort(current.portId);
    this.assertOpen(port, 'changed');
    const kind = input.kind ?? current.kind;
    const name = input.name === undefined ? current.name : uniqueName(input.name, this.repos.attachments.otherNames(port.id, id));
    if (name === current.name && kind === current.kind) return this.get(id);
    // Kazoo has no rename: a pushed attachment is deleted under its old name and uploaded again.
    if (current.remoteName && name !== current.name && !isDeletable(port.state)) {
      throw new AppError('LOCKED', `"${current.name}" cannot be renamed while "${port.name}" is ${port.state}: the carrier system only lets attachments be removed (and so renamed) while the port is unconfirmed, rejected or canceled.`);
    }
    const now = this.clock.now();
    const { attachments, outbox, db } = this.repos;
    db.transaction(() => {
      attachments.rename(id, name, kind, now);
      const what = name !== current.name ? `Renamed "${current.name}" to "${name}"` : `Marked "${name}" as ${KIND_LABEL[kind]}`;
      this.event(port.id, now, what);
      const content = { attachmentId: id, name, kind, sha256: current.sha256 ?? '', size: current.size, contentType: current.contentType };
      if (!current.remoteName) {
        // Never pushed: one upload under the new name replaces whatever was queued.
        outbox.dropQueued('attachment', id);
        if (current.sha256) outbox.append({ portId: port.id, entity: 'attachment', entityId: id, op: 'attachment.add', payload: addPayload(content), baseRevision: port.remoteRevision, now });
      } else if (name !== current.name) {
        outbox.append({ portId: port.id, entity: 'attachment', entityId: id, op: 'attachment.delete', payload: deletePayload({ attachmentId: id, remoteName: current.remoteName, kind: current.kind }), baseRevision: port.remoteRevision, now });
        outbox.append({ portId: port.id, entity: 'attachment', entityId: id, op: 'attachment.add', payload: addPayload(content), baseRevision: port.remoteRevision, now });
      } else {
        outbox.append({ portId: port.id, entity: 'attachment', entityId: id, op: 'attachment.replace', payload: replacePayload({ ...content, remoteName: current.remoteName, version: current.version, reason: 'replaced' }), baseRevision: port.remoteRevision, now });
      }
      this.touch(port.id, now);
    })();
    this.changes.emit({ type: 'ports', ids: [port.id], removed: [] });
    return this.get(id);
  }

  /** Delete an attachment where Kazoo allows it: only where the port itself may be deleted. */
  async delete(id: string): Promise<void> {
    const current = this.require(id);
    const port = this.requirePort(current.portId);
    if (!isDeletable(port.state)) {
      throw new AppError('LOCKED', `"${current.name}" cannot be deleted while "${port.name}" is ${port.state}: attachments can be deleted only while the port is unconfirmed, rejected or canceled.`);
    }
    const shas = [...new Set([...this.repos.attachments.versions(id).map((v) => v.sha256), this.repos.attachments.draft(id)?.draftSha256].filter((s): s is string => !!s))];
    const now = this.clock.now();
    const { attachments, outbox, db } = this.repos;
    db.transaction(() => {
      outbox.dropQueued('attachment', id);
      if (current.remoteName) {
        outbox.append({ portId: port.id, entity: 'attachment', entityId: id, op: 'attachment.delete', payload: deletePayload({ attachmentId: id, remoteName: current.remoteName, kind: current.kind }), baseRevision: port.remoteRevision, now });
      }
      attachments.delete(id);
      this.event(port.id, now, `Deleted attachment "${current.name}"`);
      this.touch(port.id, now);
    })();
    await this.forgetBlobs(shas);
    this.changes.emit({ type: 'ports', ids: [port.id], removed: [] });
  }

  /** The bytes of the current version, an older `version`, or the unsaved annotation draft. */
  async read(id: string, which: { version?: number | undefined; draft?: boolean | undefined } = {}): Promise<{ bytes: Uint8Array; sha256: string; name: string }> {
    const current = this.require(id);
    let sha = current.sha256;
    if (which.draft) {
      sha = this.repos.attachments.draft(id)?.draftSha256 ?? null;
      if (!sha) throw new AppError('NOT_FOUND', `"${current.name}" has no unsaved annotations.`);
    } else if (which.version !== undefined) {
      const found = this.repos.attachments.versions(id).find((v) => v.version === which.version);
      if (!found) throw new AppError('NOT_FOUND', `"${current.name}" has no version ${which.version}.`);
      sha = found.sha256;
    }
    if (!sha) throw new AppError('NOT_FOUND', `"${current.name}" has not been downloaded from the carrier system yet; it will be once the port syncs.`);
    return { bytes: await this.store.read(sha), sha256: sha, name: current.name };
  }

  versions(id: string): AttachmentVersionRow[] {
    this.require(id);
    return this.repos.attachments.versions(id);
  }

  /**
   * Keep the annotations made so far (the PDF pdf.js writes) so that a crash or a closed window
   * loses nothing. Local only: no outbox row, no timeline entry, no change event.
   */
  async saveDraft(id: string, baseSha256: string, bytes: Uint8Array, signed = false): Promise<DraftInfo> {
    const current = this.require(id);
    this.assertBase(current, baseSha256, true);
    if (bytes.length > MAX_ATTACHMENT_BYTES) {
      throw new AppError('FILE', `The annotated "${current.name}" would be ${describeSize(bytes.length)}, over the ${describeSize(MAX_ATTACHMENT_BYTES)} attachment limit.`);
    }
    if (sniffType(bytes).kind !== 'pdf') throw new AppError('FILE', 'An annotation draft must be a PDF.');
    const before = this.repos.attachments.draft(id);
    const previous = before?.draftSha256;
    const sameBase = before?.baseSha256 === baseSha256;
    // Once signed, a draft stays signed: later autosaves of the same session may not know it.
    const keepSigned = signed || (before?.signed === true && sameBase);
    let dropped: string[] = [];
    await this.commitWithBlob(bytes, (blob, now) => {
      // Re-checked inside the transaction: a version saved while this draft's bytes were stored
      // (an autosave still in flight at "Save to PDF") would otherwise leave a draft of the old one.
      this.assertBase(this.require(id), baseSha256, true);
      const { attachments } = this.repos;
      // The state this save replaces becomes an undo step (a draft of an older version has none).
      if (before && sameBase && before.draftSha256 !== blob.sha256) attachments.pushDraftStep(id, before.draftSha256, before.signed);
      dropped = sameBase ? attachments.trimDraftSteps(id, MAX_DRAFT_STEPS) : attachments.dropDraftSteps(id);
      attachments.putDraft(id, baseSha256, blob.sha256, keepSigned, now);
    });
    const draft = this.draft(id) as DraftInfo;
    if (previous && previous !== draft.draftSha256) dropped.push(previous);
    await this.forgetBlobs(dropped);
    return draft;
  }

  /**
   * Place a PNG (signature, initials, date) where the user clicked, on `bytes` (the viewer's
   * document as it stands, unsaved annotations included); the result is the new draft, so Undo
   * takes it back like any other change. `signed`: the image is the signature.
   */
  async stamp(id: string, baseSha256: string, bytes: Uint8Array, png: Uint8Array, placements: readonly StampPlacement[], label: string, signed: boolean): Promise<DraftInfo> {
    this.assertBase(this.require(id), baseSha256, true);
    if (sniffType(bytes).kind !== 'pdf') throw new AppError('FILE', 'Stamps go on a PDF.');
    if (sniffType(png).kind !== 'png') throw new AppError('FILE', 'A stamp must be a PNG image.');
    return this.saveDraft(id, baseSha256, await stampPng(bytes, png, placements, label), signed);
  }

  draft(id: string): DraftInfo | null {
    this.require(id);
    const d = this.repos.attachments.draft(id);
    if (!d) return null;
    const previousSha256 = this.repos.attachments.draftSteps(id).at(-1)?.draftSha256 ?? null;
    return { baseSha256: d.baseSha256, draftSha256: d.draftSha256, signed: d.signed, updatedAt: d.updatedAt, previousSha256 };
  }

  /**
   * Undo after reopening: go back to the draft state `toSha256` (an undo step; null: no draft, the
   * saved version). The steps after it go; the result is the draft to open (null: the version).
   */
  async revertDraft(id: string, toSha256: string | null): Promise<DraftInfo | null> {
    const current = this.repos.attachments.draft(id);
    if (!current) throw new AppError('CONFLICT', `"${this.require(id).name}" has no unsaved annotations to undo.`);
    if (toSha256 === null) {
      await this.discardDraft(id);
      return null;
    }
    const step = this.repos.attachments.draftSteps(id).findLast((s) => s.draftSha256 === toSha256);
    if (!step) throw new AppError('CONFLICT', 'That annotation step is gone (the draft was changed in another window); reopen the document.');
    let dropped: string[] = [];
    this.repos.db.transaction(() => {
      dropped = this.repos.attachments.dropDraftSteps(id, step.step);
      this.repos.attachments.putDraft(id, current.baseSha256, step.draftSha256, step.signed, this.clock.now());
    })();
    await this.forgetBlobs([...dropped, current.draftSha256]);
    return this.draft(id);
  }

  async discardDraft(id: string): Promise<void> {
    const previous = this.repos.attachments.draft(id)?.draftSha256;
    const steps = this.repos.db.transaction(() => {
      this.repos.attachments.deleteDraft(id);
      return this.repos.attachments.dropDraftSteps(id);
    })();
    await this.forgetBlobs(previous ? [previous, ...steps] : steps);
  }

  signature(): { png: Uint8Array; updatedAt: number } | null {
    return this.repos.attachments.savedImage('signature') ?? null;
  }

  /** Keep the specialist's signature (a PNG) for placing on documents again later. */
  setSignature(png: Uint8Array): { updatedAt: number } {
    if (sniffType(png).kind !== 'png') throw new AppError('FILE', 'The signature must be a PNG image.');
    if (png.length > MAX_SIGNATURE_BYTES) throw new AppError('FILE', `The signature image is ${describeSize(png.length)}; a signature is limited to ${describeSize(MAX_SIGNATURE_BYTES)}.`);
    const now = this.clock.now();
    this.repos.attachments.putSavedImage('signature', png, now);
    return { updatedAt: now };
  }

  clearSignature(): void {
    this.repos.attachments.deleteSavedImage('signature');
  }

  /** `unsigned` given: the LOA's signed state after this version (else it stays as it was). */
  private async newVersion(
    id: string,
    bytes: Uint8Array,
    reason: Exclude<VersionReason, 'added'>,
    options: { baseSha256?: string; unsigned?: boolean; restoredFrom?: number } = {},
  ): Promise<AttachmentInfo> {
    const { baseSha256, unsigned, restoredFrom } = options;
    const current = this.require(id);
    const port = this.requirePort(current.portId);
    this.assertOpen(port, 'given new documents');
    const draft = this.repos.attachments.draft(id)?.draftSha256;
    const dropDraft = reason === 'annotated' || restoredFrom !== undefined;
    let steps: string[] = [];
    await this.commitWithBlob(bytes, (blob, now) => {
      // Re-checked inside the transaction: another window may have saved a version meanwhile.
      const fresh = this.require(id);
      if (baseSha256 !== undefined) this.assertBase(fresh, baseSha256);
      const { attachments, outbox } = this.repos;
      attachments.setContent(id, { sha256: blob.sha256, size: blob.size, reason, now });
      if (unsigned !== undefined && fresh.kind === 'loa') attachments.setUnsigned(id, unsigned);
      if (fresh.kind === 'loa') attachments.recordSigned(id);
      if (dropDraft) {
        attachments.deleteDraft(id);
        steps = attachments.dropDraftSteps(id);
      }
      const version = fresh.version + 1;
      const what =
        restoredFrom !== undefined ? `Restored version ${restoredFrom} of "${fresh.name}" (as version ${version})` : reason === 'annotated' ? `Saved annotations to "${fresh.name}" (version ${version})` : `Replaced "${fresh.name}" (version ${version})`;
      this.event(port.id, now, what);
      const content = { attachmentId: id, name: fresh.name, kind: fresh.kind, sha256: blob.sha256, size: blob.size, contentType: fresh.contentType };
      if (fresh.remoteName) {
        outbox.append({ portId: port.id, entity: 'attachment', entityId: id, op: 'attachment.replace', payload: replacePayload({ ...content, remoteName: fresh.remoteName, version, reason }), baseRevision: port.remoteRevision, now });
      } else {
        // Never pushed: upload the newest content once instead of an add followed by replaces.
        outbox.dropQueued('attachment', id);
        outbox.append({ portId: port.id, entity: 'attachment', entityId: id, op: 'attachment.add', payload: addPayload(content), baseRevision: port.remoteRevision, now });
      }
      this.touch(port.id, now);
    });
    if (dropDraft) await this.forgetBlobs(draft ? [draft, ...steps] : steps);
    this.changes.emit({ type: 'ports', ids: [port.id], removed: [] });
    return this.get(id);
  }

  /** Store the bytes, then run `write` in one transaction; on failure the new blob goes again. */
  private async commitWithBlob(bytes: Uint8Array, write: (blob: { sha256: string; size: number }, now: number) => void): Promise<void> {
    const blob = await this.store.put(bytes);
    const now = this.clock.now();
    try {
      this.repos.db.transaction(() => write(blob, now))();
    } catch (err) {
      await this.forgetBlobs([blob.sha256]);
      throw err;
    }
  }

  /** Remove blobs nothing references any more (deleted attachments, superseded drafts). */
  private async forgetBlobs(shas: string[]): Promise<void> {
    await this.blobs.release(shas);
  }

  private info(a: AttachmentRow): AttachmentInfo {
    return { ...a, hasDraft: this.repos.attachments.draft(a.id) !== undefined };
  }

  private event(portId: string, at: number, message: string): void {
    this.repos.events.add({ portId, at, kind: 'attachment', fromState: null, toState: null, message, actor: LOCAL_ACTOR });
  }

  private touch(portId: string, now: number): void {
    this.repos.ports.touch(portId, now);
    this.repos.ports.markPending(portId);
  }

  /**
   * Refuse a write based on a version that is no longer the current one. `marking`: the write is a
   * mark kept as the draft (autosave, stamp); when the version that replaced its base is a "Save to
   * PDF", the mark was made while that save ran (the viewer then shows the saved version), and the
   * specialist is told so rather than that the document changed somewhere.
   */
  private assertBase(current: AttachmentRow, baseSha256: string, marking = false): void {
    if (current.sha256 === baseSha256) return;
    if (marking && this.savedOver(current.id, baseSha256)) {
      throw new AppError(
        'CONFLICT',
        `"${current.name}" was saved as version ${current.version} while you were marking it, so the mark you made during the save is not in that version. Make that mark again on version ${current.version}, which the viewer now shows.`,
        { attachmentId: current.id },
      );
    }
    throw new AppError('CONFLICT', `"${current.name}" changed since these annotations were started (a newer version was saved). Reopen it to annotate the current version.`, { attachmentId: current.id });
  }

  /** The current version is an annotated save made directly on `baseSha256`. */
  private savedOver(id: string, baseSha256: string): boolean {
    const [latest, before] = this.repos.attachments.versions(id);
    return latest?.reason === 'annotated' && before?.sha256 === baseSha256;
  }

  private assertOpen(port: PortRow, what: string): void {
    if (isFinal(port.state)) {
      throw new AppError('LOCKED', `"${port.name}" is ${port.state} and cannot be ${what}: its documents are final.`);
    }
  }

  private require(id: string): AttachmentRow {
    const row = this.repos.attachments.get(id);
    if (!row) throw new AppError('NOT_FOUND', `No attachment with id ${id}`, { id });
    return row;
  }

  private requirePort(id: string): PortRow {
    const port = this.repos.ports.get(id);
    if (!port) throw new AppError('NOT_FOUND', `No port request with id ${id}`, { id });
    return port;
  }
}

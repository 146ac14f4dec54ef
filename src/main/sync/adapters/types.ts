import type { PortFields, PortState, RemoteKind } from '../../../shared/model';
import type { RemoteConfig } from '../../remotes/config';
import type { StreetParts } from '../../../shared/domain/address';

/** What an API family can do; the UI hides what a remote lacks. */
export interface Capabilities {
  descendants: boolean;
  loaGeneration: boolean;
  comments: boolean;
  focWindows: boolean;
  portabilityChecks: boolean;
  /** Local states the specialist may move a port to on this remote (others are carrier-driven). */
  movableTo: readonly PortState[];
  /** The PortFields this family stores; the rest stay local-only. */
  fields: readonly (keyof PortFields)[];
  /**
   * Pull may link an unknown remote request to the local port with exactly its numbers (the
   * family keeps no client marker, and a request can replace another: a Telnyx draft submitted
   * in the portal becomes a port request).
   */
  matchByNumbers: boolean;
  /** Attachments go to the request before it is submitted (Telnyx drafts), so a submit waits for queued ones. */
  attachmentsBeforeSubmit: boolean;
}

/** What an adapter may ask of the local store (seam 2). */
export interface AdapterContext {
  /** The remote account a linked port lives in (`ports.remote_account_id`), or null when unknown. */
  accountOf(remoteObjectId: string): string | null;
  /**
   * Street parts the linked port's one-line street may have been written from (the local port's,
   * the version last agreed, those sent), for families that keep the street as one line.
   */
  streetHints?(remoteObjectId: string): StreetParts[];
}

/** A remote port request mapped into the internal model. */
export interface RemotePort {
  remoteObjectId: string;
  /** Changes whenever the remote document changes (Kazoo's `revision`, a content hash on Telnyx). */
  revision: string;
  accountId: string;
  /** The name of that account, when the remote gives it (Kazoo's listing groups, 4.3's `_read_only`). */
  accountName?: string;
  state: PortState;
  fields: PortFields;
  numbers: string[];
  /** The local port id PortDesk stored in the document when it created it, if any. */
  marker: string | null;
  /**
   * When the remote made the request (ms), for families with no client marker, whose duplicates
   * are told by their numbers and this time, and by the time of the copy kept (Telnyx's
   * `created_at` of drafts and port requests; duplicates.ts).
   */
  createdAt?: number;
  /**
   * Whether this connection may make the carrier's moves on the request (Kazoo 4.3:
   * `_read_only.port_authority` is the connection's account); undefined when the remote does not say.
   */
  authority?: boolean;
  /** Reason given with the latest state change (rejections), when the family reports it. */
  stateReason?: string | null;
  /** The family's own status words, verbatim (Telnyx's sub request statuses, e.g. `in-process`). */
  remoteStatus?: string;
  /** The family's explanation of that status, when it gives one (the text of a Telnyx exception). */
  remoteStatusDetail?: string;
  /** What cleaning the pulled document set aside, in words for the port's timeline (clean-remote.ts). */
  notes?: string[];
  /** The document as the server sent it, for adapters that must merge over it (opaque to the engine). */
  raw?: unknown;
  /** Attachments, when the listing carries them (Kazoo's `uploads`); otherwise see {@link RemoteAdapter.extras}. */
  attachments?: RemoteAttachment[];
  /** Comments, when the listing carries them (Kazoo's `comments[]`). */
  comments?: RemoteComment[];
}

/** A request a listing carried that the adapter could not read (reported, never guessed at). */
export interface UnreadableRemote {
  remoteObjectId: string;
  accountId: string;
  /** The account's name, when the listing gives it. */
  accountName: string | null;
  reason: string;
}

/** An attachment as the remote lists it (metadata only; bytes are downloaded on demand). */
export interface RemoteAttachment {
  /** What later calls name it by: Kazoo's file name, Telnyx's document id. */
  remoteName: string;
  /** The name to show (unsanitised: the caller sanitises it). */
  name: string;
  kind: 'loa' | 'bill' | 'other' | null;
  size: number;
  contentType: string;
  /** The local attachment id PortDesk stored with it, if PortDesk uploaded it. */
  marker: string | null;
}

export interface RemoteComment {
  remoteId: string;
  body: string;
  author: string;
  isPrivate: boolean;
  actionRequired: boolean;
  createdAt: number;
  /** The local comment id PortDesk stored with it, if PortDesk posted it. */
  marker: string | null;
}

/** Bytes to upload as an attachment, with what identifies PortDesk's upload on a retry. */
export interface AttachmentUpload {
  attachmentId: string;
  name: string;
  sha256: string;
  bytes: Uint8Array;
  contentType: string;
  /** Telnyx supporting-document type; null when the family has no slot for it. */
  documentType: 'loa' | 'invoice' | null;
}

export interface LocalComment {
  commentId: string;
  body: string;
  isPrivate: boolean;
  actionRequired: boolean;
}

/** The local port as pushed: fields, numbers and the marker identifying it. */
export interface LocalSnapshot {
  localId: string;
  state: PortState;
  fields: PortFields;
  numbers: string[];
}

export interface MoveRequest {
  to: PortState;
  reason: string | null;
  /** YYYY-MM-DD for scheduling. */
  date: string | null;
  acceptCharges: boolean;
}

// What an adapter is built from lives with the remotes (services read it too); adapters import it from here.
export type { RemoteConfig } from '../../remotes/config';

/**
 * One API family. Every method throws {@link RemoteError} on failure, carrying the server's
 * own message; every success returns the remote document as it now stands.
 */
export interface RemoteAdapter {
  readonly kind: RemoteKind;
  readonly capabilities: Capabilities;
  /** How long a call waits for its answer: a create unanswered after this may still land (late creates). */
  readonly requestTimeoutMs: number;
  /** Every port request visible to this remote (all states, all pages, sub-accounts). */
  listAll(): Promise<RemotePort[]>;
  /** The requests the latest {@link listAll} carried but could not read, with why (families that can tell). */
  unreadableInListing?(): UnreadableRemote[];
  get(remoteObjectId: string): Promise<RemotePort>;
  /** The request PortDesk created for `snapshot` (by the stored marker), if a lost answer hid it. */
  findCreated(snapshot: LocalSnapshot): Promise<RemotePort | null>;
  /**
   * Create the request. `sending` is called (synchronously) just before the request that creates
   * it leaves, after any step that cannot create anything: the engine records the send there.
   */
  create(snapshot: LocalSnapshot, sending?: () => void): Promise<RemotePort>;
  update(current: RemotePort, snapshot: LocalSnapshot): Promise<RemotePort>;
  move(current: RemotePort, move: MoveRequest, snapshot: LocalSnapshot): Promise<RemotePort>;
  remove(remoteObjectId: string): Promise<void>;
  /**
   * Why this connection cannot cancel `remote` on its server, in words that say what to do
   * instead (the Sync screen and the CLI offer only what works); null when {@link move} to
   * canceled can (or it is canceled already).
   */
  cancelRefusal(remote: RemotePort): string | null;
  /** False while the request cannot take that kind of extra (a Telnyx draft takes documents, not comments). */
  acceptsExtras(remoteObjectId: string, kind: 'attachment' | 'comment'): boolean;
  /** Attachments and comments of one request, for families whose listing does not carry them. */
  extras(remoteObjectId: string): Promise<{ attachments: RemoteAttachment[]; comments: RemoteComment[] }>;
  /** The reason the remote recorded with the request's latest move into `state`, for families that keep one apart from the listing. */
  stateReason?(remoteObjectId: string, state: PortState): Promise<string | null>;
  /**
   * Upload a new attachment (or, with `replacing`, new content for that remote attachment).
   * Answers the remote name, or null when the family has no place for it. With `retried`, an
   * upload an earlier attempt made is found rather than made twice.
   */
  putAttachment(remoteObjectId: string, file: AttachmentUpload, opts: { replacing: string | null; retried: boolean }): Promise<string | null>;
  /** Delete a remote attachment; answers false when the family cannot delete (the file stays remotely). */
  deleteAttachment(remoteObjectId: string, remoteName: string): Promise<boolean>;
  downloadAttachment(remoteObjectId: string, remoteName: string): Promise<Uint8Array>;
  /** The remote's own LOA built from the request (families with `loaGeneration`). */
  fetchLoa?(remoteObjectId: string): Promise<Uint8Array>;
  /** Post a comment; answers its remote id. With `retried`, one an earlier attempt posted is found instead. */
  addComment(remoteObjectId: string, comment: LocalComment, retried: boolean): Promise<string>;
}

/** The fields of `fields` that `caps` maps, for comparing local and remote sides. */
export function mappedFields(caps: Capabilities, fields: PortFields): Partial<PortFields> {
  return Object.fromEntries(caps.fields.map((k) => [k, fields[k]])) as Partial<PortFields>;
}

/** True when the remote document says what the local snapshot says (mapped fields and numbers). */
export function sameContent(caps: Capabilities, remote: RemotePort, local: LocalSnapshot): boolean {
  if (JSON.stringify(mappedFields(caps, remote.fields)) !== JSON.stringify(mappedFields(caps, local.fields))) return false;
  const a = [...remote.numbers].sort();
  const b = [...local.numbers].sort();
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

import { randomUUID } from 'node:crypto';
import { sanitizeFilename } from '../documents/filenames';
import type { Repos } from '../db/repos';
import { guessKind, uniqueName } from '../documents/attachment-names';
import { RemoteError } from './errors';
import type { RemoteAdapter, RemoteAttachment, RemoteComment, RemotePort } from './adapters/types';
import { pool } from './pool';
import type { PullGets } from './pull-gets';
import { GONE_ATTACHMENT_PREFIX } from './push-extras';
import type { SyncStore } from './store';
import type { Turns } from './turns';

/** Requests whose attachments and comments are fetched on their own per pull (Telnyx), beyond changed ones. */
const ROTATION_PER_PULL = 25;
/**
 * A first pull of a large Telnyx account makes two GETs per request (20,000 for 10,000), each a
 * round trip: 16 at a time (8 before) took a 10,000-request pull from 59 s to 40 s with 10 ms of
 * server latency. A server that finds it too many says 429, and every GET then waits (PullGets).
 */
const EXTRAS_CONCURRENCY = 16;

interface LocalAttachment {
  id: string;
  portId: string;
  name: string;
  remoteName: string | null;
}

interface LocalComment {
  id: string;
  portId: string;
  remoteId: string | null;
  body: string;
}

/**
 * For families whose listing does not carry attachments and comments (Telnyx), fetch them for the
 * requests that are new or changed since the last pull, plus a few others in rotation (a comment
 * does not change the request itself), so every request is looked at over successive pulls.
 */
export async function fillExtras(
  store: SyncStore,
  adapter: RemoteAdapter,
  remoteId: string,
  remotes: RemotePort[],
  known: ReadonlyMap<string, string | null>,
  gets: PullGets,
  turns: Turns,
): Promise<void> {
  const candidates = remotes.filter((r) => r.attachments === undefined && adapter.acceptsExtras(r.remoteObjectId, 'attachment'));
  if (candidates.length === 0) return;
  const changed = candidates.filter((r) => known.get(r.remoteObjectId) !== r.revision);
  await turns.check();
  // Sorted for a stable rotation: the whole account on a background pull (10,000 ids), a step of its own.
  const rest = candidates.filter((r) => known.get(r.remoteObjectId) === r.revision).sort((a, b) => (a.remoteObjectId < b.remoteObjectId ? -1 : 1));
  await turns.check();
  const cursor = Number(store.getState(remoteId, 'extras_cursor') ?? 0) % Math.max(1, rest.length);
  const rotation = [...rest.slice(cursor), ...rest.slice(0, cursor)].slice(0, ROTATION_PER_PULL);
  store.setState(remoteId, 'extras_cursor', String(cursor + rotation.length));
  const todo = [...changed, ...rotation];
  await pool(todo, EXTRAS_CONCURRENCY, async (remote) => {
    try {
      Object.assign(remote, await gets.get(() => adapter.extras(remote.remoteObjectId)));
    } catch (err) {
      // A request gone between the listing and this call is simply left without extras.
      if (!(err instanceof RemoteError && err.kind === 'not_found')) throw err;
    }
  });
}

/**
 * Reconciles remote attachment metadata and comments into the local tables, inside the pull's
 * transaction. What exists locally is loaded once per pull (maps by port), so 10,000 unchanged
 * requests cost map lookups, not queries. Bytes are not fetched here: see SyncEngine.fetchAttachment.
 */
export class ExtrasApplier {
  private readonly attachments = new Map<string, LocalAttachment[]>();
  private readonly comments = new Map<string, LocalComment[]>();
  private readonly gone: Set<string>;
  private readonly queued: Set<string>;

  private constructor(
    private readonly repos: Repos,
    remoteId: string,
    private readonly now: number,
    attachments: readonly LocalAttachment[],
    comments: readonly LocalComment[],
  ) {
    for (const a of attachments) push(this.attachments, a.portId, a);
    for (const c of comments) push(this.comments, c.portId, c);
    this.gone = new Set(repos.syncState.keysWithPrefix(remoteId, GONE_ATTACHMENT_PREFIX));
    this.queued = repos.outbox.queuedEntityIds('attachment');
  }

  /** Loaded a query at a time with turns between: 10,000 Telnyx requests hold 20,000 attachments. */
  static async load(repos: Repos, remoteId: string, now: number, turns: Turns): Promise<ExtrasApplier> {
    const attachments = repos.attachments.ofRemote(remoteId);
    await turns.check();
    const comments = repos.comments.ofRemote(remoteId);
    await turns.check();
    const applier = new ExtrasApplier(repos, remoteId, now, attachments, comments);
    await turns.check();
    return applier;
  }

  private event(portId: string, kind: 'attachment' | 'comment', message: string): void {
    this.repos.events.add({ portId, at: this.now, kind, fromState: null, toState: null, message, actor: 'remote' });
  }

  /** Apply what the remote says about `portId`'s attachments and comments; true when anything changed. */
  apply(portId: string, remote: RemotePort, announce: boolean): boolean {
    let changed = false;
    if (remote.attachments) changed = this.applyAttachments(portId, remote.remoteObjectId, remote.attachments, announce) || changed;
    if (remote.comments) changed = this.applyComments(portId, remote.comments, announce) || changed;
    return changed;
  }

  private applyAttachments(portId: string, objectId: string, list: RemoteAttachment[], announce: boolean): boolean {
    const known = this.attachments.get(portId);
    // Nothing on either side (most requests of a first pull): nothing to add, link or remove.
    if (list.length === 0 && known === undefined) return false;
    const local = known ?? [];
    let changed = false;
    const seen = new Set<string>();
    for (const ra of list) {
      seen.add(ra.remoteName);
      if (this.gone.has(`${objectId}/${ra.remoteName}`) || local.some((a) => a.remoteName === ra.remoteName)) continue;
      // PortDesk's own upload whose answer (or the commit after it) was lost: link, do not duplicate.
      const mine = local.find((a) => a.remoteName === null && (a.id === ra.marker || (ra.marker === null && a.name === ra.name)));
      if (mine) {
        this.repos.attachments.setRemoteName(mine.id, ra.remoteName);
        mine.remoteName = ra.remoteName;
        continue;
      }
      const name = uniqueName(sanitizeFilename(ra.name), new Set(local.map((a) => a.name)));
      const row: LocalAttachment = { id: randomUUID(), portId, name, remoteName: ra.remoteName };
      this.repos.attachments.insertPulled({ id: row.id, portId, name, kind: ra.kind ?? guessKind(name), contentType: ra.contentType, size: ra.size, remoteName: ra.remoteName, now: this.now });
      local.push(row);
      if (announce) this.event(portId, 'attachment', `Attachment "${name}" added on the remote`);
      changed = true;
    }
    for (const a of [...local]) {
      if (a.remoteName === null || seen.has(a.remoteName) || this.queued.has(a.id)) continue;
      this.repos.attachments.delete(a.id);
      local.splice(local.indexOf(a), 1);
      this.event(portId, 'attachment', `Attachment "${a.name}" removed on the remote`);
      changed = true;
    }
    this.attachments.set(portId, local);
    return changed;
  }

  private applyComments(portId: string, list: RemoteComment[], announce: boolean): boolean {
    // A request without comments leaves those here as they are: nothing to add or link.
    if (list.length === 0) return false;
    const local = this.comments.get(portId) ?? [];
    let changed = false;
    for (const rc of list) {
      if (local.some((c) => c.remoteId === rc.remoteId)) continue;
      // PortDesk's own comment: by the id it carries, else (Telnyx keeps none) by its text.
      const mine = local.find((c) => c.remoteId === null && (c.id === rc.marker || c.body === rc.body));
      if (mine) {
        this.repos.comments.setRemoteId(mine.id, rc.remoteId);
        mine.remoteId = rc.remoteId;
        continue;
      }
      const row: LocalComment = { id: randomUUID(), portId, remoteId: rc.remoteId, body: rc.body };
      this.repos.comments.insertPulled({ id: row.id, portId, remoteId: rc.remoteId, body: rc.body, author: rc.author, isPrivate: rc.isPrivate, actionRequired: rc.actionRequired, createdAt: rc.createdAt || this.now });
      local.push(row);
      if (announce) this.event(portId, 'comment', `Comment on the remote: ${rc.body.length > 80 ? `${rc.body.slice(0, 79)}…` : rc.body}`);
      changed = true;
    }
    this.comments.set(portId, local);
    return changed;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

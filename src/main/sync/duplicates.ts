import { z } from 'zod';
import { PortStateSchema } from '../../shared/model';
import type { SyncStateRepo } from '../db/repos/sync-state-repo';
import type { RemotePort } from './adapters/types';
import { LATE_CREATE_MARGIN_MS } from './late-create';
import { numberKey } from './merge';

const KEY = 'dup:';

/** A second remote copy of a port PortDesk created (same client marker), as kept in `sync_state`. */
const DuplicateRecordSchema = z.object({
  portId: z.string(),
  state: PortStateSchema,
  seenAt: z.number().int(),
  /** Set once the specialist dismissed it or PortDesk canceled it remotely: no longer listed. */
  settled: z.enum(['dismissed', 'canceled']).nullable(),
  /**
   * Why it cannot be canceled through the remote's API, and what to do instead
   * (RemoteAdapter.cancelRefusal); null: it can. Absent: not known, in a record written before
   * PortDesk asked (the next pull rewrites it with the adapter's answer); read as "can" it offered
   * a cancel Telnyx's API cannot do.
   */
  cancelRefusal: z.string().nullable().optional(),
});
export type DuplicateRecord = z.infer<typeof DuplicateRecordSchema>;

/** What is said of a duplicate whose record does not know yet whether it can be canceled: no cancel is offered until it is known. */
export const CANCEL_NOT_CHECKED = 'PortDesk has not checked yet whether its server can cancel this copy: the next sync checks';

/** Why the duplicate cannot be canceled (or that it is not known yet); null: it can. */
export function cancelRefusalOf(record: DuplicateRecord): string | null {
  return record.cancelRefusal === undefined ? CANCEL_NOT_CHECKED : record.cancelRefusal;
}

/**
 * The remote copies that duplicate another copy of the same local port: each carries the marker
 * of a local port of this remote that is linked to another object, or, when that port is not
 * linked yet, is not the copy kept for it (the smallest remote id: deterministic, whichever
 * process looks). Copies linked to a local port are never duplicates here.
 */
export function duplicateCopies(
  remotes: readonly RemotePort[],
  byObject: ReadonlyMap<string, string>,
  localPort: (marker: string) => { linkedTo: string | null } | null,
): Map<string, string> {
  const groups = new Map<string, RemotePort[]>();
  for (const r of remotes) {
    if (!r.marker || byObject.has(r.remoteObjectId)) continue;
    groups.set(r.marker, [...(groups.get(r.marker) ?? []), r]);
  }
  const out = new Map<string, string>();
  for (const [marker, copies] of groups) {
    const port = localPort(marker);
    if (!port) continue;
    const kept = port.linkedTo ?? [...copies].sort((a, b) => (a.remoteObjectId < b.remoteObjectId ? -1 : 1))[0]?.remoteObjectId;
    for (const c of copies) if (c.remoteObjectId !== kept) out.set(c.remoteObjectId, marker);
  }
  return out;
}

/** How far the remote's clock may run behind this machine's when a remote copy's creation time is compared with a port's. */
export const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * How long after the copy PortDesk kept a second copy of the same create can still have been made,
 * for an adapter that gives up on a request after `requestTimeoutMs`. A second copy is the same
 * create sent again because no answer came (lost, or slow past the timeout): made before the kept
 * copy (the first landed, its answer was lost, the retry made the kept one), or after it when the
 * first was held on its way and reached the server after the retry (docs/sync.md "Late creates").
 * The engine sends no second create before the first's timeout + {@link LATE_CREATE_MARGIN_MS}
 * (late-create.ts: a request not made on the server by then is taken as dropped), so a held first
 * create is made no later than that after it left, and the retry that made the kept copy left no
 * sooner than that (an older PortDesk retried after the timeout alone): the held copy comes at most
 * timeout + margin after the kept one. CLOCK_SKEW_MS on top: both times are the server's, but a
 * hosted API is many machines, and ten minutes more still tells a copy from a draft made by hand
 * hours or days later, which is someone's own request and is imported as a port.
 */
export function lateCopyWindowMs(requestTimeoutMs: number): number {
  return requestTimeoutMs + LATE_CREATE_MARGIN_MS + CLOCK_SKEW_MS;
}

/** A linked local port in progress, by its number set, as {@link sameNumberCopies} compares it. */
export interface OpenLinkedPort {
  id: string;
  objectId: string;
  createdAt: number;
  /** Sorted, comma-joined. */
  numbers: string | null;
}

/**
 * Duplicates where the family keeps no client marker (Telnyx v1: no field a client may fill and
 * read back): a remote copy neither linked nor matched (`matched`), holding exactly the numbers of
 * a local port of this remote that is still in progress and linked to another copy, and made
 * (`createdAt`) between that port's making here (`CLOCK_SKEW_MS` allowed) and `windowMs`
 * ({@link lateCopyWindowMs}) after the copy it is linked to was made (that copy's `createdAt`, from
 * the same listing). Made before the port existed it is someone else's request; made later than
 * the window, it is a request made by hand with the same numbers, not a create sent twice; with
 * the linked copy's time unknown nothing tells the two apart, so it is left alone, as it is when
 * two such ports hold its numbers (no guess). Object id -> port id.
 */
export function sameNumberCopies(remotes: readonly RemotePort[], byObject: ReadonlyMap<string, string>, matched: ReadonlySet<string>, locals: readonly OpenLinkedPort[], windowMs: number): Map<string, string> {
  const bySet = new Map<string, OpenLinkedPort[]>();
  for (const p of locals) if (p.numbers) bySet.set(p.numbers, [...(bySet.get(p.numbers) ?? []), p]);
  const madeAt = new Map<string, number>();
  for (const r of remotes) if (r.createdAt !== undefined) madeAt.set(r.remoteObjectId, r.createdAt);
  const out = new Map<string, string>();
  for (const r of remotes) {
    if (!unclaimedCopy(r, byObject, matched)) continue;
    const made = r.createdAt;
    const candidates = (bySet.get(numberKey(r.numbers)) ?? []).filter((p) => {
      const kept = madeAt.get(p.objectId);
      return p.objectId !== r.remoteObjectId && made >= p.createdAt - CLOCK_SKEW_MS && kept !== undefined && made <= kept + windowMs;
    });
    if (candidates.length === 1 && candidates[0]) out.set(r.remoteObjectId, candidates[0].id);
  }
  return out;
}

/** A remote copy {@link sameNumberCopies} looks at: made at a known time, without a marker, neither linked nor matched. */
export function unclaimedCopy(r: RemotePort, byObject: ReadonlyMap<string, string>, matched: ReadonlySet<string>): r is RemotePort & { createdAt: number } {
  return r.createdAt !== undefined && !r.marker && !byObject.has(r.remoteObjectId) && !matched.has(r.remoteObjectId);
}

/**
 * Remember this pull's duplicates (keeping what the specialist decided, and whether the adapter
 * that saw them can cancel them) and forget those no longer listed.
 */
export function recordDuplicates(
  state: SyncStateRepo,
  remoteId: string,
  remotes: readonly RemotePort[],
  found: ReadonlyMap<string, string>,
  now: number,
  cancelRefusal: (remote: RemotePort) => string | null,
): void {
  for (const objectId of state.keysWithPrefix(remoteId, KEY)) {
    if (!found.has(objectId)) state.clear(remoteId, KEY + objectId);
  }
  // Most pulls find none: no map of every remote port (10,000 on a large account) for nothing.
  if (found.size === 0) return;
  const byId = new Map(remotes.map((r) => [r.remoteObjectId, r]));
  for (const [objectId, portId] of found) {
    const before = readDuplicate(state, remoteId, objectId);
    const remote = byId.get(objectId);
    const record: DuplicateRecord = { portId, state: remote?.state ?? 'unconfirmed', seenAt: before?.seenAt ?? now, settled: before?.settled ?? null, ...(remote ? { cancelRefusal: cancelRefusal(remote) } : {}) };
    state.set(remoteId, KEY + objectId, JSON.stringify(record));
  }
}

export function readDuplicate(state: SyncStateRepo, remoteId: string, objectId: string): DuplicateRecord | null {
  const raw = state.get(remoteId, KEY + objectId);
  if (!raw) return null;
  try {
    const parsed = DuplicateRecordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The duplicates of a remote still waiting for the specialist (not dismissed or canceled). */
export function openDuplicates(state: SyncStateRepo, remoteId: string): ({ remoteObjectId: string } & DuplicateRecord)[] {
  return state
    .keysWithPrefix(remoteId, KEY)
    .map((objectId) => ({ objectId, record: readDuplicate(state, remoteId, objectId) }))
    .filter((d): d is { objectId: string; record: DuplicateRecord } => d.record !== null && d.record.settled === null)
    .map((d) => ({ remoteObjectId: d.objectId, ...d.record }));
}

/** The specialist dismissed it, or PortDesk canceled it remotely: it stays out of the list (and is never imported). */
export function settleDuplicate(state: SyncStateRepo, remoteId: string, objectId: string, how: 'dismissed' | 'canceled'): boolean {
  const before = readDuplicate(state, remoteId, objectId);
  if (!before) return false;
  state.set(remoteId, KEY + objectId, JSON.stringify({ ...before, settled: how }));
  return true;
}

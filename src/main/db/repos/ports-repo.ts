import { z } from 'zod';
import type { Db, Statement } from '../connection';
import { cleanText } from '../../../shared/domain/text';
import { MergeBaseSchema, mergeBaseText, StoredPortVersionSchema, type StoredPortVersion } from './outbox-entries';
import type { LeftState } from './events-repo';
import type { PortFields, PortState, PortSummary, SyncStatus } from '../../../shared/model';
import { PORT_FIELD_COLUMNS, PORT_FIELD_KEYS, fieldsFromRow, toColumnValue } from './port-columns';

export interface PortRow extends PortFields {
  id: string;
  state: PortState;
  remoteId: string | null;
  remoteObjectId: string | null;
  remoteRevision: string | null;
  remoteAccountId: string;
  /** See PortSummary.remoteAuthority. */
  remoteAuthority: boolean | null;
  /** See PortSummary.keptLocal. */
  keptLocal: boolean;
  createdAt: number;
  updatedAt: number;
  dirty: boolean;
  syncStatus: SyncStatus;
  syncError: string | null;
}

/*
 * The summary's own columns, not p.*: sync_base and sync_sent hold whole JSON versions the board
 * never reads, and every column read is a property on each of 10,000 row objects.
 */
const SUMMARY_SQL = `
SELECT p.id, p.state, p.state_reason, p.remote_id, p.remote_object_id, p.remote_account_id, p.remote_authority,
  p.remote_status, p.remote_status_detail, p.state_entered_at, p.remote_changed_at, p.created_at, p.updated_at,
  p.sync_status, p.sync_error, p.kept_local, ${PORT_FIELD_KEYS.map((k) => `p.${PORT_FIELD_COLUMNS[k]}`).join(', ')},
  (SELECT COUNT(*) FROM numbers n WHERE n.port_id = p.id) AS number_count,
  (SELECT MIN(n.e164) FROM numbers n WHERE n.port_id = p.id) AS first_number,
  (SELECT COUNT(*) FROM attachments a WHERE a.port_id = p.id) AS attachment_count,
  EXISTS (SELECT 1 FROM attachments a WHERE a.port_id = p.id AND a.kind = 'loa') AS has_loa,
  EXISTS (SELECT 1 FROM attachments a WHERE a.port_id = p.id AND a.kind = 'loa' AND a.unsigned = 0) AS has_signed_loa,
  EXISTS (SELECT 1 FROM attachments a WHERE a.port_id = p.id AND a.kind = 'bill') AS has_bill,
  (SELECT COUNT(*) FROM comments c WHERE c.port_id = p.id) AS comment_count,
  -- Unit separator: a tag may hold commas and spaces, never a control character (TagSchema).
  (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM port_tags t WHERE t.port_id = p.id ORDER BY tag)) AS tags,
  (SELECT r.name FROM remotes r WHERE r.id = p.remote_id) AS remote_name,
  (SELECT ra.name FROM remote_accounts ra WHERE ra.remote_id = p.remote_id AND ra.account_id = p.remote_account_id) AS remote_account_name
FROM ports p`;

/**
 * The remote's status words and detail as stored. The server's words are outside input, shown on
 * cards and printed by the CLI: cleaned here, where pull and push alike write them (escapes,
 * controls, bidi overrides, invisibles).
 */
function statusWords(status: string, detail: string | undefined): [string | null, string | null] {
  return [cleanText(status).trim() || null, (detail !== undefined && cleanText(detail, { multiline: true }).trim()) || null];
}

/** Versions sent without an answer kept for recognising echoes; older ones cannot come back after newer ones landed. */
const MAX_SENT = 8;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function rowToPort(row: Record<string, unknown>): PortRow {
  return {
    ...fieldsFromRow(row),
    id: String(row.id),
    state: row.state as PortState,
    remoteId: (row.remote_id as string | null) ?? null,
    remoteObjectId: (row.remote_object_id as string | null) ?? null,
    remoteRevision: (row.remote_revision as string | null) ?? null,
    remoteAccountId: String(row.remote_account_id ?? ''),
    remoteAuthority: row.remote_authority === null || row.remote_authority === undefined ? null : Number(row.remote_authority) === 1,
    keptLocal: Number(row.kept_local) === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    dirty: Number(row.dirty) === 1,
    syncStatus: row.sync_status as SyncStatus,
    syncError: (row.sync_error as string | null) ?? null,
  };
}

function rowToSummary(row: Record<string, unknown>): PortSummary {
  // Object.assign onto the fields, not a spread into a literal: V8 builds that literal on a slow
  // path, which was 2 of the 2.5 s of listing 10,000 ports (measured).
  return Object.assign(fieldsFromRow(row), {
    id: String(row.id),
    state: row.state as PortState,
    remoteId: (row.remote_id as string | null) ?? null,
    remoteObjectId: (row.remote_object_id as string | null) ?? null,
    remoteAccountId: String(row.remote_account_id ?? ''),
    remoteName: (row.remote_name as string | null) ?? null,
    remoteAccountName: (row.remote_account_name as string | null) ?? null,
    numberCount: Number(row.number_count),
    firstNumber: (row.first_number as string | null) ?? null,
    attachmentCount: Number(row.attachment_count),
    hasLoa: Number(row.has_loa) === 1,
    hasSignedLoa: Number(row.has_signed_loa) === 1,
    hasBill: Number(row.has_bill) === 1,
    commentCount: Number(row.comment_count),
    tags: row.tags ? String(row.tags).split('\u001f') : [],
    syncStatus: row.sync_status as SyncStatus,
    syncError: (row.sync_error as string | null) ?? null,
    stateReason: (row.state_reason as string | null) ?? null,
    remoteStatus: (row.remote_status as string | null) ?? null,
    remoteStatusDetail: (row.remote_status_detail as string | null) ?? null,
    remoteAuthority: row.remote_authority === null || row.remote_authority === undefined ? null : Number(row.remote_authority) === 1,
    keptLocal: Number(row.kept_local) === 1,
    stateEnteredAt: Number(row.state_entered_at ?? row.created_at),
    remoteChangedAt: row.remote_changed_at === null || row.remote_changed_at === undefined ? null : Number(row.remote_changed_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  });
}

/** A port linked to a remote object: what a pull compares by. */
export interface LinkedPort {
  id: string;
  objectId: string;
  revision: string | null;
  state: PortState;
}

/** A port of a remote by its numbers: see {@link PortsRepo.numberSets}. */
export interface PortNumberSet {
  id: string;
  objectId: string | null;
  state: PortState;
  /** When the port was made here. */
  createdAt: number;
  /** Sorted E.164, comma-joined ('' without numbers). */
  numbers: string;
}

/** Data access for the ports table. Statements are prepared once per connection. */
export class PortsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly summaryByIdStmt;
  private readonly listAllStmt;
  private readonly listByStateStmt;
  private readonly s;
  /** Field assignment lists vary per write; each distinct one is prepared once. */
  private readonly fieldWrites = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    const cols = PORT_FIELD_KEYS.map((k) => PORT_FIELD_COLUMNS[k]);
    this.s = {
      // Positional parameters: binding by name costs a property lookup per column per row, 10,000 times per pull.
      insertPulled: db.prepare(
        `INSERT INTO ports (id, state, state_reason, remote_id, remote_object_id, remote_revision, remote_account_id, sync_base, remote_authority, remote_status, remote_status_detail,
           created_at, updated_at, state_entered_at, remote_changed_at, dirty, sync_status, ${cols.join(', ')})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'synced', ${cols.map(() => '?').join(', ')})`,
      ),
      // Linked: no create of this port is outstanding any more.
      link: db.prepare('UPDATE ports SET remote_object_id = ?, remote_revision = ?, remote_account_id = ?, create_sent_at = NULL, create_settles_at = NULL WHERE id = ?'),
      createSent: db.prepare('SELECT create_sent_at AS sentAt, create_settles_at AS settlesAt FROM ports WHERE id = ?'),
      sendingCreate: db.prepare('UPDATE ports SET create_sent_at = ?, create_settles_at = ? WHERE id = ?'),
      createAnswered: db.prepare('UPDATE ports SET create_settles_at = NULL WHERE id = ?'),
      unsettledCreates: db.prepare(
        `SELECT p.id AS portId, p.name, p.create_sent_at AS sentAt, p.create_settles_at AS settlesAt,
           (SELECT last_error FROM outbox o WHERE o.port_id = p.id AND o.status = 'queued' ORDER BY o.seq LIMIT 1) AS lastError
         FROM ports p
         WHERE p.remote_id = ? AND p.remote_object_id IS NULL AND p.create_settles_at IS NOT NULL
           AND EXISTS (SELECT 1 FROM outbox o WHERE o.port_id = p.id AND o.status = 'queued')
         ORDER BY p.create_sent_at LIMIT ?`,
      ),
      markSynced: db.prepare("UPDATE ports SET dirty = 0, sync_status = 'synced', sync_error = NULL WHERE id = ?"),
      markPendingOk: db.prepare("UPDATE ports SET sync_status = 'pending', sync_error = NULL WHERE id = ? AND sync_status <> 'conflict'"),
      markError: db.prepare("UPDATE ports SET sync_status = 'error', sync_error = ? WHERE id = ?"),
      markConflict: db.prepare("UPDATE ports SET sync_status = 'conflict', sync_error = ? WHERE id = ?"),
      clearError: db.prepare("UPDATE ports SET sync_status = 'pending', sync_error = NULL WHERE id = ? AND sync_status = 'error'"),
      byObject: db.prepare('SELECT id FROM ports WHERE remote_id = ? AND remote_object_id = ?'),
      base: db.prepare('SELECT sync_base AS base, sync_sent AS sent FROM ports WHERE id = ?'),
      setBase: db.prepare('UPDATE ports SET sync_base = ?, sync_sent = NULL WHERE id = ?'),
      setSent: db.prepare('UPDATE ports SET sync_sent = ? WHERE id = ?'),
      accountOf: db.prepare('SELECT remote_account_id AS account FROM ports WHERE remote_id = ? AND remote_object_id = ?'),
      linked: db.prepare('SELECT id, remote_object_id AS objectId, remote_revision AS revision, state FROM ports WHERE remote_id = ? AND remote_object_id IS NOT NULL'),
      numberSets: db.prepare(
        `SELECT p.id, p.remote_object_id AS objectId, p.state, p.created_at AS createdAt,
           (SELECT group_concat(e164, ',') FROM (SELECT e164 FROM numbers n WHERE n.port_id = p.id ORDER BY e164)) AS numbers
         FROM ports p WHERE p.remote_id = ?`,
      ),
      unlinkedOf: db.prepare('SELECT id FROM ports WHERE id = ? AND remote_id = ? AND remote_object_id IS NULL'),
      pulledState: db.prepare('UPDATE ports SET state = ?, state_reason = ?, updated_at = ? WHERE id = ?'),
      stateReason: db.prepare('UPDATE ports SET state_reason = ? WHERE id = ?'),
      stateNow: db.prepare('SELECT state_reason AS reason, state_entered_at AS enteredAt FROM ports WHERE id = ?'),
      restoreLeft: db.prepare('UPDATE ports SET state_reason = ?, state_entered_at = COALESCE(?, state_entered_at) WHERE id = ?'),
      remoteAuthority: db.prepare('UPDATE ports SET remote_authority = ? WHERE id = ? AND remote_authority IS NOT ?'),
      remoteStatus: db.prepare('UPDATE ports SET remote_status = ?, remote_status_detail = ? WHERE id = ? AND (remote_status IS NOT ? OR remote_status_detail IS NOT ?)'),
      // The detail explained the status it came with: kept while the words stay, dropped when they change.
      remoteStatusOnly: db.prepare('UPDATE ports SET remote_status = ?, remote_status_detail = NULL WHERE id = ? AND remote_status IS NOT ?'),
      resolved: db.prepare("UPDATE ports SET dirty = 1, remote_revision = ?, sync_status = 'pending', sync_error = NULL WHERE id = ?"),
      stateOnly: db.prepare('UPDATE ports SET state = ? WHERE id = ?'),
      assign: db.prepare("UPDATE ports SET remote_id = ?, remote_account_id = ?, kept_local = 0, sync_status = 'pending', sync_error = NULL, updated_at = ? WHERE id = ?"),
      keepLocal: db.prepare("UPDATE ports SET remote_id = NULL, remote_account_id = '', kept_local = 1, sync_status = 'local', sync_error = NULL, updated_at = ? WHERE id = ?"),
      unkeepLocal: db.prepare('UPDATE ports SET kept_local = 0, updated_at = ? WHERE id = ?'),
      unassigned: db.prepare('SELECT id FROM ports WHERE remote_id IS NULL AND kept_local = 0 ORDER BY created_at, id'),
      localOnly: db.prepare('SELECT COUNT(*) AS ports, COALESCE(SUM(kept_local), 0) AS keptLocal FROM ports WHERE remote_id IS NULL'),
      forgetRemote: db.prepare(
        "UPDATE ports SET remote_object_id = NULL, remote_revision = NULL, create_sent_at = NULL, create_settles_at = NULL, sync_status = 'local', sync_error = NULL, dirty = 1 WHERE remote_id = ?",
      ),
    };
    this.insertStmt = db.prepare(
      `INSERT INTO ports (id, state, remote_id, remote_account_id, kept_local, created_at, updated_at, dirty, sync_status, ${cols.join(', ')})
       VALUES (@id, @state, @remoteId, @remoteAccountId, @keptLocal, @now, @now, 1, @syncStatus, ${cols.map((c) => `@${c}`).join(', ')})`,
    );
    this.byIdStmt = db.prepare('SELECT * FROM ports WHERE id = ?');
    this.summaryByIdStmt = db.prepare(`${SUMMARY_SQL} WHERE p.id = ?`);
    this.listAllStmt = db.prepare(`${SUMMARY_SQL} ORDER BY p.updated_at DESC, p.id`);
    this.listByStateStmt = db.prepare(`${SUMMARY_SQL} WHERE p.state = ? ORDER BY p.updated_at DESC, p.id`);
  }

  insert(port: { id: string; state: PortState; remoteId: string | null; remoteAccountId: string; keptLocal?: boolean; fields: PortFields; now: number }): void {
    const params: Record<string, unknown> = {
      id: port.id,
      state: port.state,
      remoteId: port.remoteId,
      remoteAccountId: port.remoteAccountId,
      keptLocal: port.remoteId === null && port.keptLocal ? 1 : 0,
      now: port.now,
      syncStatus: port.remoteId ? 'pending' : 'local',
    };
    for (const key of PORT_FIELD_KEYS) params[PORT_FIELD_COLUMNS[key]] = toColumnValue(key, port.fields[key]);
    this.insertStmt.run(params);
  }

  get(id: string): PortRow | undefined {
    const row = this.byIdStmt.get(id) as Record<string, unknown> | undefined;
    return row ? rowToPort(row) : undefined;
  }

  summary(id: string): PortSummary | undefined {
    const row = this.summaryByIdStmt.get(id) as Record<string, unknown> | undefined;
    return row ? rowToSummary(row) : undefined;
  }

  /** Summaries of the given ports that still exist, in no particular order. */
  summaries(ids: readonly string[]): PortSummary[] {
    return ids.map((id) => this.summary(id)).filter((s): s is PortSummary => s !== undefined);
  }

  list(state?: PortState): PortSummary[] {
    // Row by row: with .all() 10,000 wide row objects stay alive while their summaries are built,
    // and the collector copies them all (seconds, measured); iterated, each dies young.
    const out: PortSummary[] = [];
    for (const row of (state ? this.listByStateStmt.iterate(state) : this.listAllStmt.iterate()) as Iterable<Record<string, unknown>>) out.push(rowToSummary(row));
    return out;
  }

  /** Write changed fields, mark the port dirty (it has a local change to push) and bump updated_at. */
  updateFields(id: string, patch: Partial<PortFields>, now: number): void {
    const keys = PORT_FIELD_KEYS.filter((k) => patch[k] !== undefined);
    if (keys.length === 0) return;
    const sets = keys.map((k) => `${PORT_FIELD_COLUMNS[k]} = @${k}`).join(', ');
    const params: Record<string, unknown> = { id, now };
    for (const k of keys) params[k] = toColumnValue(k, patch[k] as PortFields[typeof k]);
    this.db.prepare(`UPDATE ports SET ${sets}, updated_at = @now, dirty = 1 WHERE id = @id`).run(params);
  }

  /** The port's state reason and when it entered its state: what a move leaves behind (see EventsRepo.addMove). */
  stateNow(id: string): LeftState {
    return (this.s.stateNow.get(id) as LeftState | undefined) ?? { reason: null, enteredAt: null };
  }

  /** Put back what a withdrawn move left behind: the state's reason and, where known, its clock. */
  restoreLeft(id: string, left: LeftState): void {
    this.s.restoreLeft.run(left.reason, left.enteredAt, id);
  }

  setState(id: string, state: PortState, now: number): void {
    // The remote's reason described the state being left.
    this.db.prepare('UPDATE ports SET state = ?, state_reason = NULL, updated_at = ?, dirty = 1 WHERE id = ?').run(state, now, id);
  }

  /** Record that a local change awaits push (unless the port is in conflict, which wins). */
  markPending(id: string): void {
    this.db
      .prepare("UPDATE ports SET sync_status = CASE WHEN sync_status = 'conflict' THEN 'conflict' ELSE 'pending' END WHERE id = ? AND remote_id IS NOT NULL")
      .run(id);
  }

  touch(id: string, now: number): void {
    this.db.prepare('UPDATE ports SET updated_at = ?, dirty = 1 WHERE id = ?').run(now, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM ports WHERE id = ?').run(id);
  }

  // --- sync ---

  /** Link a port to its remote copy (or refresh the revision it was last seen at). */
  link(id: string, remoteObjectId: string, revision: string, accountId: string): void {
    this.s.link.run(remoteObjectId, revision, accountId, id);
  }

  /** The port's outstanding create, if one was sent: when, and until when it may still land (null once answered). */
  createSent(id: string): { sentAt: number | null; settlesAt: number | null } {
    return (this.s.createSent.get(id) as { sentAt: number | null; settlesAt: number | null } | undefined) ?? { sentAt: null, settlesAt: null };
  }

  /** Record, before it leaves, that a create is being sent now and may land until `settlesAt`. */
  sendingCreate(id: string, now: number, settlesAt: number): void {
    this.s.sendingCreate.run(now, settlesAt, id);
  }

  /** The create recorded by {@link sendingCreate} never left (no connection): put back what was known before it. */
  createNotSent(id: string, before: { sentAt: number | null; settlesAt: number | null }): void {
    this.s.sendingCreate.run(before.sentAt, before.settlesAt, id);
  }

  /** The server answered the create (whatever it said): nothing of it is still on its way. */
  createAnswered(id: string): void {
    this.s.createAnswered.run(id);
  }

  /**
   * Unlinked ports of a remote with a create sent and never answered (it may land, or may have
   * landed unseen) and changes still queued: the sync status lists them. A create the server
   * answered, whatever it said, is not among them, though later attempts still look for it first.
   */
  unsettledCreates(remoteId: string, limit: number): { portId: string; name: string; sentAt: number; settlesAt: number | null; lastError: string | null }[] {
    return this.s.unsettledCreates.all(remoteId, limit) as { portId: string; name: string; sentAt: number; settlesAt: number | null; lastError: string | null }[];
  }

  markSynced(id: string): void {
    this.s.markSynced.run(id);
  }

  /** Something is still queued: pending, unless the port is in conflict (which wins). */
  markPendingOk(id: string): void {
    this.s.markPendingOk.run(id);
  }

  markError(id: string, message: string): void {
    this.s.markError.run(message, id);
  }

  markConflict(id: string, message: string): void {
    this.s.markConflict.run(message, id);
  }

  /** The error that blocked the port was dealt with: back to pending. */
  clearError(id: string): void {
    this.s.clearError.run(id);
  }

  /** The local port linked to a remote object, if any. */
  idByObject(remoteId: string, remoteObjectId: string): string | undefined {
    return (this.s.byObject.get(remoteId, remoteObjectId) as { id: string } | undefined)?.id;
  }

  /**
   * The version the port last agreed on with its remote, and the versions PortDesk sent since
   * without seeing the answer (for the three-way merge). Unreadable JSON reads as none.
   */
  mergeBase(id: string): { base: StoredPortVersion | null; sent: StoredPortVersion[] } {
    const row = this.s.base.get(id) as { base: string | null; sent: string | null } | undefined;
    const base = row?.base ? MergeBaseSchema.safeParse(parseJson(row.base)) : null;
    const sent = row?.sent ? z.array(StoredPortVersionSchema).safeParse(parseJson(row.sent)) : null;
    return { base: base?.success ? base.data : null, sent: sent?.success ? sent.data : [] };
  }

  /** The port and its remote agree on `version` now (pushed, pulled or resolved); nothing sent is outstanding. */
  setMergeBase(id: string, version: StoredPortVersion): void {
    this.s.setBase.run(mergeBaseText(version), id);
  }

  /** Record, before sending it, a version PortDesk is about to write (kept until a push succeeds; the last few). */
  addSent(id: string, version: StoredPortVersion): void {
    const { sent } = this.mergeBase(id);
    this.s.setSent.run(JSON.stringify([...sent, version].slice(-MAX_SENT)), id);
  }

  /** The account a linked remote object lives in (seam 2), or null when unknown. */
  accountOf(remoteId: string, remoteObjectId: string): string | null {
    return (this.s.accountOf.get(remoteId, remoteObjectId) as { account: string | null } | undefined)?.account || null;
  }

  /** This remote's linked ports: id, remote object id and the revision last applied. */
  linked(remoteId: string): LinkedPort[] {
    return this.s.linked.all(remoteId) as LinkedPort[];
  }

  /** Every port of a remote with its number set, for matching remote ports and their copies by numbers. */
  numberSets(remoteId: string): PortNumberSet[] {
    return (this.s.numberSets.all(remoteId) as (Omit<PortNumberSet, 'numbers'> & { numbers: string | null })[]).map((r) => ({ ...r, numbers: r.numbers ?? '' }));
  }

  /** Whether `id` is a port of `remoteId` not linked yet (a create marker pointing at it can link it). */
  isUnlinkedOf(id: string, remoteId: string): boolean {
    return this.s.unlinkedOf.get(id, remoteId) !== undefined;
  }

  /**
   * A port found on the remote: inserted synced, with the remote's fields, state and revision,
   * its merge base, authority and status words (what setMergeBase, setRemoteAuthority and
   * setRemoteStatus write) and its clocks, in one row write.
   */
  insertPulled(p: {
    id: string;
    state: PortState;
    stateReason: string | null;
    remoteId: string;
    remoteObjectId: string;
    revision: string;
    accountId: string;
    fields: PortFields;
    base: StoredPortVersion;
    authority?: boolean;
    remoteStatus?: string;
    remoteStatusDetail?: string;
    now: number;
  }): void {
    const [status, detail] = p.remoteStatus === undefined ? [null, null] : statusWords(p.remoteStatus, p.remoteStatusDetail);
    const authority = p.authority === undefined ? null : p.authority ? 1 : 0;
    // Its clocks as its first timeline event ("Found on the remote", by the remote, now) sets them.
    const params: unknown[] = [p.id, p.state, p.stateReason, p.remoteId, p.remoteObjectId, p.revision, p.accountId, mergeBaseText(p.base), authority, status, detail, p.now, p.now, p.now, p.now];
    for (const k of PORT_FIELD_KEYS) params.push(toColumnValue(k, p.fields[k]));
    this.s.insertPulled.run(params);
  }

  /** Write fields without marking the port dirty (they came from the remote, or a resolution marks it itself). */
  writeFields(id: string, fields: Partial<PortFields>, now: number): void {
    const keys = PORT_FIELD_KEYS.filter((k) => fields[k] !== undefined);
    if (keys.length === 0) return;
    const sql = keys.map((k) => `${PORT_FIELD_COLUMNS[k]} = ?`).join(', ');
    let stmt = this.fieldWrites.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(`UPDATE ports SET ${sql}, updated_at = ? WHERE id = ?`);
      this.fieldWrites.set(sql, stmt);
    }
    stmt.run(...keys.map((k) => toColumnValue(k, fields[k] as PortFields[typeof k])), now, id);
  }

  /** The remote moved the port (with the reason it gave, if any). */
  setPulledState(id: string, state: PortState, reason: string | null, now: number): void {
    this.s.pulledState.run(state, reason, now, id);
  }

  setStateReason(id: string, reason: string | null): void {
    this.s.stateReason.run(reason, id);
  }

  /**
   * The remote's own status words and their explanation, as the adapter reported them (seam 5); a
   * family without them leaves the columns alone. An answer that does not know the explanation
   * (`remoteStatusDetail` undefined: Telnyx's listing has no field for it) keeps the stored one
   * while the words are the same, and drops it when they change; '' says there is none.
   */
  setRemoteStatus(id: string, remote: { remoteStatus?: string; remoteStatusDetail?: string }): void {
    if (remote.remoteStatus === undefined) return;
    const [status, detail] = statusWords(remote.remoteStatus, remote.remoteStatusDetail);
    if (remote.remoteStatusDetail === undefined) {
      this.s.remoteStatusOnly.run(status, id, status);
      return;
    }
    this.s.remoteStatus.run(status, detail, id, status, detail);
  }

  /** Whether this connection is the request's port authority, as the remote said (seam 5); undefined leaves it. */
  setRemoteAuthority(id: string, authority: boolean | undefined): void {
    if (authority === undefined) return;
    const v = authority ? 1 : 0;
    this.s.remoteAuthority.run(v, id, v);
  }

  /** A conflict was resolved: the seen remote revision is the new base, and the merged version is to be pushed. */
  markResolved(id: string, remoteRevision: string | null): void {
    this.s.resolved.run(remoteRevision, id);
  }

  /** Set the state alone (a conflict resolution choosing the remote's). */
  setStateOnly(id: string, state: PortState): void {
    this.s.stateOnly.run(state, id);
  }

  /** Give a port a remote (and the account it belongs to there); it is no longer kept local. */
  assignRemote(id: string, remoteId: string, remoteAccountId: string, now: number): void {
    this.s.assign.run(remoteId, remoteAccountId, now, id);
  }

  /** Keep a port on this computer: no remote, and none given when the first remote is added. Off: it may get one again. */
  setKeptLocal(id: string, kept: boolean, now: number): void {
    (kept ? this.s.keepLocal : this.s.unkeepLocal).run(now, id);
  }

  /** Ports with no remote that are not kept local, oldest first: what the first remote added takes. */
  unassignedIds(): string[] {
    return (this.s.unassigned.all() as { id: string }[]).map((r) => r.id);
  }

  /** How many ports have no remote, and how many of those are kept local on purpose. */
  localOnlyCounts(): { ports: number; keptLocal: number } {
    return this.s.localOnly.get() as { ports: number; keptLocal: number };
  }

  /** A remote is being removed: its ports become local ports, unlinked. */
  forgetRemote(remoteId: string): void {
    this.s.forgetRemote.run(remoteId);
  }
}

import { z } from 'zod';
import { PortFieldsSchema, PortStateSchema, RemoteKindSchema } from '../../model';
import { method } from '../method';
import { trustedCaProblem } from '../../domain/trustedCa';

const id = z.string().min(1, 'is required');

/** A remote as views see it: the token itself never crosses RPC. */
export const RemoteInfoSchema = z.object({
  id: z.string(),
  kind: RemoteKindSchema,
  name: z.string(),
  baseUrl: z.string(),
  accountId: z.string(),
  hasToken: z.boolean(),
  /** Telnyx v1's `x-api-user`: the portal user's e-mail (not a secret; the token is). */
  apiUser: z.string().nullable(),
  defaultConnectionId: z.string().nullable(),
  /** New ports go to this remote unless told otherwise. */
  isDefault: z.boolean(),
  createdAt: z.number().int(),
  /** A private authority trusted for this remote's https requests (empty: public authorities only). */
  trustedCertificates: z.array(z.object({ subject: z.string(), fingerprint: z.string(), validTo: z.string() })),
  /** Why the stored trusted certificate cannot be used (a damaged database), else null. */
  trustedCaProblem: z.string().nullable(),
});
export type RemoteInfoView = z.infer<typeof RemoteInfoSchema>;

/** A remote request the last pull could not read (an unknown state, a field of the wrong type). */
export const UnreadableRemoteSchema = z.object({
  remoteObjectId: z.string(),
  accountId: z.string(),
  accountName: z.string().nullable(),
  reason: z.string(),
  /** The local port it is linked to (kept as it was), or null for a request new to PortDesk. */
  portId: z.string().nullable(),
});
export type UnreadableRemoteView = z.infer<typeof UnreadableRemoteSchema>;

export const RemoteSyncStatusSchema = z.object({
  remoteId: z.string(),
  name: z.string(),
  kind: RemoteKindSchema,
  /** online: last contact worked; syncing: running now; offline: network down; paused: 401, needs a token; error: last run failed. */
  state: z.enum(['online', 'syncing', 'offline', 'paused', 'error']),
  message: z.string().nullable(),
  offlineSince: z.number().int().nullable(),
  lastSyncedAt: z.number().int().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  queued: z.number().int(),
  blocked: z.number().int(),
  conflicts: z.number().int(),
  /** The pull fail-safe held removals back: how many ports would go, of how many. */
  heldRemovals: z.object({ wouldRemove: z.number().int(), of: z.number().int() }).nullable(),
  /**
   * Ports whose create was sent and never answered (lost answer, timeout, killed mid-request):
   * PortDesk looks for it and sends no second one before `settlesAt` (null once that has passed);
   * `message` is the latest try's, e.g. "cannot tell yet whether the earlier create landed".
   */
  lateCreates: z.array(z.object({ portId: z.string(), name: z.string(), settlesAt: z.number().int().nullable(), message: z.string().nullable() })),
  /**
   * Second remote copies of a port PortDesk created (the same client marker, or on Telnyx the
   * same numbers): never imported as ports; `keptObjectId` is the copy the port is linked to
   * (null while it is not linked yet). `cancelRefusal` is null when this connection can cancel
   * the copy on its server; otherwise why not and what to do instead (a Telnyx draft: delete it
   * in the portal, then dismiss it).
   */
  duplicates: z.array(
    z.object({
      remoteObjectId: z.string(),
      portId: z.string(),
      name: z.string(),
      keptObjectId: z.string().nullable(),
      state: PortStateSchema,
      seenAt: z.number().int(),
      cancelRefusal: z.string().nullable(),
    }),
  ),
  /** What the last pull could not read: reported here, never applied or guessed at. */
  unreadable: z.array(UnreadableRemoteSchema),
});
export type RemoteSyncStatus = z.infer<typeof RemoteSyncStatusSchema>;

export const SyncStatusSchema = z.object({
  state: z.enum(['idle', 'online', 'syncing', 'offline', 'paused', 'error']),
  /** One line for the status bar, e.g. "Syncing 12 of 40", "Offline since 14:02". */
  summary: z.string(),
  remotes: z.array(RemoteSyncStatusSchema),
  /**
   * Ports with no remote, how many of them are kept local on purpose, and their changes (every
   * outbox row): they are sent once the port gets a remote.
   */
  localOnly: z.object({ ports: z.number().int(), keptLocal: z.number().int(), changes: z.number().int() }),
});
export type SyncStatusView = z.infer<typeof SyncStatusSchema>;

export const SyncReportSchema = z.object({
  converged: z.boolean(),
  /** "still not converged: ..." when the bounded run stopped with work left. */
  message: z.string(),
  /**
   * The remotes the run left work on (failed, changes still queued, paused, removals held), so a
   * view can point at their cards, which say why. Empty when converged, and when no remote ran
   * (another PortDesk holds the database: only `message` says so).
   */
  unfinished: z.array(z.object({ remoteId: z.string(), name: z.string() })),
  pushed: z.number().int(),
  pulled: z.number().int(),
  conflicts: z.number().int(),
  blocked: z.number().int(),
  waiting: z.number().int(),
  /**
   * Remotes this run could not connect to at all (connection refused, no DNS, no network): nothing
   * was sent to them, and their `queued` changes stay on this computer, in order, for when the
   * connection is back. A slow server or a lost answer is never listed here.
   */
  unreachable: z.array(z.object({ remoteId: z.string(), name: z.string(), reason: z.string(), queued: z.number().int() })),
});
export type SyncReport = z.infer<typeof SyncReportSchema>;

const ConflictSideSchema = z.object({ fields: PortFieldsSchema, numbers: z.array(z.string()), state: PortStateSchema });
export const ConflictViewSchema = z.object({
  portId: z.string(),
  local: ConflictSideSchema,
  remote: ConflictSideSchema,
  /** The keys that differ: field names, `numbers`, `state`. */
  differs: z.array(z.string()),
  detectedAt: z.number().int(),
});

const choice = z.enum(['local', 'remote']);
const ChoicesSchema = z.partialRecord(z.enum([...(Object.keys(PortFieldsSchema.shape) as [string, ...string[]]), 'numbers', 'state']), choice);

/**
 * A token travels in an HTTP header: a line break in it would split the request, and undici
 * quotes a bad header value back in its error (which would carry the token into the sync status).
 * Tokens of both APIs are printable ASCII, so anything else is refused here, at input.
 */
export const TokenSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(10_000)
  .regex(/^[\x21-\x7e]+$/, 'may hold only printable ASCII characters (no spaces, line breaks or control characters); copy the token again');

/** The Telnyx portal user (an e-mail) that v1 wants beside the token. */
export const ApiUserSchema = z.string().trim().max(254, 'is too long').pipe(z.email('must be the e-mail address you sign in to the Telnyx portal with'));

/** A private authority's certificate(s), PEM: one or more -----BEGIN CERTIFICATE----- blocks, at most 64 KB (main then parses each). */
export const TrustedCaSchema = z.string().superRefine((text, ctx) => {
  const problem = trustedCaProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const syncMethods = {
  'remotes.list': method(z.object({}), z.array(RemoteInfoSchema)),
  'remotes.add': method(
    z.object({
      kind: RemoteKindSchema,
      url: z.string().min(1, 'is required').max(2000),
      accountId: z.string().min(1, 'is required').max(200),
      token: TokenSchema,
      /** Telnyx only, and required there. */
      apiUser: ApiUserSchema.optional(),
      name: z.string().max(128).optional(),
      defaultConnectionId: z.string().max(200).optional(),
      trustedCa: TrustedCaSchema.optional(),
    }),
    /** assignedPorts: the ports made with no remote that the first remote added took. */
    RemoteInfoSchema.extend({ assignedPorts: z.number().int() }),
  ),
  'remotes.remove': method(z.object({ id }), z.object({ removed: z.string() })),
  'remotes.setDefault': method(z.object({ id }), RemoteInfoSchema),
  /** Download a pulled attachment's bytes into the local store (they then open offline). */
  'documents.fetchRemote': method(z.object({ attachmentId: id }), z.object({ attachmentId: z.string(), sha256: z.string(), size: z.number().int() })),
  /** A new token; for Telnyx, the API user may be given (or corrected) with it. */
  'remotes.setToken': method(z.object({ id, token: TokenSchema, apiUser: ApiUserSchema.optional() }), RemoteInfoSchema),
  /** Trust a private certificate authority for this remote's https requests; null stops trusting it. */
  'remotes.setTrustedCa': method(z.object({ id, trustedCa: TrustedCaSchema.nullable() }), RemoteInfoSchema),
  'sync.status': method(z.object({}), SyncStatusSchema),
  'sync.now': method(z.object({ remoteId: z.string().optional(), confirmRemovals: z.boolean().optional() }), SyncReportSchema),
  'sync.acceptCharges': method(z.object({ portId: id }), z.object({ portId: z.string(), requeued: z.number().int() })),
  /** A duplicate remote copy: cancel it on its server (confirmed in the UI first), or dismiss it from the list. */
  'sync.settleDuplicate': method(
    z.object({ remoteId: id, remoteObjectId: id, action: z.enum(['cancel', 'dismiss']) }),
    z.object({ remoteObjectId: z.string(), action: z.enum(['cancel', 'dismiss']) }),
  ),
  'sync.retry': method(z.object({ portId: id }), z.object({ portId: z.string(), requeued: z.number().int() })),
  'conflicts.list': method(z.object({}), z.array(ConflictViewSchema)),
  'conflicts.resolve': method(z.object({ portId: id, choices: ChoicesSchema }), z.object({ portId: z.string(), resolved: z.boolean() })),
};

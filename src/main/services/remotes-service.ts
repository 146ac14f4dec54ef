import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { RemoteKind } from '../../shared/model';
import type { Repos } from '../db/repos';
import type { RemoteRow } from '../db/repos/remotes-repo';
import type { PortRow } from '../db/repos/ports-repo';
import { normalizeBaseUrl } from '../remotes/url';
import type { RemoteConfig } from '../remotes/config';
import { readTrustedCa, type CertificateInfo, type TrustedCa } from '../remotes/trusted-ca';
import type { ChangeBus } from './changes';
import type { SecretBox } from './secrets';
import { writeAssignment } from './remote-assignment';

/** A remote as views see it: never the token, only whether one is stored; of a trusted certificate, what identifies it. */
export interface RemoteInfo extends Omit<RemoteRow, 'trustedCa'> {
  /** Telnyx v1's `x-api-user` (the portal user's e-mail); null on Kazoo. */
  apiUser: string | null;
  defaultConnectionId: string | null;
  /** New ports go to this remote unless told otherwise. */
  isDefault: boolean;
  /** The private authority's certificates trusted for this remote (empty: public authorities only). */
  trustedCertificates: CertificateInfo[];
  /** Why the stored trusted certificate cannot be used (a damaged database), else null. */
  trustedCaProblem: string | null;
}

/** A remote just added, and how many ports made with no remote it took (the first remote takes them all). */
export interface AddedRemote extends RemoteInfo {
  assignedPorts: number;
}

/** sync_state row holding the default remote (not tied to one remote, hence the `*`). */
const DEFAULT_KEY = { remoteId: '*', key: 'default_remote' } as const;

export interface AddRemoteInput {
  kind: RemoteKind;
  url: string;
  accountId: string;
  token: string;
  /** Telnyx: the portal user's e-mail, sent as `x-api-user` (required there, refused on Kazoo). */
  apiUser?: string;
  name?: string;
  defaultConnectionId?: string;
  /** PEM certificate blocks of a private authority to trust for this remote (the RPC schema has checked their form). */
  trustedCa?: string;
}

/** sync_state keys of a remote's settings (beside the remotes row: no schema change for optional parts). */
const API_USER = 'api_user';
const DEFAULT_CONNECTION = 'default_connection_id';

/** Remotes (porting API accounts) and their encrypted tokens. */
export class RemotesService {
  constructor(
    private readonly repos: Repos,
    private readonly secrets: SecretBox,
    private readonly changes: ChangeBus,
    private readonly now: () => number = Date.now,
  ) {}

  list(): RemoteInfo[] {
    const defaultId = this.setting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key);
    return this.repos.remotes.list().map((row) => this.read(row, defaultId).info);
  }

  get(id: string): RemoteInfo {
    return this.find(id).info;
  }

  /** One remote's view and its trusted certificates, each certificate parsed once. */
  private find(id: string): { info: RemoteInfo; trust: StoredTrust } {
    const row = this.repos.remotes.list().find((r) => r.id === id);
    if (!row) throw new AppError('NOT_FOUND', `No remote with id ${id}`, { id });
    return this.read(row, this.setting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key));
  }

  private read({ trustedCa, ...r }: RemoteRow, defaultId: string | null): { info: RemoteInfo; trust: StoredTrust } {
    const trust = storedTrust(trustedCa);
    const info = {
      ...r,
      apiUser: this.setting(r.id, API_USER),
      defaultConnectionId: this.setting(r.id, DEFAULT_CONNECTION),
      isDefault: r.id === defaultId,
      trustedCertificates: trust.ca?.certificates ?? [],
      trustedCaProblem: trust.problem,
    };
    return { info, trust };
  }

  /**
   * Add a remote. The first one becomes the default and takes every port made with no remote
   * (except those kept local), so nothing made before it stays behind unsent.
   */
  add(input: AddRemoteInput): AddedRemote {
    const baseUrl = normalizeBaseUrl(input.url, input.kind);
    const accountId = input.accountId.trim();
    if (!accountId) throw new AppError('VALIDATION', 'The account id is required', { field: 'accountId' });
    if (!input.token.trim()) throw new AppError('VALIDATION', 'The token is required', { field: 'token' });
    const apiUser = checkApiUser(input.kind, input.apiUser, true);
    const trusted = input.trustedCa !== undefined ? readTrustedCa(input.trustedCa) : null;
    const dup = this.list().find((r) => r.kind === input.kind && r.baseUrl === baseUrl && r.accountId === accountId);
    if (dup) throw new AppError('CONFLICT', `This account is already set up as remote "${dup.name}" (${dup.id})`, { id: dup.id });
    const id = randomUUID();
    const name = input.name?.trim() || `${input.kind === 'kazoo' ? 'Kazoo' : 'Telnyx'} ${new URL(baseUrl).host}`;
    const sealed = this.secrets.seal(input.token.trim());
    const now = this.now();
    const assigned = this.repos.db.transaction(() => {
      const first = this.repos.remotes.list().length === 0;
      this.repos.remotes.insert({ id, kind: input.kind, name, baseUrl, accountId, tokenSealed: sealed, now, trustedCa: trusted?.pem ?? null });
      if (apiUser) this.setSetting(id, API_USER, apiUser);
      if (input.defaultConnectionId) this.setSetting(id, DEFAULT_CONNECTION, input.defaultConnectionId);
      // The first remote becomes the default, so new ports sync without a further step.
      if (!this.defaultId()) this.setSetting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key, id);
      if (!first) return [];
      const ids = this.repos.ports.unassignedIds();
      for (const portId of ids) {
        writeAssignment(this.repos, this.repos.ports.get(portId) as PortRow, id, '', `Assigned to remote "${name}", the first connection added`, 'you', now);
      }
      return ids;
    })();
    if (assigned.length > 0) this.changes.emit({ type: 'ports', ids: assigned, removed: [] });
    this.changes.emit({ type: 'sync' });
    return { ...this.get(id), assignedPorts: assigned.length };
  }

  /** Forget a remote: its ports stay as local ports, their queued changes and sync state go. */
  remove(id: string): void {
    this.get(id);
    const { db, outbox, ports, conflicts, syncState, remotes } = this.repos;
    db.transaction(() => {
      outbox.forgetRemote(id);
      conflicts.forgetRemote(id);
      ports.forgetRemote(id);
      syncState.forgetRemote(id);
      remotes.delete(id);
      if (this.setting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key) === id) {
        const next = this.list()[0];
        if (next) this.setSetting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key, next.id);
        else syncState.clear(DEFAULT_KEY.remoteId, DEFAULT_KEY.key);
      }
    })();
    this.changes.emit({ type: 'sync' });
  }

  /** The remote new ports go to, if any. */
  defaultId(): string | null {
    const id = this.setting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key);
    return id && this.repos.remotes.exists(id) ? id : null;
  }

  /** Make `id` the remote new ports go to. */
  setDefault(id: string): RemoteInfo {
    this.get(id);
    this.setSetting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key, id);
    this.changes.emit({ type: 'sync' });
    return this.get(id);
  }

  /** Store a new token (e.g. after a 401), with a Telnyx remote's API user if given, and lift the pause it caused. */
  setToken(id: string, token: string, apiUserIn?: string): RemoteInfo {
    const info = this.get(id);
    if (!token.trim()) throw new AppError('VALIDATION', 'The token is required', { field: 'token' });
    const apiUser = checkApiUser(info.kind, apiUserIn, false);
    const sealed = this.secrets.seal(token.trim());
    this.repos.db.transaction(() => {
      this.repos.remotes.setToken(id, sealed);
      if (apiUser) this.setSetting(id, API_USER, apiUser);
      this.repos.syncState.clear(id, 'paused');
    })();
    this.changes.emit({ type: 'sync' });
    return this.get(id);
  }

  /**
   * Trust a private certificate authority for this remote's https requests (besides the public
   * ones), or stop trusting it (null). A text that is not certificates is refused and nothing changes.
   */
  setTrustedCa(id: string, text: string | null): RemoteInfo {
    this.get(id);
    this.repos.remotes.setTrustedCa(id, text === null ? null : readTrustedCa(text).pem);
    this.changes.emit({ type: 'sync' });
    return this.get(id);
  }

  /** Everything an adapter needs, token decrypted. For main-process use only. */
  config(id: string): RemoteConfig {
    const { info, trust } = this.find(id);
    const sealed = this.repos.remotes.sealedToken(id);
    if (!sealed) throw new AppError('UNAUTHORIZED', `Remote "${info.name}" has no token; enter one`);
    // Connecting without it would only be refused by the server's certificate: say what to fix instead.
    if (trust.problem) throw new AppError('VALIDATION', `Remote "${info.name}": ${trust.problem}`, { field: 'trustedCa' });
    return {
      kind: info.kind,
      baseUrl: info.baseUrl,
      accountId: info.accountId,
      token: this.secrets.open(sealed),
      ...(info.apiUser ? { user: info.apiUser } : {}),
      ...(info.defaultConnectionId ? { defaultConnectionId: info.defaultConnectionId } : {}),
      ...(trust.ca ? { trustedCa: trust.ca.blocks } : {}),
    };
  }

  private setting(id: string, key: string): string | null {
    return this.repos.syncState.get(id, key) ?? null;
  }

  private setSetting(id: string, key: string, value: string): void {
    this.repos.syncState.set(id, key, value);
  }
}

/** A remote's stored trusted certificate, read again (a damaged or hand-edited database is said, not trusted). */
/** A connection's trusted certificates as stored: read, or why they cannot be used. */
interface StoredTrust {
  ca: TrustedCa | null;
  problem: string | null;
}

function storedTrust(pem: string | null): StoredTrust {
  if (pem === null) return { ca: null, problem: null };
  try {
    return { ca: readTrustedCa(pem), problem: null };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ca: null, problem: `${why} (as stored in the database, so it is not used): set it again in Settings (Certificate) or with portdesk remote ca ID --ca-file FILE` };
  }
}

/**
 * The API user as stored: Telnyx v1 authenticates with it and the token together, so a new
 * Telnyx remote needs one; Kazoo has no such thing. The RPC schema has checked its form.
 */
function checkApiUser(kind: RemoteKind, apiUser: string | undefined, required: boolean): string | null {
  const user = apiUser?.trim() ?? '';
  if (kind === 'kazoo' && user) throw new AppError('VALIDATION', 'An API user is for Telnyx connections only; Kazoo signs in with the token alone', { field: 'apiUser' });
  if (kind === 'telnyx' && required && !user) {
    throw new AppError('VALIDATION', 'The API user is required: Telnyx signs in with the e-mail of your portal user and the token together', { field: 'apiUser' });
  }
  return user || null;
}

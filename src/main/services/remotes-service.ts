import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { RemoteKind } from '../../shared/model';
import type { Db } from '../db/connection';
import { normalizeBaseUrl } from '../remotes/url';
import type { RemoteConfig } from '../remotes/config';
import type { ChangeBus } from './changes';
import type { SecretBox } from './secrets';

/** A remote as views see it: never the token, only whether one is stored. */
export interface RemoteInfo {
  id: string;
  kind: RemoteKind;
  name: string;
  baseUrl: string;
  accountId: string;
  hasToken: boolean;
  defaultConnectionId: string | null;
  /** New ports go to this remote unless told otherwise. */
  isDefault: boolean;
  createdAt: number;
}

/** sync_state row holding the default remote (not tied to one remote, hence the `*`). */
const DEFAULT_KEY = { remoteId: '*', key: 'default_remote' } as const;

export interface AddRemoteInput {
  kind: RemoteKind;
  url: string;
  accountId: string;
  token: string;
  name?: string;
  defaultConnectionId?: string;
}

/** Remotes (porting API accounts) and their encrypted tokens. */
export class RemotesService {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    private readonly changes: ChangeBus,
    private readonly now: () => number = Date.now,
  ) {}

  list(): RemoteInfo[] {
    const rows = this.db.prepare('SELECT id, kind, name, base_url, account_id, token_enc IS NOT NULL AS has_token, created_at FROM remotes ORDER BY created_at, id').all() as Record<string, unknown>[];
    const defaultId = this.setting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key);
    return rows.map((r) => ({
      id: String(r.id),
      kind: r.kind as RemoteKind,
      name: String(r.name),
      baseUrl: String(r.base_url),
      accountId: String(r.account_id),
      hasToken: Number(r.has_token) === 1,
      defaultConnectionId: this.setting(String(r.id), 'default_connection_id'),
      isDefault: String(r.id) === defaultId,
      createdAt: Number(r.created_at),
    }));
  }

  get(id: string): RemoteInfo {
    const found = this.list().find((r) => r.id === id);
    if (!found) throw new AppError('NOT_FOUND', `No remote with id ${id}`, { id });
    return found;
  }

  add(input: AddRemoteInput): RemoteInfo {
    const baseUrl = normalizeBaseUrl(input.url, input.kind);
    const accountId = input.accountId.trim();
    if (!accountId) throw new AppError('VALIDATION', 'The account id is required', { field: 'accountId' });
    if (!input.token.trim()) throw new AppError('VALIDATION', 'The token is required', { field: 'token' });
    const dup = this.list().find((r) => r.kind === input.kind && r.baseUrl === baseUrl && r.accountId === accountId);
    if (dup) throw new AppError('CONFLICT', `This account is already set up as remote "${dup.name}" (${dup.id})`, { id: dup.id });
    const id = randomUUID();
    const name = input.name?.trim() || `${input.kind === 'kazoo' ? 'Kazoo' : 'Telnyx'} ${new URL(baseUrl).host}`;
    const sealed = this.secrets.seal(input.token.trim());
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO remotes (id, kind, name, base_url, account_id, token_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, input.kind, name, baseUrl, accountId, sealed, this.now());
      if (input.defaultConnectionId) this.setSetting(id, 'default_connection_id', input.defaultConnectionId);
      // The first remote becomes the default, so new ports sync without a further step.
      if (!this.defaultId()) this.setSetting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key, id);
    })();
    this.changes.emit({ type: 'sync' });
    return this.get(id);
  }

  /** Forget a remote: its ports stay as local ports, their queued changes and sync state go. */
  remove(id: string): void {
    this.get(id);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM outbox WHERE port_id IN (SELECT id FROM ports WHERE remote_id = ?)').run(id);
      this.db.prepare("DELETE FROM outbox WHERE json_extract(payload, '$.remoteId') = ?").run(id);
      this.db.prepare("UPDATE ports SET remote_object_id = NULL, remote_revision = NULL, sync_status = 'local', sync_error = NULL, dirty = 1 WHERE remote_id = ?").run(id);
      this.db.prepare('DELETE FROM conflicts WHERE port_id IN (SELECT id FROM ports WHERE remote_id = ?)').run(id);
      this.db.prepare('DELETE FROM sync_state WHERE remote_id = ?').run(id);
      this.db.prepare('DELETE FROM remotes WHERE id = ?').run(id);
      if (this.setting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key) === id) {
        const next = this.list()[0];
        if (next) this.setSetting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key, next.id);
        else this.db.prepare('DELETE FROM sync_state WHERE remote_id = ? AND key = ?').run(DEFAULT_KEY.remoteId, DEFAULT_KEY.key);
      }
    })();
    this.changes.emit({ type: 'sync' });
  }

  /** The remote new ports go to, if any. */
  defaultId(): string | null {
    const id = this.setting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key);
    return id && this.db.prepare('SELECT 1 FROM remotes WHERE id = ?').get(id) ? id : null;
  }

  /** Make `id` the remote new ports go to. */
  setDefault(id: string): RemoteInfo {
    this.get(id);
    this.setSetting(DEFAULT_KEY.remoteId, DEFAULT_KEY.key, id);
    this.changes.emit({ type: 'sync' });
    return this.get(id);
  }

  /** Store a new token (e.g. after a 401) and lift the pause it caused. */
  setToken(id: string, token: string): RemoteInfo {
    this.get(id);
    if (!token.trim()) throw new AppError('VALIDATION', 'The token is required', { field: 'token' });
    const sealed = this.secrets.seal(token.trim());
    this.db.transaction(() => {
      this.db.prepare('UPDATE remotes SET token_enc = ? WHERE id = ?').run(sealed, id);
      this.db.prepare("DELETE FROM sync_state WHERE remote_id = ? AND key = 'paused'").run(id);
    })();
    this.changes.emit({ type: 'sync' });
    return this.get(id);
  }

  /** Everything an adapter needs, token decrypted. For main-process use only. */
  config(id: string): RemoteConfig {
    const info = this.get(id);
    const row = this.db.prepare('SELECT token_enc FROM remotes WHERE id = ?').get(id) as { token_enc: Buffer | null };
    if (!row.token_enc) throw new AppError('UNAUTHORIZED', `Remote "${info.name}" has no token; enter one`);
    return {
      kind: info.kind,
      baseUrl: info.baseUrl,
      accountId: info.accountId,
      token: this.secrets.open(row.token_enc),
      ...(info.defaultConnectionId ? { defaultConnectionId: info.defaultConnectionId } : {}),
    };
  }

  private setting(id: string, key: string): string | null {
    const row = this.db.prepare('SELECT value FROM sync_state WHERE remote_id = ? AND key = ?').get(id, key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  private setSetting(id: string, key: string, value: string): void {
    this.db.prepare('INSERT INTO sync_state (remote_id, key, value) VALUES (?, ?, ?) ON CONFLICT (remote_id, key) DO UPDATE SET value = excluded.value').run(id, key, value);
  }
}

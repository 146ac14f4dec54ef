import type { RemoteKind } from '../../../shared/model';
import type { Db } from '../connection';

export interface RemoteRow {
  id: string;
  kind: RemoteKind;
  name: string;
  baseUrl: string;
  accountId: string;
  hasToken: boolean;
  createdAt: number;
  /** PEM certificate blocks trusted for this remote beside the public authorities, as stored (read with readTrustedCa). */
  trustedCa: string | null;
}

/** Remotes (porting API accounts); tokens are stored sealed and read only by the remotes service. */
export class RemotesRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      list: db.prepare('SELECT id, kind, name, base_url AS baseUrl, account_id AS accountId, token_enc IS NOT NULL AS hasToken, created_at AS createdAt, trusted_ca AS trustedCa FROM remotes ORDER BY created_at, id'),
      exists: db.prepare('SELECT 1 FROM remotes WHERE id = ?'),
      insert: db.prepare('INSERT INTO remotes (id, kind, name, base_url, account_id, token_enc, created_at, trusted_ca) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      delete: db.prepare('DELETE FROM remotes WHERE id = ?'),
      setToken: db.prepare('UPDATE remotes SET token_enc = ? WHERE id = ?'),
      setTrustedCa: db.prepare('UPDATE remotes SET trusted_ca = ? WHERE id = ?'),
      token: db.prepare('SELECT token_enc FROM remotes WHERE id = ?'),
    };
  }

  list(): RemoteRow[] {
    return (this.s.list.all() as (Omit<RemoteRow, 'hasToken'> & { hasToken: number })[]).map((r) => ({ ...r, hasToken: Number(r.hasToken) === 1 }));
  }

  exists(id: string): boolean {
    return this.s.exists.get(id) !== undefined;
  }

  insert(r: { id: string; kind: RemoteKind; name: string; baseUrl: string; accountId: string; tokenSealed: Buffer; now: number; trustedCa: string | null }): void {
    this.s.insert.run(r.id, r.kind, r.name, r.baseUrl, r.accountId, r.tokenSealed, r.now, r.trustedCa);
  }

  delete(id: string): void {
    this.s.delete.run(id);
  }

  setToken(id: string, sealed: Buffer): void {
    this.s.setToken.run(sealed, id);
  }

  /** The PEM blocks to trust for this remote (checked by the caller), or null for public authorities only. */
  setTrustedCa(id: string, pem: string | null): void {
    this.s.setTrustedCa.run(pem, id);
  }

  /** The sealed token, or null when none is stored. */
  sealedToken(id: string): Buffer | null {
    return (this.s.token.get(id) as { token_enc: Buffer | null } | undefined)?.token_enc ?? null;
  }
}

import type { RemoteKind } from '../../shared/model';

/**
 * Everything an adapter needs to talk to one remote, token decrypted (main process only). Here
 * rather than in sync/ or services/ because both use it: the remotes service builds it, the sync
 * engine and import's portability checks hand it to adapters.
 */
export interface RemoteConfig {
  kind: RemoteKind;
  baseUrl: string;
  accountId: string;
  token: string;
  /** Telnyx v1: the portal user (an e-mail) sent as `x-api-user` beside the token. */
  user?: string;
  /** Telnyx: connection to set on ported numbers (required to submit). */
  defaultConnectionId?: string;
  /** PEM certificates of a private authority trusted for this remote beside the public ones (http.ts `trustedCa`). */
  trustedCa?: readonly string[];
  /** How long to wait for an answer to an API call (default 30 s; tests shorten it). */
  requestTimeoutMs?: number;
}

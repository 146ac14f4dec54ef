import { randomBytes, randomUUID, createHash } from 'node:crypto';

/** A Kazoo-style 32-hex document id. */
export function kazooId(): string {
  return randomBytes(16).toString('hex');
}

/** A per-request id as Kazoo returns in `request_id`. */
export function requestId(): string {
  return randomBytes(16).toString('hex');
}

/** A Telnyx-style UUID. */
export function uuid(): string {
  return randomUUID();
}

/** An opaque bearer/auth token. */
export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** md5 hex of a string (Kazoo revisions carry an md5-like hash). */
export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

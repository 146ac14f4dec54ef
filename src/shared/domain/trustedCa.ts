/**
 * The form of a connection's trusted certificate (a private certificate authority, PEM): checked
 * the same way where it comes in (RPC, CLI, the Settings field) and where it is read back. Parsing
 * each certificate needs node:crypto, so that part is main's (src/main/remotes/trusted-ca.ts).
 */

/** A file with one authority or a short chain is a few KB; anything near this is not one. */
export const TRUSTED_CA_MAX_CHARS = 64 * 1024;

/** Why a text (or a file, by its size) over {@link TRUSTED_CA_MAX_CHARS} is refused. */
export const TRUSTED_CA_TOO_BIG = 'is over 64 KB: a trusted certificate file holds one authority or a short chain';

/** One PEM certificate block: base64 lines between its markers. */
const BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----/g;

/** The certificate blocks of a PEM text, each as written. */
export function certificateBlocks(text: string): string[] {
  return text.match(BLOCK) ?? [];
}

/**
 * Why a text is not one or more certificate blocks, or null when it is. Said for a person who
 * pasted or chose the wrong file; the text itself is never quoted (it may be a private key).
 */
export function trustedCaProblem(text: string): string | null {
  if (text.length > TRUSTED_CA_MAX_CHARS) return TRUSTED_CA_TOO_BIG;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    return "is a private key, not a certificate: use the certificate (-----BEGIN CERTIFICATE-----) of the authority that issued the server's certificate, and keep the key secret";
  }
  if (certificateBlocks(text).length === 0) return 'holds no certificate: it must be one or more -----BEGIN CERTIFICATE----- blocks (PEM)';
  if (text.replace(BLOCK, '').trim() !== '') return 'holds text outside its -----BEGIN CERTIFICATE----- blocks: keep only the blocks';
  return null;
}

/** A SHA-256 fingerprint ("AB:CD:...", 32 bytes) cut to its first 8 bytes: enough to tell certificates apart at a glance. */
export function shortFingerprint(fingerprint: string): string {
  return `${fingerprint.split(':').slice(0, 8).join(':')}…`;
}

/** How long before a trusted certificate's end it is pointed out: time for its authority to issue a new one. */
export const CERTIFICATE_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

/** How near the end of a connection's trusted certificates is, once it is worth saying. */
export type CertificateExpiry = { kind: 'expired' } | { kind: 'soon'; days: number };

/**
 * The end of the first of these certificates to end (their `validTo`, as node:crypto gives it):
 * expired once it has passed (the server is then refused: CERT_HAS_EXPIRED), soon within
 * {@link CERTIFICATE_WARNING_DAYS}; null otherwise, or when no date reads.
 */
export function certificateExpiry(validTo: readonly string[], now: number): CertificateExpiry | null {
  const ends = validTo.map((v) => Date.parse(v)).filter((t) => !Number.isNaN(t));
  if (ends.length === 0) return null;
  const first = Math.min(...ends);
  if (first <= now) return { kind: 'expired' };
  const days = Math.ceil((first - now) / DAY_MS);
  return days <= CERTIFICATE_WARNING_DAYS ? { kind: 'soon', days } : null;
}

/** "expired", "expires in 12 days". */
export function expiryText(expiry: CertificateExpiry): string {
  return expiry.kind === 'expired' ? 'expired' : `expires in ${expiry.days} day${expiry.days === 1 ? '' : 's'}`;
}

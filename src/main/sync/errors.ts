/**
 * Typed remote errors. Every failure the sync engine sees is sorted into one kind, which decides
 * what happens next: transient ones are retried with backoff, `auth` pauses the remote until a
 * new token, `permanent` blocks only the port's queue, `not_found` is handled by the caller.
 */
export type RemoteErrorKind = 'transient' | 'auth' | 'permanent' | 'not_found';

export interface RemoteErrorInit {
  kind: RemoteErrorKind;
  /** HTTP status (0 for network faults). */
  status: number;
  /** What the specialist sees: the server's own words, verbatim where it gave any. */
  message: string;
  /** The server's short `message` field as sent (e.g. Kazoo's "accept charges"). */
  serverMessage?: string;
  /** Delay the server asked for (429 Retry-After), in ms. */
  retryAfterMs?: number;
  /** Kazoo 402: the activation charges to accept. */
  charges?: number;
  /** A network fault before any connection was made (refused, no DNS, unreachable): nothing was sent. */
  notConnected?: boolean;
  /**
   * The server's certificate was refused: retried by later runs (someone may renew or trust it),
   * but not within one, where waiting changes nothing.
   */
  certificate?: boolean;
}

/** A remote failure carried as a value with its kind, status and the server's message. */
export class RemoteError extends Error {
  readonly kind: RemoteErrorKind;
  readonly status: number;
  readonly serverMessage: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly charges: number | undefined;
  readonly notConnected: boolean;
  readonly certificate: boolean;

  constructor(init: RemoteErrorInit) {
    super(init.message);
    this.name = 'RemoteError';
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.retryAfterMs = init.retryAfterMs;
    this.charges = init.charges;
    this.notConnected = init.notConnected ?? false;
    this.certificate = init.certificate ?? false;
  }
}

/** Kind of an HTTP status: 5xx/408/429 retry, 401 pauses, 404 is reported, other 4xx block. */
export function kindOfStatus(status: number): RemoteErrorKind {
  if (status === 401) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

/** Parse a Retry-After header (seconds or HTTP date) into ms; undefined when absent or bad. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The code http.ts gives a new connection not made in time (TCP and TLS, as undici's connect timeout). */
export const CONNECT_TIMEOUT = 'CONNECT_TIMEOUT';

/**
 * Failures that happen before a connection exists (Node's socket and DNS codes, the connect
 * timeout): not one byte of the request left. A reset or a timeout after connecting is not among them.
 */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', CONNECT_TIMEOUT]);

/** Node's code of a network error; several addresses tried in turn fail as one AggregateError carrying the first one's. */
const codeOf = (err: unknown): string => (err instanceof Error && 'code' in err ? String(err.code) : '');

/** What went wrong, in Node's words; an AggregateError's own message is empty, its errors' are not. */
function describe(err: unknown): string {
  if (err instanceof AggregateError && err.message === '') return err.errors.map(describe).join('; ');
  return err instanceof Error ? err.message : String(err);
}

/** What is said of any certificate Node cannot chain to an authority it knows. */
const UNTRUSTED = {
  what: 'is not from a certificate authority PortDesk trusts (it is self-signed, or from a private authority)',
  advice:
    "Ask the server's administrator for a certificate from a public certificate authority, or add the certificate of the authority that issued it to this connection (Settings, Connections, Certificate; or portdesk remote ca ID --ca-file FILE).",
};

/**
 * Node's codes for a server certificate it refuses, what each means and what to do. The TLS
 * handshake failed, so not one byte of the request left: nothing was created or changed.
 */
const CERTIFICATE_PROBLEMS: Record<string, { what: string; advice: string }> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: UNTRUSTED,
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED,
  CERT_UNTRUSTED: UNTRUSTED,
  CERT_HAS_EXPIRED: { what: 'has expired', advice: "The server's administrator must renew it; PortDesk tries again meanwhile." },
  CERT_NOT_YET_VALID: { what: 'is not valid yet', advice: "Check this computer's date and time." },
  CERT_REVOKED: { what: 'was revoked by its authority', advice: "The server's administrator must replace it." },
  ERR_TLS_CERT_ALTNAME_INVALID: {
    what: "was issued for another name than the one in the connection's address",
    advice: "Check the server address in the connection's settings: use the name the certificate was issued for.",
  },
};

/**
 * A transient error saying `message (cause)`, keeping what the cause says of the connection
 * (nothing sent, a refused certificate): a failed look for an earlier create is said as "cannot
 * tell yet", and a refused certificate there must still end the run's push at once.
 */
export function transientBecause(message: string, err: unknown): RemoteError {
  const cause = err instanceof RemoteError ? err : undefined;
  return new RemoteError({
    kind: 'transient',
    status: cause?.status ?? 0,
    message: `${message} (${err instanceof Error ? err.message : String(err)})`,
    notConnected: cause?.notConnected ?? false,
    certificate: cause?.certificate ?? false,
  });
}

/** A network-level failure (refused, reset, timeout, a refused certificate): always transient. */
export function networkError(err: unknown): RemoteError {
  const code = codeOf(err);
  const certificate = CERTIFICATE_PROBLEMS[code];
  if (certificate) {
    // Said in words a specialist can act on: "Network error (self-signed certificate in certificate
    // chain)" read as a connection problem and left the remote "offline" with no clue why.
    return new RemoteError({ kind: 'transient', status: 0, message: `The server's certificate ${certificate.what} (${code}), so PortDesk did not connect and sent nothing. ${certificate.advice}`, notConnected: true, certificate: true });
  }
  const text = describe(err);
  // Header errors may quote the header's value (a token): keep the message, drop the value.
  return new RemoteError({ kind: 'transient', status: 0, message: `Network error (${/header/i.test(text) ? 'a request header was refused' : text})`, notConnected: NOT_CONNECTED_CODES.has(code) });
}

/**
 * Secret redaction for logs and diagnostics bundles. Applied when a line is written and again
 * when a bundle is exported, so a secret logged by mistake never reaches a support ticket.
 */

export const REDACTED = '[REDACTED]';

/** Words that make a field secret wherever they appear in its name (authToken, x-auth-token, ...). */
const SECRET_WORDS = new Set(['token', 'auth', 'password', 'passwd', 'passphrase', 'authorization', 'secret', 'apikey', 'cookie', 'pin', 'credential', 'credentials']);

/** Splits camelCase, snake_case, kebab-case and dotted names into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * True when a field name denotes a secret. Whole words only, so `authorizedPerson` (a name on
 * the LOA) and `author` stay readable while `authToken`, `api_key` and `X-Auth-Token` do not.
 */
export function isSecretKey(name: string): boolean {
  const w = words(name);
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  // "api key" split in two words
  return w.some((x, i) => x === 'api' && w[i + 1] === 'key');
}

const STRING_PATTERNS: Array<[RegExp, string]> = [
  // Authorization: Bearer abc / Basic abc (header text or free text)
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  // X-Auth-Token: abc  /  "X-Auth-Token": "abc"  /  x-auth-token=abc
  [/(x-auth-token["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi, `$1${REDACTED}`],
  // token=abc, password=abc, api_key=abc in query strings and key=value text
  [/\b((?:[a-z_]*_)?(?:token|password|passwd|secret|api_?key|auth)=)[^\s&"',;]+/gi, `$1${REDACTED}`],
  // "token": "abc" inside JSON text
  [/("(?:[A-Za-z_-]*)(?:token|password|secret|authorization|api_?key)"\s*:\s*")[^"]*(")/gi, `$1${REDACTED}$2`],
  // user:password@ in URLs
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^/\s@]+@/gi, `$1${REDACTED}@`],
];

/** Redacts secrets embedded in free text (error messages, URLs, header dumps). */
export function redactString(text: string): string {
  let out = text;
  for (const [pattern, replacement] of STRING_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Deep copy of a value with secret fields replaced and secret-looking text masked. Errors become
 * `{ name, message }`; cycles and depth beyond 8 are cut rather than followed.
 */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= 8) return '[Truncated]';
  // `seen` holds the current path only, so an object referenced twice is not mistaken for a cycle.
  seen.add(value);
  try {
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      return { name: value.name, message: redactString(value.message), ...(code !== undefined ? { code: redact(code, depth + 1, seen) } : {}) };
    }
    if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = isSecretKey(key) && v !== null && v !== undefined && v !== '' ? REDACTED : redact(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

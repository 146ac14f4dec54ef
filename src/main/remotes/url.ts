import { AppError } from '../../shared/errors';

/**
 * The server root a specialist typed, normalised: scheme required (http/https), no query or
 * fragment, no trailing slash, and for Kazoo without a trailing `/v2` (the adapter adds it), so
 * `http://host:8000`, `http://host:8000/` and `http://host:8000/v2/` are the same remote. A
 * Telnyx root is the one v1 paths hang from: `https://api.telnyx.com`.
 */
export function normalizeBaseUrl(input: string, kind: 'kazoo' | 'telnyx'): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError('VALIDATION', `"${input}" is not a URL; write it like http://crossbar.example.com:8000`, { field: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('VALIDATION', `"${input}" must start with http:// or https://`, { field: 'url' });
  }
  if (url.username || url.password) throw new AppError('VALIDATION', 'Put the token in the token field, not in the URL', { field: 'url' });
  let path = url.pathname.replace(/\/+$/, '');
  if (kind === 'kazoo') path = path.replace(/\/v2$/i, '');
  // Telnyx v1 lives at the API root (the adapter adds /origination/porting); a pasted operation path or v2 root is cut back to it.
  if (kind === 'telnyx') path = path.replace(/\/origination\/porting(\/.*)?$/i, '').replace(/\/v2$/i, '');
  return `${url.protocol}//${url.host}${path}`;
}

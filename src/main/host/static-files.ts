import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

/** Resolve a URL path inside `root`, refusing anything that would escape it. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const target = resolve(base, normalize(`.${decoded}`));
  if (target !== base && !target.startsWith(base + sep)) return undefined;
  try {
    const stat = statSync(target);
    if (stat.isDirectory()) return resolveStaticPath(root, join(decoded, 'index.html'));
    return stat.isFile() ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stream a static file with its content type and the security headers every response carries.
 * The file may vanish or become unreadable after it was resolved: before the first byte that is a
 * 404, afterwards the response is cut; either way the host keeps running.
 */
export function sendStatic(res: ServerResponse, file: string, headers: Record<string, string>): void {
  const stream = createReadStream(file);
  stream.on('error', () => {
    if (res.headersSent) {
      res.destroy();
    } else {
      res.writeHead(404, { ...headers, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'File not found' } }));
    }
  });
  stream.once('open', () => {
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    stream.pipe(res);
  });
  res.once('close', () => stream.destroy());
}

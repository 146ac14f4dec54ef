/**
 * The renderer's Content-Security-Policy. Production is strict: only the app's own scripts,
 * no eval, no plugins, no framing, no form posts, no network access (the renderer reaches the
 * network only through main). The dev server additionally needs its HMR websocket and the React
 * refresh preamble (an inline script) and injects CSS as <style> tags, so those relaxations exist
 * only when a dev server URL is passed. React's `style={{...}}` props are set through the CSSOM,
 * which CSP does not restrict, so production needs no 'unsafe-inline' for styles.
 */
export function contentSecurityPolicy(opts: { devServerUrl?: string | undefined } = {}): string {
  const scriptSrc = ["'self'"];
  const styleSrc = ["'self'"];
  const connectSrc = ["'self'"];
  if (opts.devServerUrl) {
    const dev = new URL(opts.devServerUrl);
    scriptSrc.push("'unsafe-inline'");
    // Vite injects CSS as <style> elements in dev; the build emits .css files instead.
    styleSrc.push("'unsafe-inline'");
    connectSrc.push(`${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`);
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', scriptSrc],
    ['style-src', styleSrc],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connectSrc],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Response headers as Electron's onHeadersReceived passes them (header name -> values). */
export type ResponseHeaders = Record<string, string | string[]>;

/**
 * Returns the headers with our CSP set, replacing any CSP the response carried (header names
 * are case-insensitive, so every spelling of it is dropped first).
 */
export function withCspHeader(headers: ResponseHeaders | undefined, csp: string): ResponseHeaders {
  const out: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

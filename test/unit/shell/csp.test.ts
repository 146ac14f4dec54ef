import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withCspHeader } from '../../../src/main/shell/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('contentSecurityPolicy (production)', () => {
  const d = directives(contentSecurityPolicy());

  it('allows only the app itself by default and for scripts', () => {
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
  });

  it('never allows eval or inline code', () => {
    const csp = contentSecurityPolicy();
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('*');
    expect(csp).not.toMatch(/\bhttps?:/);
  });

  it('closes plugins, base, framing and form posts', () => {
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('frame-src')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
  });

  it('lets images and workers use data:/blob: (PDF preview, pdf.js worker)', () => {
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
  });
});

describe('contentSecurityPolicy (dev server)', () => {
  const csp = contentSecurityPolicy({ devServerUrl: 'http://localhost:5173' });
  const d = directives(csp);
  it('adds the HMR websocket of that server only, and still no eval', () => {
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(csp).not.toContain('unsafe-eval');
    expect(d.get('object-src')).toEqual(["'none'"]);
  });
});

describe('withCspHeader', () => {
  it('replaces any CSP the response carried, whatever its case, and keeps other headers', () => {
    const out = withCspHeader({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, "default-src 'self'");
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });
  it('adds the CSP when there were no headers', () => {
    expect(withCspHeader(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

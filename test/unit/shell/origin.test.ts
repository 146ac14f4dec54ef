import { describe, expect, it } from 'vitest';
import { appOriginFor, isSafeExternalUrl, isTrustedSender } from '../../../src/main/shell/origin';

const PROD = appOriginFor({ rendererDirUrl: 'file:///opt/PortDesk/resources/app.asar/out/renderer' });
const DEV = appOriginFor({ devServerUrl: 'http://localhost:5173/', rendererDirUrl: 'file:///x/out/renderer/' });

describe('appOriginFor', () => {
  it('uses the renderer directory with a trailing slash in production', () => {
    expect(PROD).toBe('file:///opt/PortDesk/resources/app.asar/out/renderer/');
  });
  it('uses the dev server origin when electron-vite provides one', () => {
    expect(DEV).toBe('http://localhost:5173');
  });
  it('refuses a renderer location that is not a file URL', () => {
    expect(() => appOriginFor({ rendererDirUrl: 'https://evil.example/' })).toThrow(/file: URL/);
  });
});

describe('isTrustedSender', () => {
  it.each([
    'file:///opt/PortDesk/resources/app.asar/out/renderer/index.html',
    'file:///opt/PortDesk/resources/app.asar/out/renderer/index.html#/port/42',
    'file:///opt/PortDesk/resources/app.asar/out/renderer/assets/worker.js?x=1',
  ])('trusts the app page %s', (url) => {
    expect(isTrustedSender(url, PROD)).toBe(true);
  });

  it.each([
    ['another file', 'file:///etc/passwd'],
    ['a sibling directory sharing the prefix', 'file:///opt/PortDesk/resources/app.asar/out/renderer-evil/index.html'],
    ['a dot-dot escape', 'file:///opt/PortDesk/resources/app.asar/out/renderer/../../../../etc/passwd'],
    ['an encoded dot-dot escape', 'file:///opt/PortDesk/resources/app.asar/out/renderer/%2e%2e/%2E%2E/secret.html'],
    ['a UNC host', 'file://attacker/opt/PortDesk/resources/app.asar/out/renderer/index.html'],
    ['a web page', 'https://example.com/'],
    ['about:blank', 'about:blank'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['an empty frame URL', ''],
    ['garbage', 'not a url'],
  ])('does not trust %s in production', (_name, url) => {
    expect(isTrustedSender(url, PROD)).toBe(false);
  });

  it('trusts the dev server origin only, by scheme, host and port', () => {
    expect(isTrustedSender('http://localhost:5173/index.html', DEV)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', DEV)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', DEV)).toBe(false);
    expect(isTrustedSender('http://localhost.evil.com:5173/', DEV)).toBe(false);
    expect(isTrustedSender('http://user@localhost:5173@evil.com/', DEV)).toBe(false);
    expect(isTrustedSender('file:///x/out/renderer/index.html', DEV)).toBe(false);
  });

  it('never trusts anything against a non-web, non-file app origin', () => {
    expect(isTrustedSender('data:text/html,x', 'data:text/html,x')).toBe(false);
    expect(isTrustedSender(null, PROD)).toBe(false);
    expect(isTrustedSender(undefined, PROD)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://www.telnyx.com/porting', 'http://example.com/a?b=c#d', 'HTTPS://EXAMPLE.COM'])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox',
    'mailto:a@b.c',
    'https://user:pass@example.com/',
    'http://',
    '//example.com/',
    'example.com',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

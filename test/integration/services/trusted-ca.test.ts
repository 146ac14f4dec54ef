import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testContext } from '../../support/context';

const tls = new URL('../../support/tls/', import.meta.url);
const cert = readFileSync(new URL('cert.pem', tls), 'utf8');
const otherCa = readFileSync(new URL('other-ca.pem', tls), 'utf8');
const privateKey = readFileSync(new URL('key.pem', tls), 'utf8');
const fingerprint = new X509Certificate(cert).fingerprint256;

const kazoo = { kind: 'kazoo', url: 'https://crossbar.example.com:8443', accountId: 'acc1', token: 'tok-1' } as const;

describe('a remote trusts a private certificate authority', () => {
  it('stores the certificate blocks given at add, shows subject and fingerprint, and hands them to adapters', async () => {
    const { router, remotes } = testContext();
    // Text around the blocks a file may carry (line breaks, CRLF) is fine; the chain of two is kept in order.
    const added = await router.call('remotes.add', { ...kazoo, trustedCa: `\r\n${cert.replace(/\n/g, '\r\n')}\n${otherCa}\n` });
    expect(added).toMatchObject({ ok: true, value: { trustedCaProblem: null, trustedCertificates: [{ subject: 'localhost', fingerprint }, { subject: 'Another private CA' }] } });
    const id = (added as { value: { id: string } }).value.id;
    expect(remotes.config(id).trustedCa).toEqual([cert.trim(), otherCa.trim()]);

    expect(await router.call('remotes.setTrustedCa', { id, trustedCa: null })).toMatchObject({ ok: true, value: { trustedCertificates: [] } });
    expect(remotes.config(id).trustedCa).toBeUndefined();
    expect(await router.call('remotes.setTrustedCa', { id, trustedCa: otherCa })).toMatchObject({ ok: true, value: { trustedCertificates: [{ subject: 'Another private CA' }] } });
  });

  const refusals: [string, string, RegExp][] = [
    ['garbage', 'hello, this is not a certificate', /trustedCa: holds no certificate: it must be one or more -----BEGIN CERTIFICATE----- blocks \(PEM\)/],
    ['a private key', privateKey, /trustedCa: is a private key, not a certificate/],
    ['a private key beside the certificate', `${cert}\n${privateKey}`, /trustedCa: is a private key, not a certificate/],
    ['text outside the blocks', `subject=CN = localhost\n${cert}`, /trustedCa: holds text outside its -----BEGIN CERTIFICATE----- blocks/],
    ['over 64 KB', cert.repeat(Math.ceil((64 * 1024) / cert.length) + 1), /trustedCa: is over 64 KB/],
  ];
  it.each(refusals)('refuses %s at the RPC boundary, naming the field, and writes nothing', async (_, text, message) => {
    const { router, remotes } = testContext();
    const add = await router.call('remotes.add', { ...kazoo, trustedCa: text });
    expect(add).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(message), details: { fields: ['trustedCa'] } } });
    expect(remotes.list()).toEqual([]);
    const id = remotes.add({ ...kazoo, trustedCa: cert }).id;
    expect(await router.call('remotes.setTrustedCa', { id, trustedCa: text })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(message) } });
    expect(remotes.get(id).trustedCertificates).toEqual([expect.objectContaining({ fingerprint })]);
  });

  it('refuses a block in PEM form that is no X.509 certificate (node:crypto cannot read it), writing nothing', async () => {
    const { router, remotes } = testContext();
    const damaged = cert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    const add = await router.call('remotes.add', { ...kazoo, trustedCa: `${otherCa}${damaged}` });
    expect(add).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: "The trusted certificate's block 2 is not a readable X.509 certificate (damaged or cut short): copy it again", details: { field: 'trustedCa' } } });
    expect(remotes.list()).toEqual([]);
  });

  it('a stored certificate that no longer reads (a damaged database) is shown as a problem and never used', async () => {
    const { remotes, db } = testContext();
    const id = remotes.add({ ...kazoo, trustedCa: cert }).id;
    db.prepare('UPDATE remotes SET trusted_ca = ? WHERE id = ?').run('not a certificate', id);
    const info = remotes.get(id);
    expect(info.trustedCertificates).toEqual([]);
    expect(info.trustedCaProblem).toMatch(/^The trusted certificate holds no certificate.*\(as stored in the database, so it is not used\): set it again/);
    expect(() => remotes.config(id)).toThrow("set it again in Settings (Certificate) or with portdesk remote ca ID --ca-file FILE");
  });
});

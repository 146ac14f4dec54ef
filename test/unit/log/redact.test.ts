import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretKey, redact, redactString } from '../../../src/main/log/redact';

describe('isSecretKey', () => {
  it.each(['token', 'authToken', 'auth_token', 'X-Auth-Token', 'x-auth-token', 'Authorization', 'password', 'apiKey', 'api_key', 'API-KEY', 'clientSecret', 'auth', 'pin', 'Cookie', 'refresh.token'])(
    '%s is secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  );
  it.each(['authorizedPerson', 'author', 'accountNumber', 'name', 'spinner', 'openedAt', 'e164', 'authority'])(
    '%s is not secret',
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe('redactString', () => {
  it.each([
    ['Authorization: Bearer eyJhbGciOi.abc-def_123', 'Bearer eyJ'],
    ['request failed with header X-Auth-Token: 9f8e7d6c5b4a', '9f8e7d6c5b4a'],
    ['{"X-Auth-Token":"9f8e7d6c5b4a"}', '9f8e7d6c5b4a'],
    ['GET https://api.example/v2/ports?token=s3cr3t&page=2', 's3cr3t'],
    ['POST body {"password": "hunter2", "user": "amy"}', 'hunter2'],
    ['{"auth_token":"abc123"}', 'abc123'],
    ['connect https://amy:hunter2@kazoo.example:8443/v2', 'hunter2'],
    ['Basic YW15Omh1bnRlcjI=', 'YW15Omh1bnRlcjI'],
  ])('masks the secret in %s', (text, secret) => {
    const out = redactString(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('keeps ordinary text intact', () => {
    const text = 'port 42 moved to scheduled; +14155550100 on 2025-03-14 (page=2)';
    expect(redactString(text)).toBe(text);
    expect(redactString('https://api.example/v2/ports?page=2')).toBe('https://api.example/v2/ports?page=2');
  });
});

describe('redact', () => {
  it('replaces secret fields at any depth and masks secrets in strings', () => {
    const input = {
      remote: { kind: 'kazoo', url: 'https://k.example', authToken: 'abc', headers: { 'X-Auth-Token': 'abc', Accept: 'json' } },
      port: { name: 'Acme', authorizedPerson: 'Jane Doe', pin: '1234' },
      error: 'Bearer abc.def rejected',
      list: [{ password: 'p' }, 'token=zzz'],
    };
    const out = redact(input);
    expect(out).toEqual({
      remote: { kind: 'kazoo', url: 'https://k.example', authToken: REDACTED, headers: { 'X-Auth-Token': REDACTED, Accept: 'json' } },
      port: { name: 'Acme', authorizedPerson: 'Jane Doe', pin: REDACTED },
      error: `Bearer ${REDACTED} rejected`,
      list: [{ password: REDACTED }, `token=${REDACTED}`],
    });
    expect(JSON.stringify(out)).not.toMatch(/abc|zzz|1234/);
  });

  it('does not mutate its input', () => {
    const input = { token: 't' };
    redact(input);
    expect(input.token).toBe('t');
  });

  it('leaves empty secret fields visible (so "no token set" can be diagnosed)', () => {
    expect(redact({ token: '', auth: null })).toEqual({ token: '', auth: null });
  });

  it('turns errors into name/message/code, redacted', () => {
    const err = Object.assign(new Error('401 for token=abc'), { code: 'UNAUTHORIZED' });
    expect(redact({ err })).toEqual({ err: { name: 'Error', message: `401 for token=${REDACTED}`, code: 'UNAUTHORIZED' } });
  });

  it('survives cycles and shared references', () => {
    const shared = { v: 1 };
    const a: Record<string, unknown> = { x: shared, y: shared };
    a.self = a;
    expect(redact(a)).toEqual({ x: { v: 1 }, y: { v: 1 }, self: '[Circular]' });
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFileBox, safeStorageBox } from '../../../src/main/services/secrets';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('token encryption', () => {
  it('key file: 32 random bytes, owner-only, AES-GCM that round-trips and detects tampering', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-secret-'));
    dirs.push(dir);
    const box = keyFileBox(dir);
    const sealed = box.seal('tok-123');
    expect(sealed.includes(Buffer.from('tok-123'))).toBe(false);
    expect(box.open(sealed)).toBe('tok-123');
    expect(box.seal('tok-123').equals(sealed)).toBe(false);
    const key = join(dir, 'secret.key');
    expect(readFileSync(key)).toHaveLength(32);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => box.open(tampered)).toThrow(/enter the token again/);
  });

  it('safeStorage values and key-file values are told apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-secret-'));
    dirs.push(dir);
    const fake = { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from(s).reverse(), decryptString: (b: Buffer) => Buffer.from(b).reverse().toString() };
    const safe = safeStorageBox(fake);
    expect(safe.open(safe.seal('abc'))).toBe('abc');
    expect(() => keyFileBox(dir).open(safe.seal('abc'))).toThrow(/desktop app/);
  });
});

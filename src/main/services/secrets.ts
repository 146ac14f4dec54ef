import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';

/** Encrypts remote tokens at rest. Tokens are decrypted only in main, never sent to a view. */
export interface SecretBox {
  /** Which implementation sealed the value; stored as the first byte so each can refuse the other's. */
  readonly scheme: 'safe-storage' | 'key-file';
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/** The part of Electron's `safeStorage` used here (injected by the Electron entry). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const TAG_SAFE = 0x73; // 's'
const TAG_KEY = 0x6b; // 'k'

/** Electron's safeStorage (OS keychain / DPAPI / libsecret). */
export function safeStorageBox(safe: SafeStorageLike): SecretBox {
  return {
    scheme: 'safe-storage',
    seal(plain) {
      if (!safe.isEncryptionAvailable()) throw new AppError('UNSUPPORTED', 'The system keychain is not available to encrypt the token');
      return Buffer.concat([Buffer.from([TAG_SAFE]), safe.encryptString(plain)]);
    },
    open(sealed) {
      if (sealed[0] !== TAG_SAFE) throw wrongScheme('the desktop app', 'the key file of the CLI/host');
      return safe.decryptString(sealed.subarray(1));
    },
  };
}

/**
 * Key-file fallback for the headless host and the CLI, where Electron's safeStorage does not
 * exist: a random 32-byte key in `secret.key` beside the database (created 0600, owner only),
 * AES-256-GCM with a fresh 12-byte IV per token. Layout: 'k' | iv(12) | tag(16) | ciphertext.
 * It protects tokens in copies of the database (backups, bug reports), not against someone who
 * can read the user's files.
 */
export function keyFileBox(dir: string): SecretBox {
  const file = join(dir, 'secret.key');
  const key = (): Buffer => {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      try {
        writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        // Another process created it first: use theirs.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    chmodSync(file, 0o600);
    const k = readFileSync(file);
    if (k.length !== 32) throw new AppError('FILE', `${file} is not a PortDesk key file (expected 32 bytes); remove it and enter the tokens again`);
    return k;
  };
  return {
    scheme: 'key-file',
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([TAG_KEY]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed[0] !== TAG_KEY) throw wrongScheme('the CLI/host key file', "the desktop app's keychain");
      const decipher = createDecipheriv('aes-256-gcm', key(), sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      try {
        return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
      } catch {
        throw new AppError('UNAUTHORIZED', `The stored token cannot be decrypted with ${file}; enter the token again`);
      }
    },
  };
}

function wrongScheme(here: string, there: string): AppError {
  return new AppError('UNAUTHORIZED', `This token was saved by ${there} and cannot be read with ${here}; enter the token again here`);
}

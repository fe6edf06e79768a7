import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { CaseInputError } from './case-errors.js';

/**
 * The key of the case store.
 *
 * - a string is a passphrase: SQLCipher derives the page key with PBKDF2-HMAC-SHA512, 256,000 iterations (≈0.13 s per
 *   open on this machine), which is what makes a typed passphrase safe to use;
 * - bytes are a raw 256-bit key (exactly 32 bytes), used as is: it must come from a CSPRNG, e.g. a key the Electron
 *   app generated once and keeps with safeStorage. No KDF, so opening is immediate.
 */
export type CaseStoreKey = string | Uint8Array;

export const RAW_KEY_BYTES = 32;

/** Keys the connection (SQLCipher scheme) before anything is read. sqlite3_key takes the bytes: no SQL quoting. */
export function applyKey(db: Database.Database, key: CaseStoreKey): void {
  db.pragma(`cipher='sqlcipher'`);
  if (typeof key === 'string') {
    if (key.length === 0) throw new CaseInputError('key', 'the passphrase is empty');
    db.key(Buffer.from(key, 'utf8'));
    return;
  }
  if (key.length !== RAW_KEY_BYTES) throw new CaseInputError('key', `a raw key must be ${RAW_KEY_BYTES} bytes, got ${key.length}`);
  // SQLite3 Multiple Ciphers reads x'<64 hex digits>' as a raw SQLCipher key (no key derivation).
  db.key(Buffer.from(`x'${Buffer.from(key).toString('hex')}'`, 'utf8'));
}

/**
 * Reads a key file: exactly 32 bytes, or 64 hex digits (`openssl rand -hex 32`), are a raw key; anything else is a
 * UTF-8 passphrase (one trailing newline ignored, so `echo secret > file` works).
 */
export function readKeyFile(path: string): CaseStoreKey {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new CaseInputError('', `cannot read the key file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, path);
  }
  if (bytes.length === RAW_KEY_BYTES) return new Uint8Array(bytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r?\n$/, '');
  } catch {
    throw new CaseInputError('', 'a key file must hold 32 bytes, 64 hex digits or a UTF-8 passphrase', path);
  }
  if (/^[0-9a-fA-F]{64}$/.test(text)) return new Uint8Array(Buffer.from(text, 'hex'));
  if (text.length === 0) throw new CaseInputError('', 'the key file is empty', path);
  return text;
}

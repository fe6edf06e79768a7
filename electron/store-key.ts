import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** What main.ts passes in from Electron's safeStorage (kept as an interface so this is tested under Node). */
export interface KeyVault {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The case store's encryption key: random on first start, kept on disk only encrypted by the operating system's
 * keychain (Electron safeStorage: Keychain, DPAPI, libsecret). Without OS encryption the app refuses to create a key
 * rather than store it in clear.
 */
export function loadOrCreateStoreKey(keyFile: string, vault: KeyVault): string {
  if (!vault.isEncryptionAvailable()) {
    throw new Error('the operating system offers no secure storage for the case-store key (safeStorage unavailable); use the CLI with a key file instead');
  }
  if (existsSync(keyFile)) return vault.decryptString(readFileSync(keyFile));
  const key = randomBytes(32).toString('hex');
  mkdirSync(dirname(keyFile), { recursive: true });
  const tmp = `${keyFile}.tmp`;
  writeFileSync(tmp, vault.encryptString(key), { mode: 0o600 });
  renameSync(tmp, keyFile);
  return key;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateStoreKey, type KeyVault } from '../../../electron/store-key.js';
import { scratchDir } from '../../helpers/paths.js';

// A stand-in for Electron's safeStorage (the OS keychain), reversible so the test can check the round trip.
const vault = (available = true): KeyVault => ({
  isEncryptionAvailable: () => available,
  encryptString: (s) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
});

describe('case-store key kept by the OS keychain', () => {
  const dir = scratchDir();

  it('creates a random key once, stores it only encrypted, and reads the same key back', () => {
    const file = join(dir, 'cases.key');
    const key = loadOrCreateStoreKey(file, vault());
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file).toString('latin1')).not.toContain(key);
    expect(loadOrCreateStoreKey(file, vault())).toBe(key);
    expect(loadOrCreateStoreKey(join(dir, 'other.key'), vault())).not.toBe(key);
  });

  it('refuses to create a key in clear when the OS offers no secure storage', () => {
    expect(() => loadOrCreateStoreKey(join(dir, 'x.key'), vault(false))).toThrow(/no secure storage/);
  });
});

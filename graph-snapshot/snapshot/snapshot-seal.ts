import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { IntegrityError } from '../../common/integrity-error.js';
import { MANIFEST_FILE } from './manifest.js';

/** The seal beside the manifest: an HMAC of the manifest's bytes under this installation's key. */
export const SEAL_FILE = 'manifest.seal';

/**
 * The installation key that seals snapshots: 32 random bytes, created on first use, readable by this user only. It
 * belongs to the OS account (not to a data home, so every data home of the account trusts the same snapshots):
 * $RAREDIAG_SEAL_KEY_FILE, else ~/.rarediag/installation.key, beside the case store. Whoever can rewrite a snapshot
 * but not read this key cannot make an edited manifest pass.
 */
export function installationKeyFile(): string {
  return process.env['RAREDIAG_SEAL_KEY_FILE'] ?? join(homedir(), '.rarediag', 'installation.key');
}

function installationKey(create: boolean): Buffer | undefined {
  const file = installationKeyFile();
  if (existsSync(file)) return readFileSync(file);
  if (!create) return undefined;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, randomBytes(32), { mode: 0o600 });
  renameSync(tmp, file);
  return readFileSync(file);
}

const sealOf = (key: Buffer, manifest: Buffer) => createHmac('sha256', key).update(manifest).digest('hex');

/** Seals a snapshot's manifest with the installation key (after a build, or by `snapshot seal` for a trusted one). */
export function sealSnapshot(dir: string): void {
  const key = installationKey(true)!;
  const seal = sealOf(key, readFileSync(join(dir, MANIFEST_FILE)));
  writeFileSync(join(dir, SEAL_FILE), `${JSON.stringify({ format: 'rarediag-seal', algorithm: 'HMAC-SHA256', seal })}\n`, { mode: 0o644 });
}

export type SealState = 'sealed' | 'unsealed' | 'broken';

/** Whether the manifest's bytes carry this installation's seal. */
export function sealState(dir: string, manifestBytes: Buffer): SealState {
  const file = join(dir, SEAL_FILE);
  if (!existsSync(file)) return 'unsealed';
  const key = installationKey(false);
  if (!key) return 'broken';
  let recorded: string;
  try {
    recorded = String((JSON.parse(readFileSync(file, 'utf8')) as { seal?: unknown }).seal ?? '');
  } catch {
    return 'broken';
  }
  const expected = Buffer.from(sealOf(key, manifestBytes), 'hex');
  const given = Buffer.from(recorded, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'sealed' : 'broken';
}

/** Refuses a snapshot whose manifest is not sealed by this installation, naming the file and what to do. */
export function checkSeal(dir: string, manifestBytes: Buffer): void {
  const state = sealState(dir, manifestBytes);
  if (state === 'sealed') return;
  if (state === 'unsealed') {
    throw new IntegrityError(join(dir, MANIFEST_FILE), `not sealed by this installation (no ${SEAL_FILE}): rebuild it with \`rarediag snapshot build\`, or, if you trust where it came from, \`rarediag snapshot seal\``);
  }
  throw new IntegrityError(join(dir, MANIFEST_FILE), `changed after it was sealed (${SEAL_FILE} does not match, or was sealed by another installation): rebuild the snapshot, or re-import it from a verified archive`);
}

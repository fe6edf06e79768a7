import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { digestFile } from '../build/file-digest.js';
import { SCHEMA_VERSION } from '../build/kuzu-schema.js';
import { MANIFEST_FILE, readManifest, type SnapshotManifest } from './manifest.js';
import { SEAL_FILE, sealState } from './snapshot-seal.js';

export interface VerifyProblem {
  /** file name relative to the snapshot (or to the sources root, for `sources` checks) */
  file: string;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  snapshotId?: string;
  checked: number;
  problems: VerifyProblem[];
}

/**
 * Re-hashes every file the manifest lists and reports each one that is missing, truncated, grown or changed.
 * With `sourcesDir`, also reports upstream sources that changed since the build (the snapshot is then stale,
 * not corrupt).
 */
export async function verifySnapshot(dir: string, options: { sourcesDir?: string } = {}): Promise<VerifyResult> {
  let manifest: SnapshotManifest;
  try {
    manifest = await readManifest(dir);
  } catch (err) {
    return { ok: false, checked: 0, problems: [{ file: 'manifest.json', problem: (err as Error).message }] };
  }
  const problems: VerifyProblem[] = [];
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    problems.push({ file: 'manifest.json', problem: `schema version ${manifest.schemaVersion}; this program needs ${SCHEMA_VERSION} (rebuild)` });
  }
  const seal = sealState(dir, await readFile(join(dir, MANIFEST_FILE)));
  if (seal !== 'sealed') {
    problems.push({ file: 'manifest.json', problem: seal === 'unsealed' ? `not sealed by this installation (no ${SEAL_FILE})` : `changed after it was sealed (${SEAL_FILE} does not match)` });
  }
  let checked = 0;
  for (const f of manifest.files) {
    checked += 1;
    const problem = await compare(join(dir, f.name), f.size, f.sha256);
    if (problem) problems.push({ file: f.name, problem });
  }
  if (options.sourcesDir) {
    for (const s of manifest.sources) {
      checked += 1;
      const problem = await compare(join(options.sourcesDir, s.path), s.size, s.sha256);
      if (problem) problems.push({ file: `sources/${s.path}`, problem: `${problem} since the build (snapshot is stale)` });
    }
  }
  return { ok: problems.length === 0, snapshotId: manifest.snapshotId, checked, problems };
}

async function compare(path: string, size: number, sha256: string): Promise<string | undefined> {
  if (!existsSync(path)) return 'missing';
  const actual = (await stat(path)).size;
  if (actual < size) return `truncated: ${actual} bytes, expected ${size}`;
  if (actual > size) return `grown: ${actual} bytes, expected ${size}`;
  const digest = await digestFile(path);
  if (digest.sha256 !== sha256) return 'content changed (sha256 differs)';
  return undefined;
}

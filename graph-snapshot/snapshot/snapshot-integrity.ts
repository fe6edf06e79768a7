import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntegrityError } from '../../common/integrity-error.js';
import type { SnapshotManifest } from './manifest.js';

/**
 * The checks made every time a snapshot is opened, within a few milliseconds: every file the manifest lists is there
 * with its recorded size (a full re-hash of the 100 MB graph is `snapshot verify`'s job, and the app's on a schedule).
 * The files a run reads whole (ranking tables, variant index, chains) are also hashed as they are read
 * (checkContent), so a changed byte in a label or a ClinVar significance is refused before it is shown.
 */
export function checkSizes(dir: string, manifest: SnapshotManifest): void {
  for (const f of manifest.files) {
    const path = join(dir, f.name);
    if (!existsSync(path)) throw new IntegrityError(path, 'missing: the snapshot is incomplete (run `rarediag snapshot verify`)');
    const size = statSync(path).size;
    if (size !== f.size) throw new IntegrityError(path, `${size} bytes, the manifest records ${f.size}: the file changed after the build (run \`rarediag snapshot verify\`)`);
  }
}

/** Refuses content whose sha256 is not the one the manifest records for that file. */
export function checkContent(dir: string, manifest: SnapshotManifest, name: string, bytes: Buffer): void {
  const entry = manifest.files.find((f) => f.name === name);
  const path = join(dir, name);
  if (!entry) throw new IntegrityError(path, 'not listed in the manifest');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== entry.sha256) throw new IntegrityError(path, 'content changed after the build (sha256 differs from the manifest): rebuild the snapshot, or restore it from a verified copy');
}

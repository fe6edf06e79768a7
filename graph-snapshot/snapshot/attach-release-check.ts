import { readManifest, writeManifest } from './manifest.js';
import { releaseCheckSchema, type ReleaseCheckRecord } from './release-check-record.js';
import { sealSnapshot } from './snapshot-seal.js';

/**
 * Records a release check in a snapshot's manifest and seals it again with this installation's key. For a snapshot
 * this installation already trusts (just built, or imported and verified): the seal vouches for the whole manifest.
 */
export async function attachReleaseCheck(dir: string, record: ReleaseCheckRecord): Promise<void> {
  const manifest = await readManifest(dir);
  await writeManifest(dir, { ...manifest, releaseCheck: releaseCheckSchema.parse(record) });
  sealSnapshot(dir);
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildSnapshot } from '../build/snapshot-builder.js';
import type { ProgressListener } from '../build/progress.js';
import { MANIFEST_FILE } from './manifest.js';
import { recoverSnapshotDir } from './snapshot-location.js';

export interface EnsureResult {
  dir: string;
  built: boolean;
}

/**
 * The embedded default: a command that needs a snapshot calls this, and the snapshot is built from the
 * configured sources on first use. An existing snapshot is never rebuilt here.
 */
export async function ensureSnapshot(dir: string, sourcesDir: string, onProgress?: ProgressListener): Promise<EnsureResult> {
  await recoverSnapshotDir(dir);
  if (existsSync(join(dir, MANIFEST_FILE))) return { dir, built: false };
  await buildSnapshot({ sourcesDir, outDir: dir, onProgress });
  return { dir, built: true };
}

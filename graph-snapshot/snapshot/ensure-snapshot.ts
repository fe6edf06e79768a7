import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { buildSnapshot } from '../build/snapshot-builder.js';
import type { ProgressListener } from '../build/progress.js';
import { GENE_MODELS_FORMAT, GENE_MODELS_VERSION } from './gene-models.js';
import { GENE_MODELS_FILE, MANIFEST_FILE, RANKING_TABLES_FILE } from './manifest.js';
import { RANKING_TABLES_FORMAT, RANKING_TABLES_VERSION } from './ranking-tables.js';
import { recoverSnapshotDir } from './snapshot-location.js';

export interface EnsureResult {
  dir: string;
  built: boolean;
}

/**
 * The embedded default: a command that needs a snapshot calls this, and the snapshot is built from the
 * configured sources on first use, or again when an older version of this program built it with ranking tables this
 * one cannot read (the build swaps atomically: a failed build keeps the old snapshot). A current snapshot is never
 * rebuilt here.
 */
export async function ensureSnapshot(dir: string, sourcesDir: string, onProgress?: ProgressListener): Promise<EnsureResult> {
  await recoverSnapshotDir(dir);
  if (existsSync(join(dir, MANIFEST_FILE)) && !sidecarsOutdated(dir)) return { dir, built: false };
  await buildSnapshot({ sourcesDir, outDir: dir, onProgress });
  return { dir, built: true };
}

/** Sidecars this program reads, by file, with the format and version it expects. */
const sidecars = [
  { file: RANKING_TABLES_FILE, format: RANKING_TABLES_FORMAT, version: RANKING_TABLES_VERSION },
  { file: GENE_MODELS_FILE, format: GENE_MODELS_FORMAT, version: GENE_MODELS_VERSION },
];

/**
 * A sidecar is missing (an older program did not write it) or was written in another format version; read from the
 * file's first bytes, not the whole file.
 */
function sidecarsOutdated(dir: string): boolean {
  return sidecars.some(({ file, format, version }) => {
    const path = join(dir, file);
    if (!existsSync(path)) return true;
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(160);
      const n = readSync(fd, head, 0, head.length, 0);
      const text = head.subarray(0, n).toString('utf8');
      const v = /"version":(\d+)/.exec(text);
      return !text.includes(`"format":"${format}"`) || v === null || Number(v[1]) !== version;
    } finally {
      closeSync(fd);
    }
  });
}

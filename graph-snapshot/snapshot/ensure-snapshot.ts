import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { buildSnapshot } from '../build/snapshot-builder.js';
import { SCHEMA_VERSION } from '../build/kuzu-schema.js';
import type { ProgressListener } from '../build/progress.js';
import { GENE_MODELS_FORMAT, GENE_MODELS_VERSION } from './gene-models.js';
import { GENE_MODELS_FILE, MANIFEST_FILE, RANKING_TABLES_FILE } from './manifest.js';
import { RANKING_TABLES_FORMAT, RANKING_TABLES_VERSION } from './ranking-tables.js';
import { sealState } from './snapshot-seal.js';
import { recoverSnapshotDir } from './snapshot-location.js';

export interface EnsureResult {
  dir: string;
  built: boolean;
}

/** Why a build is needed: none yet, or one an older version of this program built. */
export function buildReason(dir: string): 'missing' | 'outdated' {
  return existsSync(join(dir, MANIFEST_FILE)) ? 'outdated' : 'missing';
}

/**
 * The embedded default: a command that needs a snapshot calls this, and the snapshot is built from the
 * configured sources on first use, or again when an older version of this program built it (a graph schema, ranking
 * tables or transcript models this one cannot read or lacks, or no seal): the build swaps atomically, so a failed build
 * keeps the old snapshot. A current snapshot is never rebuilt here, and one whose seal is broken is not either: opening
 * it refuses it (snapshot-seal.ts).
 */
export async function ensureSnapshot(dir: string, sourcesDir: string, onProgress?: ProgressListener, options: { upgrade?: boolean } = {}): Promise<EnsureResult> {
  await recoverSnapshotDir(dir);
  if (existsSync(join(dir, MANIFEST_FILE))) {
    // only the embedded default is upgraded in place; a snapshot the user named is theirs to rebuild (opening it says so)
    const manifest = readFileSync(join(dir, MANIFEST_FILE));
    const outdated = options.upgrade !== false && (sidecarsOutdated(dir) || schemaOutdated(manifest) || sealState(dir, manifest) === 'unsealed');
    if (!outdated) return { dir, built: false };
  }
  await buildSnapshot({ sourcesDir, outDir: dir, onProgress });
  return { dir, built: true };
}

/** The graph was built with another schema (a program that read it would refuse it: rebuild instead). */
function schemaOutdated(manifest: Buffer): boolean {
  const m = /"schemaVersion":\s*(\d+)/.exec(manifest.toString('utf8'));
  return m !== null && Number(m[1]) !== SCHEMA_VERSION;
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

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSnapshot } from '../../graph-snapshot/build/snapshot-builder.js';
import { defaultSourcesDir } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { verifySnapshot } from '../../graph-snapshot/snapshot/verify-snapshot.js';
import { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';

declare module 'vitest' {
  export interface ProvidedContext {
    realSnapshotDir: string;
    realSourcesDir: string;
  }
}

/**
 * Integration tests run against a snapshot built from the real sources in ../shared/data, built once per run
 * (reused between local runs while it still verifies against unchanged sources).
 */
export default async function setup(project: TestProject): Promise<void> {
  const sources = defaultSourcesDir();
  const dir = resolve(process.env['RAREDIAG_TEST_SNAPSHOT'] ?? join('.cache', 'test-snapshot'));
  const reusable = existsSync(join(dir, 'manifest.json')) && (await verifySnapshot(dir, { sourcesDir: sources })).ok && (await readable(dir));
  if (!reusable) {
    process.stderr.write(`building the real-data test snapshot from ${sources} into ${dir}\n`);
    await buildSnapshot({ sourcesDir: sources, outDir: dir });
  }
  project.provide('realSnapshotDir', dir);
  project.provide('realSourcesDir', sources);
}

/** A snapshot from an older build of this program (other schema or table format) is rebuilt, not reused. */
async function readable(dir: string): Promise<boolean> {
  try {
    const snap = await GraphSnapshot.open(dir);
    try {
      await snap.loadRankingTables();
      await snap.loadGeneModels();
      return true;
    } finally {
      await snap.close();
    }
  } catch {
    return false;
  }
}

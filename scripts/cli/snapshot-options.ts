import { buildReason, ensureSnapshot } from '../../graph-snapshot/snapshot/ensure-snapshot.js';
import { defaultSnapshotDir, defaultSourcesDir } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { createProgressBar } from './progress-bar.js';

export interface SnapshotOption {
  snapshot?: string;
  sources?: string;
}

export const snapshotOptionHelp = `snapshot directory (default: $RAREDIAG_SNAPSHOT or ~/.rarediag/snapshots/default)`;
export const sourcesOptionHelp = `upstream sources directory (default: $RAREDIAG_SOURCES or ../shared/data)`;

/**
 * Resolves the snapshot directory and builds it on first use, with a progress bar; the embedded default is also rebuilt
 * when an older version of this program built it.
 */
export async function resolveSnapshot(opts: SnapshotOption): Promise<string> {
  const dir = opts.snapshot ?? defaultSnapshotDir();
  const sources = opts.sources ?? defaultSourcesDir();
  const reason = buildReason(dir);
  let bar: ReturnType<typeof createProgressBar> | undefined;
  const result = await ensureSnapshot(dir, sources, (e) => {
    bar ??= (process.stderr.write(reason === 'missing' ? `No snapshot at ${dir}: building one from ${sources} (first use).\n` : `The snapshot at ${dir} was built by an older version of rarediag: rebuilding it from ${sources}.\n`), createProgressBar('snapshot build'));
    bar.listener(e);
  }, { upgrade: opts.snapshot === undefined });
  bar?.stop();
  return result.dir;
}

import { readManifest } from '../../graph-snapshot/snapshot/manifest.js';
import { verifySnapshot } from '../../graph-snapshot/snapshot/verify-snapshot.js';
import type { ApiHandlers } from '../contract/api.js';
import { KnowledgeSession } from '../pipeline/knowledge-session.js';
import { releaseCheckViewOf } from './release-check-view-of.js';
import type { ServiceContext } from './service-context.js';

/** The knowledge snapshot: what it holds, whether its files are intact, and a rebuild from the sources. */
export function snapshotHandlers(ctx: ServiceContext): Pick<ApiHandlers, 'snapshot.info' | 'snapshot.verify' | 'snapshot.rebuild'> {
  const dir = ctx.options.snapshotDir;
  return {
    'snapshot.info': async () => {
      const m = await readManifest(dir);
      return {
        snapshotId: m.snapshotId,
        builtAt: m.builtAt,
        schemaVersion: m.schemaVersion,
        summary: m.counts.summary,
        sources: m.sources.map((s) => ({ path: s.path, release: s.release })),
        ...(m.releaseCheck ? { releaseCheck: releaseCheckViewOf(m.releaseCheck) } : {}),
      };
    },
    'snapshot.verify': async () => {
      const v = await verifySnapshot(dir);
      return { ok: v.ok, problems: v.problems };
    },
    // Rebuilds from the sources (atomic swap; a failed build keeps the current snapshot), then opens a new session; the
    // old one closes when the runs still using it have finished.
    'snapshot.rebuild': () => ({
      jobId: ctx.jobs.start(async (job) => {
        const { buildSnapshot } = await import('../../graph-snapshot/build/snapshot-builder.js');
        const { runReleaseCheck } = await import('../pipeline/release-check.js');
        // the rebuilt snapshot is checked against the installed one before the swap, so Settings can show what moved
        const manifest = await buildSnapshot({
          sourcesDir: ctx.options.sourcesDir,
          outDir: dir,
          onProgress: (e) => job.progress(e.fraction * 0.95, e.step),
          releaseCheck: (built, previous, report) => runReleaseCheck(built, previous, { onProgress: report }),
        });
        ctx.replaceSession(await KnowledgeSession.open(dir));
        job.progress(1, 'done');
        return { kind: 'snapshot' as const, snapshotId: manifest.snapshotId };
      }),
    }),
  };
}

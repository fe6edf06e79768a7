import type { CaseStore } from './case-store.js';
import { topChange, type RankCaseFunction, type ReanalysisOptions, type ReanalysisReport } from './reanalysis.js';

/**
 * Re-analysis: every case with one of the given statuses (default: unsolved) whose last run used another snapshot is
 * ranked again with `rank`, the new run is stored (kind "reanalysis", linked to the previous run), and the cases whose
 * top-5 set changed are returned. Cases are done one at a time, each stored in its own transaction: an interrupted
 * re-analysis keeps the runs it finished, and running it again picks up the rest (they are now up to date).
 * A case the ranking function fails on is reported and skipped.
 */
export async function reanalyzeCases(store: CaseStore, rank: RankCaseFunction, options: ReanalysisOptions): Promise<ReanalysisReport> {
  const statuses = new Set(options.statuses ?? ['unsolved']);
  const cases = store.listCases().filter((c) => statuses.has(c.status));
  const report: ReanalysisReport = { snapshotId: options.snapshotId, rerun: 0, upToDate: 0, neverRun: 0, flagged: [], errors: [] };
  const due = cases.filter((c) => {
    if (!c.lastRun) report.neverRun += 1;
    else if (c.lastRun.snapshotId === options.snapshotId) report.upToDate += 1;
    else return true;
    return false;
  });
  let done = 0;
  for (const c of due) {
    const previous = store.getCase(c.id).runs.at(-1)!;
    const inputs = store.caseInputs(c.id);
    const started = new Date();
    const t0 = performance.now();
    try {
      const ranked = await rank(inputs);
      if (ranked.snapshotId !== options.snapshotId) {
        throw new Error(`the ranking function used snapshot ${ranked.snapshotId}, not ${options.snapshotId}`);
      }
      const run = store.recordRun(c.id, {
        kind: 'reanalysis',
        snapshotId: ranked.snapshotId,
        modelId: ranked.modelId,
        hardware: ranked.hardware,
        inputs,
        parameters: ranked.parameters,
        results: ranked.result,
        topCandidates: ranked.topCandidates,
        timings: { ...ranked.timings, totalMs: performance.now() - t0 },
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
      });
      report.rerun += 1;
      const change = topChange(previous.topCandidates, run.topCandidates);
      if (change.changed) {
        report.flagged.push({
          caseId: c.id,
          label: c.label,
          previousRunId: previous.id,
          previousSnapshotId: previous.snapshotId,
          runId: run.id,
          snapshotId: run.snapshotId,
          previousTop: previous.topCandidates.slice(0, 5),
          top: run.topCandidates.slice(0, 5),
          entered: change.entered,
          left: change.left,
        });
      }
    } catch (err) {
      report.errors.push({ caseId: c.id, message: err instanceof Error ? err.message : String(err) });
    }
    done += 1;
    options.onCase?.(done, due.length, c.id);
  }
  return report;
}

import type { CaseStore } from '../case-store/case-store.js';
import type { CaseStatus, StoredCaseInputs } from '../case-store/case-types.js';
import { topChange } from '../case-store/top-change.js';
import type { KnowledgeSession } from './knowledge-session.js';
import { runCase } from './run-case.js';
import { runInputsOfStoredCase, runRecord } from './run-record.js';

export interface RankedCase {
  snapshotId: string;
  /** disease ids, best first */
  topCandidates: string[];
  /** every id of each of those candidates' concepts (OMIM and ORPHA entries of one MONDO concept), in the same order */
  topConceptIds?: string[][];
  /** the leading candidate's name */
  topLabel?: string;
  /** stored as the run's results (JSON) */
  result: unknown;
  parameters?: Record<string, unknown>;
  timings?: Record<string, number>;
  modelId?: string;
  hardware?: Record<string, unknown>;
  /** what the run saw (default: the stored case inputs) */
  inputs?: Record<string, unknown>;
}

/** Ranks one case. Injected, so the store does not depend on how (deterministic engine, LLM, a test fake). */
export type RankCaseFunction = (inputs: StoredCaseInputs) => Promise<RankedCase>;

export interface ReanalysisOptions {
  /** the snapshot the ranking function uses: cases whose last run used it are up to date */
  snapshotId: string;
  /** re-run cases whose last run already used this snapshot too (e.g. after a change of ranker parameters) */
  force?: boolean;
  /** which cases to re-run (default: unsolved and solved) */
  statuses?: CaseStatus[];
  /** called after each case, for a progress bar */
  onCase?: (done: number, total: number, caseId: string) => void;
}

/** How far down a solved case's diagnosis may fall before the case is flagged for review. */
export const DIAGNOSIS_KEPT_WITHIN = 10;

export interface ReanalysisFlag {
  caseId: string;
  label: string;
  /**
   * top-changed: an unsolved case whose top 5 changed (a new lead to follow); diagnosis-dropped: a solved case whose
   * accepted diagnosis is no longer among the top 10 (the diagnosis deserves a second look)
   */
  reason: 'top-changed' | 'diagnosis-dropped';
  /** solved cases: the final diagnosis and its rank in the new run (null: not ranked at all) */
  diagnosis?: { id: string; label: string | null; rank: number | null };
  previousRunId: number;
  previousSnapshotId: string;
  runId: number;
  snapshotId: string;
  previousTop: string[];
  top: string[];
  /** in the new top 5 and not in the old one, and the reverse */
  entered: string[];
  left: string[];
}

export interface ReanalysisReport {
  snapshotId: string;
  /** cases re-run (a run stored for each) */
  rerun: number;
  /** cases whose last run already used this snapshot */
  upToDate: number;
  /** cases never run: nothing to compare, left alone */
  neverRun: number;
  /** unsolved cases whose top 5 changed, solved cases whose diagnosis fell out of the top 10 */
  flagged: ReanalysisFlag[];
  /** cases the ranking function failed on; no run stored */
  errors: { caseId: string; message: string }[];
}


/**
 * Re-analysis: every case with one of the given statuses (default: unsolved and solved) whose last run used another
 * snapshot is ranked again with `rank`, the new run is stored (kind "reanalysis", linked to the previous run), and two
 * kinds of case are flagged: unsolved (and other open) cases whose top-5 set changed, and solved cases whose final
 * diagnosis fell out of the top 10. Cases are done one at a time, each stored in its own transaction: an interrupted
 * re-analysis keeps the runs it finished, and running it again picks up the rest (they are now up to date).
 * A case the ranking function fails on is reported and skipped.
 */
export async function reanalyzeCases(store: CaseStore, rank: RankCaseFunction, options: ReanalysisOptions): Promise<ReanalysisReport> {
  const statuses = new Set(options.statuses ?? ['unsolved', 'solved']);
  const cases = store.listCases().filter((c) => statuses.has(c.status));
  const report: ReanalysisReport = { snapshotId: options.snapshotId, rerun: 0, upToDate: 0, neverRun: 0, flagged: [], errors: [] };
  const due = cases.filter((c) => {
    if (!c.lastRun) report.neverRun += 1;
    else if (c.lastRun.snapshotId === options.snapshotId && !options.force) report.upToDate += 1;
    else return true;
    return false;
  });
  let done = 0;
  for (const c of due) {
    const detail = store.getCase(c.id);
    const previous = detail.runs.at(-1)!;
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
        inputs: ranked.inputs ?? inputs,
        parameters: ranked.parameters,
        results: ranked.result,
        topCandidates: ranked.topCandidates,
        ...(ranked.topLabel ? { topLabel: ranked.topLabel } : {}),
        timings: { ...ranked.timings, totalMs: performance.now() - t0 },
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
      });
      report.rerun += 1;
      const change = topChange(previous.topCandidates, run.topCandidates);
      const common = {
        previousRunId: previous.id,
        previousSnapshotId: previous.snapshotId,
        runId: run.id,
        snapshotId: run.snapshotId,
        previousTop: previous.topCandidates.slice(0, 5),
        top: run.topCandidates.slice(0, 5),
        entered: change.entered,
        left: change.left,
      };
      const dx = detail.finalDiagnosis;
      if (c.status === 'solved' && dx?.candidateId) {
        const rank = rankOf(dx.candidateId, ranked);
        if (rank === null || rank > DIAGNOSIS_KEPT_WITHIN) {
          report.flagged.push({ caseId: c.id, label: c.label, reason: 'diagnosis-dropped', diagnosis: { id: dx.candidateId, label: dx.candidateLabel, rank }, ...common });
        }
      } else if (change.changed) {
        report.flagged.push({
          caseId: c.id,
          label: c.label,
          reason: 'top-changed',
          ...common,
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

/** 1-based rank of a disease in a ranking, by any id of the candidates' concepts; null when it is not ranked. */
function rankOf(diseaseId: string, ranked: RankedCase): number | null {
  const i = ranked.topCandidates.findIndex((id, k) => id === diseaseId || (ranked.topConceptIds?.[k]?.includes(diseaseId) ?? false));
  return i < 0 ? null : i + 1;
}

/**
 * The production ranking function of re-analysis: each case through `runCase` on the session, recorded like any
 * other run (runRecord), so a re-analysis run opens in the app like the run it re-analysed.
 */
export function sessionRankFunction(session: KnowledgeSession, options: { top?: number; explain?: number } = {}): RankCaseFunction {
  return async (inputs) => {
    const run = await runCase(session, runInputsOfStoredCase(inputs), { top: options.top ?? 50, explain: options.explain ?? 10 });
    const r = runRecord(run, 'reanalysis', session.diseaseLabel);
    return {
      snapshotId: r.snapshotId,
      topCandidates: r.topCandidates,
      topConceptIds: run.ranking.diseases.map((d) => d.ids),
      ...(r.topLabel ? { topLabel: r.topLabel } : {}),
      result: r.results,
      parameters: r.parameters,
      timings: r.timings,
      inputs: r.inputs,
    };
  };
}

import { attachReleaseCheck } from '../../graph-snapshot/snapshot/attach-release-check.js';
import type { ReleaseCheckRecord } from '../../graph-snapshot/snapshot/release-check-record.js';
import { annotationDiff, describeDiff, diffSize } from '../vignettes/annotation-diff.js';
import { meanOfDiseases, recallFigures, type RecallFigures } from '../vignettes/disease-recall.js';
import { studyMovers, type Mover } from '../vignettes/movers.js';
import { releaseSample } from '../vignettes/release-sample.js';
import { VignetteSampler } from '../vignettes/vignette-sampler.js';
import { runVignetteStudy } from '../vignettes/vignette-study.js';
import type { VignetteOutcome } from '../vignettes/vignette.js';
import { KnowledgeSession } from './knowledge-session.js';
import { rankVignette } from './vignette-run.js';

export interface ReleaseCheckOptions {
  /** diseases looked at (default 300: about 40 s on one core) */
  diseases?: number;
  perDisease?: number;
  confirm?: number;
  seed?: number;
  k?: number;
  fdr?: number;
  /** movers listed each way in the record */
  listed?: number;
  onProgress?: (fraction: number, step: string) => void;
}

export const releaseCheckDefaults = { diseases: 300, perDisease: 5, confirm: 20, seed: 1, k: 10, fdr: 0.05, listed: 25 } as const;

/**
 * The release check of a new snapshot (`current`) against the one it replaces (`previous`, when there is one that
 * opens): synthetic vignettes (diagnosis/vignettes) of a sample of diseases — those whose annotations changed most,
 * and a uniform sample of the rest — ranked through runCase by both, and the diseases whose recall@k changed beyond
 * sampling noise (paired test on the same vignettes, confirmed on fresh ones, false discovery rate fdr). Vignettes are
 * drawn from the new knowledge (a disease only the previous one knows, from the previous one). Runs in this thread:
 * the default sample takes well under two minutes. A snapshot build or import records the result in the manifest
 * (attach-release-check.ts), and the app shows it.
 */
export async function runReleaseCheck(currentDir: string, previousDir: string | undefined, options: ReleaseCheckOptions = {}): Promise<ReleaseCheckRecord> {
  const o = { ...releaseCheckDefaults, ...options };
  const started = Date.now();
  const current = await KnowledgeSession.open(currentDir);
  let previous: KnowledgeSession | undefined;
  let note: string | undefined;
  if (previousDir) {
    try {
      previous = await KnowledgeSession.open(previousDir);
    } catch (err) {
      note = `the previous snapshot could not be opened for comparison: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  try {
    o.onProgress?.(0, 'vignette profiles');
    const cur = new VignetteSampler(current.model);
    const prev = previous ? new VignetteSampler(previous.model) : undefined;
    const withProfile = cur.diseasesWithProfile();
    const sizes = new Map<string, number>();
    if (previous) {
      for (const id of new Set([...withProfile, ...prev!.diseasesWithProfile()])) sizes.set(id, diffSize(annotationDiff(previous.model, current.model, id)));
    }
    const sample = releaseSample(withProfile, sizes, o.diseases, o.seed);
    const diseases = [...sample.changed, ...sample.uniform];
    const sessions = previous ? [previous, current] : [current];
    const study = await runVignetteStudy(
      diseases,
      (id, i) => cur.sample(id, i, o.seed) ?? prev?.sample(id, i, o.seed),
      async (vignettes, onRanked) => {
        const out: VignetteOutcome[][] = [];
        for (const v of vignettes) {
          const row: VignetteOutcome[] = [];
          for (const s of sessions) row.push(await rankVignette(s, v));
          out.push(row);
          onRanked(1);
        }
        return out;
      },
      sessions.length,
      { perDisease: o.perDisease, confirm: o.confirm, k: o.k, onProgress: o.onProgress },
    );
    const uniform = new Set(sample.uniform);
    const figures = (version: number): RecallFigures =>
      meanOfDiseases(study.filter((s) => uniform.has(s.diseaseId)).map((s) => recallFigures(s.screen.map((x) => x[version]!.rank))));
    const recall = (f: RecallFigures) => ({ at1: f.at1, at3: f.at3, at10: f.at10, meanRank: Number.isFinite(f.meanRank) ? f.meanRank : null });
    const movers = previous ? studyMovers(study, previous.model, current.model, o.k, o.fdr).filter((m) => m.moved) : [];
    // a disease the new knowledge adds or drops moves trivially: those whose own annotations changed, or nothing of
    // their own (knock-on), are listed first (stable: largest change first within each)
    const trivial = (m: Mover) => m.kind === 'added' || m.kind === 'removed';
    const listed = (harder: boolean) =>
      movers
        .filter((m) => m.delta < 0 === harder)
        .sort((a, b) => Number(trivial(a)) - Number(trivial(b)))
        .slice(0, o.listed)
        .map((m) => ({
          id: m.diseaseId,
          label: m.label,
          before: m.before,
          after: m.after,
          vignettes: m.n,
          q: m.q,
          changes: `${trivial(m) ? `${m.kind} ${m.kind === 'added' ? 'to' : 'from'} the knowledge: ` : ''}${describeDiff(m.changes)}`,
          ...(m.competitor ? { competitor: `${m.competitor.label} (${m.competitor.id})` } : {}),
        }));
    return {
      format: 'rarediag-release-check',
      checkedAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      comparedWith: previous?.snapshotId ?? null,
      ...(note ? { note } : previousDir ? {} : { note: 'no previous snapshot: figures of this one only' }),
      seed: o.seed,
      diseases: study.length,
      changedDiseases: sample.changed.length,
      vignettesPerDisease: o.perDisease,
      confirmVignettes: previous ? o.confirm : 0,
      k: o.k,
      fdr: o.fdr,
      recall: { current: recall(figures(sessions.length - 1)), previous: previous ? recall(figures(0)) : null },
      moved: movers.length,
      harder: listed(true),
      easier: listed(false),
    };
  } finally {
    await previous?.close();
    await current.close();
  }
}

/**
 * For `snapshot import` (and any installer): checks a snapshot about to replace `previousDir` and records the result in
 * its manifest, sealed again with this installation's key. Call it on the imported copy after it has been verified
 * and before it is swapped in; a build passes runReleaseCheck to buildSnapshot as its releaseCheck instead.
 */
export async function recordReleaseCheck(newDir: string, previousDir: string | undefined, options: ReleaseCheckOptions = {}): Promise<ReleaseCheckRecord> {
  const record = await runReleaseCheck(newDir, previousDir, options);
  await attachReleaseCheck(newDir, record);
  return record;
}

import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import { annotationDiff, diffSize, type AnnotationDiff } from './annotation-diff.js';
import { hitAt } from './disease-recall.js';
import { diseaseMovements, type DiseaseMovement } from './vignette-comparison.js';
import type { DiseaseStudy } from './vignette-study.js';

/**
 * Why a disease may have moved: it is new to the candidate's knowledge or gone from it, its own annotations changed, or
 * nothing of its own changed (a knock-on effect: other diseases' annotations, or the ranker's parameters).
 */
export type MoverKind = 'added' | 'removed' | 'own annotations' | 'knock-on';

export interface Mover extends DiseaseMovement {
  label: string;
  kind: MoverKind;
  /** its own annotations, base → candidate */
  changes: AnnotationDiff;
  /**
   * The candidate that most often took its place: first in the candidate version where the disease was lost (harder),
   * or first in the base version where it is now found (easier); when it did so in at least a third of those vignettes.
   */
  competitor?: { id: string; label: string; vignettes: number };
}

const labelOf = (models: (PhenotypeModel | undefined)[], id: string) => {
  for (const m of models) {
    const d = m?.diseaseIndex.get(id);
    if (m && d !== undefined) return m.diseaseLabels[d]!;
  }
  return id;
};

/**
 * Every disease tested in a two-version study, with why it may have moved: the changes of its own annotations and the
 * disease that took its place. Sorted as diseaseMovements sorts (largest change of recall@k first).
 */
export function studyMovers(studies: readonly DiseaseStudy[], base: PhenotypeModel | undefined, candidate: PhenotypeModel | undefined, k: number, fdr: number): Mover[] {
  const byId = new Map(studies.map((s) => [s.diseaseId, s]));
  const pairs = (s: DiseaseStudy['screen']) => s.map((x) => [x[0]!.rank, x[1]!.rank] as const);
  const movements = diseaseMovements(
    studies.map((s) => ({ diseaseId: s.diseaseId, screen: pairs(s.screen), confirm: pairs(s.confirm) })),
    k,
    fdr,
  );
  return movements.map((mv) => {
    const s = byId.get(mv.diseaseId)!;
    const all = [...s.screen, ...s.confirm];
    const harder = mv.delta < 0;
    const lost = all.filter((x) => (harder ? hitAt(x[0]!.rank, k) && !hitAt(x[1]!.rank, k) : !hitAt(x[0]!.rank, k) && hitAt(x[1]!.rank, k)));
    const counts = new Map<string, number>();
    for (const x of lost) {
      const first = harder ? x[1]!.first : x[0]!.first;
      if (first && first !== mv.diseaseId) counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const models = [candidate, base];
    const changes = annotationDiff(base, candidate, mv.diseaseId);
    const inBase = base?.diseaseIndex.has(mv.diseaseId) ?? false;
    const inCandidate = candidate?.diseaseIndex.has(mv.diseaseId) ?? false;
    const kind: MoverKind = !inBase ? 'added' : !inCandidate ? 'removed' : diffSize(changes) > 0 ? 'own annotations' : 'knock-on';
    return {
      ...mv,
      label: labelOf(models, mv.diseaseId),
      kind,
      changes,
      ...(top && top[1] >= Math.max(2, lost.length / 3) ? { competitor: { id: top[0], label: labelOf(models, top[0]), vignettes: top[1] } } : {}),
    };
  });
}

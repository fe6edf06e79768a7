import { excludedLR, observedLR } from './likelihood-ratio.js';
import type { PhenotypeModel } from './phenotype-model.js';
import type { RankerParameters } from './ranker-parameters.js';

/**
 * Vectorised scoring of one term against every disease, adding ln LR into `scores`. These are the hot loops of the
 * ranker; `term-match.ts` computes the same values for one (term, disease) pair with the reasons, for explanations.
 * Tests check that both agree.
 */
export class TermScorer {
  private readonly stamp: Int32Array;
  private generation = 0;
  private readonly lnNoMatch: number;

  constructor(
    private readonly model: PhenotypeModel,
    private readonly p: RankerParameters,
  ) {
    this.stamp = new Int32Array(model.diseaseCount);
    this.lnNoMatch = Math.log(p.noMatchLR);
  }

  private nextGeneration(): number {
    this.generation += 1;
    if (this.generation === 0x7fffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /** Adds ln LR of observed term `t` for every disease. */
  addObserved(t: number, scores: Float64Array): void {
    const m = this.model;
    const p = this.p;
    const gen = this.nextGeneration();
    const stamp = this.stamp;
    const f0 = p.defaultFrequency;
    // Contradictions first: a NOT annotation on the term or an ancestor overrides any positive match.
    const ancestors = m.ancestorsBySpecificity(t);
    const lnContradicted = Math.log(p.contradictedLR);
    for (const a of ancestors) {
      for (let k = m.notOffsets[a]!; k < m.notOffsets[a + 1]!; k += 1) {
        const d = m.notDisease[k]!;
        if (stamp[d] === gen) continue;
        stamp[d] = gen;
        scores[d]! += lnContradicted;
      }
    }
    const shareT = m.share[t]!;
    let assigned = 0;
    for (const a of ancestors) {
      const shareA = m.share[a]!;
      if (a !== t && shareA > p.maxSharedAncestorShare) break; // sorted by specificity: the rest are more general
      const isSelf = a === t;
      // ln LR for annotations without frequency (all of them in the sources here), computed once per ancestor.
      const lnDirectDefault = Math.log(observedLR(isSelf ? 'exact' : 'patient-more-specific', f0, shareT, shareA, p));
      const lnIndirectDefault = Math.log(observedLR(isSelf ? 'disease-more-specific' : 'common-ancestor', f0, shareT, shareA, p));
      for (let k = m.propOffsets[a]!; k < m.propOffsets[a + 1]!; k += 1) {
        const d = m.propDisease[k]!;
        if (stamp[d] === gen) continue;
        stamp[d] = gen;
        assigned += 1;
        const fk = m.propFreq[k]!;
        const direct = m.propDirect[k] === 1;
        if (Number.isNaN(fk)) {
          scores[d]! += direct ? lnDirectDefault : lnIndirectDefault;
        } else {
          const match = isSelf ? (direct ? 'exact' : 'disease-more-specific') : direct ? 'patient-more-specific' : 'common-ancestor';
          scores[d]! += Math.log(observedLR(match, fk, shareT, shareA, p));
        }
      }
    }
    // Every disease not reached has no meaningful match.
    const n = m.diseaseCount;
    if (assigned < n) {
      for (let d = 0; d < n; d += 1) if (stamp[d] !== gen) scores[d]! += this.lnNoMatch;
    }
  }

  /** Adds ln LR of excluded term `t` for every disease it says something about (others have LR 1). */
  addExcluded(t: number, scores: Float64Array): void {
    const m = this.model;
    const p = this.p;
    const gen = this.nextGeneration();
    const stamp = this.stamp;
    const shareT = m.share[t]!;
    // Annotated with the term or a descendant: the patient lacks a feature the disease has.
    for (let k = m.propOffsets[t]!; k < m.propOffsets[t + 1]!; k += 1) {
      const d = m.propDisease[k]!;
      stamp[d] = gen;
      const fk = m.propFreq[k]!;
      scores[d]! += Math.log(excludedLR('annotated', Number.isNaN(fk) ? p.excludedDefaultFrequency : fk, shareT, p));
    }
    // Explicitly NOT annotated with the term or an ancestor: consistent with the patient.
    const lnConsistent = Math.log(excludedLR('consistent', 0, shareT, p));
    for (const a of m.ancestorsBySpecificity(t)) {
      for (let k = m.notOffsets[a]!; k < m.notOffsets[a + 1]!; k += 1) {
        const d = m.notDisease[k]!;
        if (stamp[d] === gen) continue;
        stamp[d] = gen;
        scores[d]! += lnConsistent;
      }
    }
  }
}

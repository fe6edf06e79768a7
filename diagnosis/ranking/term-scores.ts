import type { FrequencyTables } from './frequency-tables.js';
import { excludedLR } from './likelihood-ratio.js';
import type { PhenotypeModel } from './phenotype-model.js';
import type { RankerParameters } from './ranker-parameters.js';

/**
 * Vectorised scoring of one term against every disease, adding ln LR into `scores`. These are the hot loops of the
 * ranker; `term-match.ts` computes the same values for one (term, disease) pair with the reasons, for explanations.
 * Tests check that both agree.
 */
export class TermScorer {
  private readonly stamp: Int32Array;
  /** per disease, the observed terms of the current batch that reached it (the rest get the no-match LR at the end) */
  private readonly reached: Int32Array;
  private generation = 0;
  private readonly lnNoMatch: number;
  private readonly lnContradicted: number;
  private readonly lnDescendant: number;
  private readonly lnCommonAncestor: number;

  constructor(
    private readonly model: PhenotypeModel,
    private readonly p: RankerParameters,
  ) {
    this.stamp = new Int32Array(model.diseaseCount);
    this.reached = new Int32Array(model.diseaseCount);
    this.lnNoMatch = Math.log(p.noMatchLR);
    this.lnContradicted = Math.log(p.contradictedLR);
    this.lnDescendant = Math.log(p.descendantFactor);
    this.lnCommonAncestor = Math.log(p.commonAncestorFactor);
  }

  private nextGeneration(): number {
    this.generation += 1;
    if (this.generation === 0x7fffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /**
   * Adds ln LR of every observed term for every disease. The no-match LR of the diseases a term does not reach is added
   * once at the end, by count, rather than by a pass over every disease per term.
   */
  addAllObserved(terms: readonly number[], f: FrequencyTables, scores: Float64Array): void {
    this.reached.fill(0);
    for (const t of terms) this.addReached(t, f, scores);
    const lnNoMatch = this.lnNoMatch;
    const n = terms.length;
    for (let d = 0; d < scores.length; d += 1) {
      const missing = n - this.reached[d]!;
      if (missing > 0) scores[d]! += missing * lnNoMatch;
    }
  }

  /** Adds ln LR of observed term `t` for every disease (likelihood-ratio.ts observedLR). */
  addObserved(t: number, f: FrequencyTables, scores: Float64Array): void {
    this.addAllObserved([t], f, scores);
  }

  /** The diseases term `t` reaches (a match or a contradiction): their ln LR added and their count raised. */
  private addReached(t: number, f: FrequencyTables, scores: Float64Array): void {
    const m = this.model;
    const p = this.p;
    const gen = this.nextGeneration();
    const stamp = this.stamp;
    const lnNoMatch = this.lnNoMatch;
    // Contradictions first: a NOT annotation on the term or an ancestor overrides any positive match.
    const ancestors = m.ancestorsBySpecificity(t);
    for (const a of ancestors) {
      for (let k = m.notOffsets[a]!; k < m.notOffsets[a + 1]!; k += 1) {
        const d = m.notDisease[k]!;
        if (stamp[d] === gen) continue;
        stamp[d] = gen;
        this.reached[d]! += 1;
        scores[d]! += this.lnContradicted;
      }
    }
    const lnPropF = f.lnPropF;
    const propF = f.propF;
    for (const a of ancestors) {
      if (a !== t && m.share[a]! > p.maxSharedAncestorShare) break; // sorted by specificity: the rest are more general
      const isSelf = a === t;
      const lnBg = f.lnBg[a]!;
      // exact and disease-more-specific: factor 1; through an ancestor: the descendant or common-ancestor factor
      const lnDirect = isSelf ? -lnBg : this.lnDescendant - lnBg;
      const lnIndirect = isSelf ? -lnBg : this.lnCommonAncestor - lnBg;
      for (let k = m.propOffsets[a]!; k < m.propOffsets[a + 1]!; k += 1) {
        const d = m.propDisease[k]!;
        if (stamp[d] === gen || propF[k] === 0) continue; // 0: only annotations that do not apply to this patient's sex
        stamp[d] = gen;
        this.reached[d]! += 1;
        const ln = lnPropF[k]! + (m.propDirect[k] === 1 ? lnDirect : lnIndirect);
        scores[d]! += ln > lnNoMatch ? ln : lnNoMatch;
      }
    }
  }

  /**
   * Adds ln LR of excluded term `t` for every disease it says something about (others have LR 1). A feature not yet
   * due at the patient's age (its annotated onset is later) is not held against the disease.
   */
  addExcluded(t: number, f: FrequencyTables, ageYears: number | undefined, scores: Float64Array): void {
    const m = this.model;
    const p = this.p;
    const gen = this.nextGeneration();
    const stamp = this.stamp;
    const bgT = f.bg[t]!;
    const specificity = m.specificity(t);
    const age = ageYears ?? Infinity;
    // Annotated with the term or a descendant: the patient lacks a feature the disease has.
    for (let k = m.propOffsets[t]!; k < m.propOffsets[t + 1]!; k += 1) {
      const fk = f.propF[k]!;
      if (fk === 0) continue;
      const d = m.propDisease[k]!;
      stamp[d] = gen;
      if (f.propOnsetLow[k]! > age) continue; // not yet due: LR 1
      scores[d]! += Math.log(excludedLR('annotated', fk, bgT, p, specificity));
    }
    // Explicitly NOT annotated with the term or an ancestor: consistent with the patient.
    const lnConsistent = Math.log(excludedLR('consistent', 0, bgT, p));
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

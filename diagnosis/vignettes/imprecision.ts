import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import { below, type Random } from './seeded-random.js';
import type { VignetteParameters } from './vignette-parameters.js';

/**
 * Imprecision: a clinician records "Seizure" where the disease is annotated "Focal clonic seizure", or "Abnormal
 * heart morphology" for a specific defect. The term is replaced by one of its direct parents, sometimes a level
 * further up, never by an ancestor so general that it no longer stands for a finding (shared by more than
 * maxAncestorShare of the diseases): then the more specific term is kept.
 */
export class Imprecision {
  private readonly parentsOf = new Map<number, number[]>();

  constructor(
    private readonly m: PhenotypeModel,
    private readonly p: Pick<VignetteParameters, 'imprecisionSecondStep' | 'maxAncestorShare'>,
  ) {}

  /** The direct parents of a term: its proper ancestors that are not an ancestor of another of them. */
  parents(term: number): number[] {
    let list = this.parentsOf.get(term);
    if (list) return list;
    const m = this.m;
    const proper = Array.from(m.closure.subarray(m.closureOffsets[term]!, m.closureOffsets[term + 1]!)).filter((a) => a !== term);
    list = proper.filter((a) => !proper.some((b) => b !== a && m.isAncestorOrSelf(a, b)));
    this.parentsOf.set(term, list);
    return list;
  }

  /** A less precise term for `term` (or `term` itself when every parent is too general). */
  generalise(term: number, r: Random): number {
    let t = term;
    for (let step = 0; step < 2; step += 1) {
      if (step === 1 && r() >= this.p.imprecisionSecondStep) break;
      const usable = this.parents(t).filter((a) => this.m.share[a]! <= this.p.maxAncestorShare);
      if (usable.length === 0) break;
      t = usable[below(r, usable.length)]!;
    }
    return t;
  }
}

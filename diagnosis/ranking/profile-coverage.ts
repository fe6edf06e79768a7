import type { PhenotypeModel } from './phenotype-model.js';

/**
 * How much of a disease's phenotypic profile the patient shows: for every positive phenotypic annotation of the
 * disease, the information content of its best match among the patient's observed terms (the IC of their most
 * informative common ancestor), summed, over the summed IC of the annotations. 1 = every characteristic feature is
 * reported; near 0 = the patient shows almost none of them.
 *
 * The likelihood ratios only look from the patient to the disease; this looks back from the disease to the patient,
 * so that a disease whose hallmark features are all absent from the record does not win on one rare shared term.
 */
export class ProfileCoverage {
  /** IC of each term in the patient's closure, -1 for terms outside it */
  private readonly patientIc: Float64Array;
  private readonly touched: number[] = [];
  /** per-case memo of the best match IC of a disease term (many diseases share terms) */
  private readonly memo: Float64Array;
  private readonly memoStamp: Int32Array;
  private generation = 0;

  constructor(private readonly m: PhenotypeModel) {
    this.patientIc = new Float64Array(m.termCount).fill(-1);
    this.memo = new Float64Array(m.termCount);
    this.memoStamp = new Int32Array(m.termCount);
  }

  /** Sets the patient's observed terms (term indexes). */
  setPatient(terms: readonly number[]): void {
    this.generation += 1;
    for (const t of this.touched) this.patientIc[t] = -1;
    this.touched.length = 0;
    const m = this.m;
    for (const t of terms) {
      for (let k = m.closureOffsets[t]!; k < m.closureOffsets[t + 1]!; k += 1) {
        const x = m.closure[k]!;
        if (this.patientIc[x]! < 0) {
          this.patientIc[x] = m.ic[x]!;
          this.touched.push(x);
        }
      }
    }
  }

  /** Coverage of disease `d` by the current patient, in [0, 1]. */
  coverage(d: number): number {
    const m = this.m;
    let total = 0;
    let covered = 0;
    for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
      if (m.isNegative(a)) continue;
      const t = m.annTerm[a]!;
      if (m.termAspects[t] !== 'P') continue;
      let best: number;
      if (this.memoStamp[t] === this.generation) {
        best = this.memo[t]!;
      } else {
        best = 0;
        for (let k = m.closureOffsets[t]!; k < m.closureOffsets[t + 1]!; k += 1) {
          const v = this.patientIc[m.closure[k]!]!;
          if (v > best) best = v;
        }
        this.memo[t] = best;
        this.memoStamp[t] = this.generation;
      }
      total += m.ic[t]!;
      covered += best;
    }
    return total > 0 ? covered / total : 0;
  }
}

/** The coverage factor as a likelihood-ratio-like multiplier: coverage^exponent, floored. */
export function coverageFactor(coverage: number, exponent: number, floor: number): number {
  return Math.pow(Math.max(coverage, floor), exponent);
}

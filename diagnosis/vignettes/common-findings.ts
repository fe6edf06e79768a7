import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import type { Random } from './seeded-random.js';
import type { VignetteParameters } from './vignette-parameters.js';

/**
 * Unrelated common findings: what a patient also has that has nothing to do with the disease (an incidental myopia,
 * a developmental delay of another cause) or that a clinician records anyway. Drawn from the phenotypic terms
 * annotated directly to the most diseases (the findings rare-disease patients are most often described with), in
 * proportion to that number, and never related to the disease's own features (the term, an ancestor or a
 * descendant of one) or too general to be a finding.
 */
export class CommonFindings {
  readonly pool: Int32Array;
  private readonly cumulative: Float64Array;

  constructor(
    private readonly m: PhenotypeModel,
    p: Pick<VignetteParameters, 'noisePoolSize' | 'maxAncestorShare'>,
  ) {
    const direct = new Map<number, Set<number>>();
    for (let d = 0; d < m.diseaseCount; d += 1) {
      for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
        const t = m.annTerm[a]!;
        if (m.isNegative(a) || m.termAspects[t] !== 'P' || m.share[t]! > p.maxAncestorShare) continue;
        (direct.get(t) ?? direct.set(t, new Set()).get(t)!).add(d);
      }
    }
    const ranked = [...direct.entries()].map(([t, ds]) => [t, ds.size] as const).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    const kept = ranked.slice(0, p.noisePoolSize);
    this.pool = Int32Array.from(kept.map(([t]) => t));
    this.cumulative = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, n], i) => (this.cumulative[i] = sum += n));
  }

  /** `count` distinct pool terms unrelated to `features` (fewer if the pool runs out). */
  draw(r: Random, features: readonly number[], count: number): number[] {
    const out: number[] = [];
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    if (total === 0) return out;
    const m = this.m;
    const related = (t: number) => features.some((f) => m.isAncestorOrSelf(t, f) || m.isAncestorOrSelf(f, t));
    for (let tries = 0; out.length < count && tries < 50 * count; tries += 1) {
      const x = r() * total;
      let lo = 0;
      let hi = this.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.cumulative[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      const t = this.pool[lo]!;
      if (!out.includes(t) && !related(t) && !out.some((o) => m.isAncestorOrSelf(o, t) || m.isAncestorOrSelf(t, o))) out.push(t);
    }
    return out;
  }

}

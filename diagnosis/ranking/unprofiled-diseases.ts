import type { RankingTables } from '../../graph-snapshot/snapshot/ranking-tables.js';
import type { PhenotypeModel } from './phenotype-model.js';

/**
 * Diseases that have a gene but no curated phenotype profile (an OMIM entry newer than the annotations, an Orphanet
 * entry HPO does not annotate): 16 % of the development cases are such a disease. Without a profile the phenotype
 * cannot rank them; their genes' other diseases can stand in. The patient with such a disease is taken to look like a
 * patient with one of the gene's annotated diseases, without knowing which: P(findings | u) = the mean of
 * P(findings | d) over those diseases, so u's score is the log-mean-exp of their scores (at most the best one, at
 * least the best one minus ln k for k diseases), with its own prior instead of theirs (unknown prevalence, no ClinVar
 * report naming it: diseases known well enough to be reported often are more likely than a newly described one). It is
 * shown beside them, flagged, never instead of them.
 */
export class UnprofiledDiseases {
  readonly ids: string[];
  readonly labels: string[];
  readonly mondo: string[];
  /** ranker gene indexes of each entry */
  readonly genes: number[][];
  /** per entry: the annotated diseases (model indexes) of its genes, whose evidence it borrows */
  readonly borrowed: Int32Array[];

  constructor(t: RankingTables['unprofiled'], model: PhenotypeModel) {
    this.ids = t.ids;
    this.labels = t.labels;
    this.mondo = t.mondo;
    this.genes = t.genes;
    const byGene = new Map<number, number[]>();
    model.diseaseGenes.forEach((genes, d) => genes.forEach((g) => (byGene.get(g) ?? byGene.set(g, []).get(g)!).push(d)));
    this.borrowed = t.genes.map((gs) => Int32Array.from(new Set(gs.flatMap((g) => byGene.get(g) ?? []))).sort());
  }

  get size(): number {
    return this.ids.length;
  }

  /**
   * ln of the mean of exp(score − prior) over the borrowed diseases, plus the entry's own ln prior; −Infinity for an
   * entry whose genes have none.
   */
  score(u: number, scores: Float64Array, lnPrior: Float64Array, ownLnPrior: number): number {
    const b = this.borrowed[u]!;
    if (b.length === 0) return -Infinity;
    let max = -Infinity;
    let best = -Infinity;
    for (const d of b) {
      if (scores[d]! - lnPrior[d]! > max) max = scores[d]! - lnPrior[d]!;
      if (scores[d]! > best) best = scores[d]!;
    }
    let sum = 0;
    for (const d of b) sum += Math.exp(scores[d]! - lnPrior[d]! - max);
    // never above the best disease it borrows from, whatever their priors
    return Math.min(best, max + Math.log(sum / b.length) + ownLnPrior);
  }

  /** The borrowed disease with the highest score (whose genotype evidence and explanation the entry shows). */
  best(u: number, scores: Float64Array): number {
    let best = -1;
    for (const d of this.borrowed[u]!) if (best < 0 || scores[d]! > scores[best]!) best = d;
    return best;
  }
}

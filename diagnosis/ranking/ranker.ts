import type { CaseFindings } from '../case/case-findings.js';
import { explainCandidate, type CandidateExplanation } from './explanation.js';
import type { PhenotypeModel } from './phenotype-model.js';
import { ProfileCoverage, coverageFactor } from './profile-coverage.js';
import { prepareQuery, type PreparedQuery, type QueryTerm, type SkippedTerm } from './query-terms.js';
import { defaultRankerParameters, type RankerParameters } from './ranker-parameters.js';
import { TermScorer } from './term-scores.js';
import { logSumExp, topK } from './top-k.js';

export interface RankedDisease {
  rank: number;
  /** the best-scoring entry of the concept */
  id: string;
  /** every OMIM / ORPHA entry of the same MONDO concept */
  ids: string[];
  label: string;
  mondo: string;
  /** log10 of the composite score: product of the term likelihood ratios and the profile-coverage factor */
  score: number;
  /** log10 of the product of the term likelihood ratios alone */
  log10LikelihoodRatio: number;
  /** share of the disease's informative profile the patient shows (profile-coverage.ts) */
  coverage: number;
  /** post-test probability: uniform prior over concepts, Bayes over the composite scores */
  probability: number;
  genes: { symbol: string; ncbiGeneId: number }[];
  explanation?: CandidateExplanation;
}

export interface RankedGene {
  rank: number;
  symbol: string;
  ncbiGeneId: number;
  /** the score of the gene's best disease */
  score: number;
  /** summed post-test probability of the gene's diseases */
  probability: number;
  /** the gene's best disease */
  topDisease: string;
}

export interface RankResult {
  snapshotId: string;
  diseases: RankedDisease[];
  genes: RankedGene[];
  present: QueryTerm[];
  excluded: QueryTerm[];
  skipped: SkippedTerm[];
  /** concepts ranked (the prior is 1 / this) */
  candidates: number;
}

export interface RankOptions {
  /** how many diseases and genes to return (default 100) */
  top?: number;
  /** how many of the top diseases carry a per-term explanation (default 0) */
  explain?: number;
}

export class NoObservedTermsError extends Error {
  constructor(readonly skipped: SkippedTerm[]) {
    super(
      skipped.length
        ? `no usable observed phenotype (skipped: ${skipped.map((s) => `${s.input} ${s.reason}`).join(', ')})`
        : 'no observed phenotypic feature',
    );
    this.name = 'NoObservedTermsError';
  }
}

/**
 * The deterministic phenotype ranker.
 *
 * 1. Every disease gets the product of per-term likelihood ratios, observed and excluded (likelihood-ratio.ts).
 * 2. The leading diseases are re-weighted by how much of their profile the patient shows (profile-coverage.ts);
 *    the candidate set grows until no disease outside it could enter the reported list (the factor is at most 1).
 * 3. OMIM and ORPHA entries of the same MONDO concept form one candidate, scored by its best entry.
 * 4. Post-test probabilities: uniform prior over concepts, normalised over all of them.
 * 5. Genes are ranked by their best disease. Ties break on the id (OMIM first), so results are deterministic.
 */
export class PhenotypeRanker {
  readonly parameters: RankerParameters;
  private readonly scorer: TermScorer;
  private readonly coverage: ProfileCoverage;
  private readonly lrScores: Float64Array;
  private readonly finalScores: Float64Array;
  private readonly coverageOf: Float64Array;
  /** concept (MONDO group) of each disease, and the members of each concept */
  private readonly groupOf: Int32Array;
  private readonly groupMembers: number[][];
  private readonly groupScores: Float64Array;
  private readonly groupBest: Int32Array;
  private readonly geneGroups: Int32Array[];
  /** position of each disease id in the tie-break order (OMIM first, then lexical): numeric compares on ties */
  private readonly idOrder: Int32Array;

  constructor(
    readonly model: PhenotypeModel,
    parameters: Partial<RankerParameters> = {},
  ) {
    this.parameters = { ...defaultRankerParameters, ...parameters };
    this.scorer = new TermScorer(model, this.parameters);
    this.coverage = new ProfileCoverage(model);
    const n = model.diseaseCount;
    this.lrScores = new Float64Array(n);
    this.finalScores = new Float64Array(n);
    this.coverageOf = new Float64Array(n);
    this.groupOf = new Int32Array(n);
    const byMondo = new Map<string, number>();
    this.groupMembers = [];
    for (let d = 0; d < n; d += 1) {
      const mondo = model.diseaseMondo[d]!;
      let g = mondo ? byMondo.get(mondo) : undefined;
      if (g === undefined) {
        g = this.groupMembers.length;
        this.groupMembers.push([]);
        if (mondo) byMondo.set(mondo, g);
      }
      this.groupOf[d] = g;
      this.groupMembers[g]!.push(d);
    }
    this.groupScores = new Float64Array(this.groupMembers.length);
    this.groupBest = new Int32Array(this.groupMembers.length);
    const geneGroupSets = model.geneSymbols.map(() => new Set<number>());
    model.diseaseGenes.forEach((genes, d) => genes.forEach((g) => geneGroupSets[g]!.add(this.groupOf[d]!)));
    this.geneGroups = geneGroupSets.map((s) => Int32Array.from(s));
    this.idOrder = new Int32Array(n);
    const byPreference = Array.from({ length: n }, (_, d) => d).sort((a, b) =>
      preferId(model.diseaseIds[a]!, model.diseaseIds[b]!) ? -1 : preferId(model.diseaseIds[b]!, model.diseaseIds[a]!) ? 1 : 0,
    );
    byPreference.forEach((d, i) => (this.idOrder[d] = i));
  }

  /** Concepts best first (score, then the tie-break order of their best entry). */
  private conceptOrder(k: number): number[] {
    const best = this.groupBest;
    const order = this.idOrder;
    return topK(this.groupScores, Math.min(k, this.groupScores.length), (a, b) => order[best[a]!]! < order[best[b]!]!);
  }

  get conceptCount(): number {
    return this.groupMembers.length;
  }

  /** Ranks a case; throws NoObservedTermsError when no observed term can be used. */
  rank(findings: Pick<CaseFindings, 'present' | 'excluded' | 'sex'>, options: RankOptions = {}): RankResult {
    const m = this.model;
    const query = prepareQuery(m, findings.present, findings.excluded);
    if (query.present.length === 0) throw new NoObservedTermsError(query.skipped);
    const top = Math.max(1, options.top ?? 100);
    this.computeScores(query);
    this.applyCoverage(query, top);
    this.scoreConcepts();

    const gs = this.groupScores;
    const logNorm = logSumExp(gs);
    const conceptOrder = this.conceptOrder(4 * top);
    const order = conceptOrder.slice(0, top);
    const explainN = options.explain ?? 0;
    const diseases: RankedDisease[] = order.map((g, i) => {
      const d = this.groupBest[g]!;
      return {
        rank: i + 1,
        id: m.diseaseIds[d]!,
        ids: this.groupMembers[g]!.map((x) => m.diseaseIds[x]!).sort(),
        label: m.diseaseLabels[d]!,
        mondo: m.diseaseMondo[d]!,
        score: gs[g]! / Math.LN10,
        log10LikelihoodRatio: this.lrScores[d]! / Math.LN10,
        coverage: this.coverageOf[d]!,
        probability: Math.exp(gs[g]! - logNorm),
        genes: this.genesOfGroup(g),
        explanation: i < explainN ? explainCandidate(m, this.parameters, d, query.present, query.excluded) : undefined,
      };
    });
    return {
      snapshotId: m.snapshotId,
      diseases,
      genes: this.rankGenes(logNorm, top, conceptOrder),
      present: query.present,
      excluded: query.excluded,
      skipped: query.skipped,
      candidates: this.groupMembers.length,
    };
  }

  /** ln of the product of term likelihood ratios per disease (into a reused buffer). */
  computeScores(query: PreparedQuery): Float64Array {
    const scores = this.lrScores;
    scores.fill(0);
    for (const q of query.present) this.scorer.addObserved(q.index, scores);
    for (const q of query.excluded) this.scorer.addExcluded(q.index, scores);
    return scores;
  }

  /**
   * Multiplies the leading diseases by their coverage factor. Diseases outside the candidate set keep their LR score,
   * an upper bound; the set doubles until the `top`-th concept among the candidates scores at least that bound.
   */
  private applyCoverage(query: PreparedQuery, top: number): void {
    const p = this.parameters;
    const lr = this.lrScores;
    const fin = this.finalScores;
    fin.set(lr);
    this.coverageOf.fill(NaN);
    if (p.coverageExponent === 0) return;
    this.coverage.setPatient(query.present.map((q) => q.index));
    const n = lr.length;
    const done = new Uint8Array(n);
    const doneList: number[] = [];
    const conceptBest = new Float64Array(this.groupMembers.length).fill(-Infinity);
    let k = Math.min(n, Math.max(200, 2 * top));
    for (;;) {
      const leaders = topK(lr, k, (a, b) => a < b);
      for (const d0 of leaders) {
        for (const d of this.groupMembers[this.groupOf[d0]!]!) {
          if (done[d]) continue;
          done[d] = 1;
          doneList.push(d);
          const c = this.coverage.coverage(d);
          this.coverageOf[d] = c;
          fin[d] = lr[d]! + Math.log(coverageFactor(c, p.coverageExponent, p.coverageFloor));
          const g = this.groupOf[d]!;
          if (fin[d]! > conceptBest[g]!) conceptBest[g] = fin[d]!;
        }
      }
      if (k >= n) return;
      const bound = lr[leaders[leaders.length - 1]!]!;
      // The top-th best concept among the candidates must reach the bound for the list to be final.
      let atLeastBound = 0;
      const seen = new Set<number>();
      for (const d of doneList) {
        const g = this.groupOf[d]!;
        if (seen.has(g)) continue;
        seen.add(g);
        if (conceptBest[g]! >= bound) atLeastBound += 1;
      }
      if (atLeastBound >= top) return;
      k = Math.min(n, k * 2);
    }
  }

  private scoreConcepts(): void {
    const fin = this.finalScores;
    const gs = this.groupScores;
    gs.fill(-Infinity);
    this.groupBest.fill(-1);
    for (let d = 0; d < fin.length; d += 1) {
      const g = this.groupOf[d]!;
      const s = fin[d]!;
      const b = this.groupBest[g]!;
      if (s > gs[g]! || (s === gs[g]! && b >= 0 && this.idOrder[d]! < this.idOrder[b]!)) {
        gs[g] = s;
        this.groupBest[g] = d;
      }
    }
  }

  private genesOfGroup(g: number): { symbol: string; ncbiGeneId: number }[] {
    const m = this.model;
    const seen = new Set<number>();
    const out: { symbol: string; ncbiGeneId: number }[] = [];
    for (const d of this.groupMembers[g]!) {
      for (const gene of m.diseaseGenes[d]!) {
        if (seen.has(gene)) continue;
        seen.add(gene);
        out.push({ symbol: m.geneSymbols[gene]!, ncbiGeneId: m.geneIds[gene]! });
      }
    }
    return out.sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  /**
   * Genes by their best concept: walking concepts best first, each gene takes the rank of the first concept that
   * names it (ties in score keep the concept order, then the symbol). Probability: summed over the gene's concepts.
   */
  private rankGenes(logNorm: number, top: number, leadingConcepts: number[]): RankedGene[] {
    const m = this.model;
    const gs = this.groupScores;
    const groups = gs.length;
    let order = leadingConcepts;
    const out: RankedGene[] = [];
    const taken = new Set<number>();
    const walk = (concepts: number[]) => {
      for (const g of concepts) {
        const genes = [...new Set(this.groupMembers[g]!.flatMap((d) => m.diseaseGenes[d]!))].sort((a, b) =>
          m.geneSymbols[a]! < m.geneSymbols[b]! ? -1 : 1,
        );
        for (const gene of genes) {
          if (taken.has(gene)) continue;
          taken.add(gene);
          let p = 0;
          for (const gg of this.geneGroups[gene]!) p += Math.exp(gs[gg]! - logNorm);
          out.push({
            rank: out.length + 1,
            symbol: m.geneSymbols[gene]!,
            ncbiGeneId: m.geneIds[gene]!,
            score: gs[g]! / Math.LN10,
            probability: Math.min(1, p),
            topDisease: m.diseaseIds[this.groupBest[g]!]!,
          });
          if (out.length >= top) return;
        }
      }
    };
    walk(order);
    if (out.length < top && order.length < groups) {
      order = this.conceptOrder(groups);
      out.length = 0;
      taken.clear();
      walk(order);
    }
    return out;
  }
}

/** OMIM before ORPHA on equal score, then lexical: the stable, familiar id for a concept. */
function preferId(a: string, b: string): boolean {
  const oa = a.startsWith('OMIM:') ? 0 : 1;
  const ob = b.startsWith('OMIM:') ? 0 : 1;
  if (oa !== ob) return oa < ob;
  return a < b;
}

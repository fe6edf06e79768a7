import type { CaseFindings } from '../case-input/case-findings.js';
import { explainCandidate, type CandidateExplanation } from './explanation.js';
import type { PhenotypeModel } from './phenotype-model.js';
import { ProfileCoverage, coverageFactor } from './profile-coverage.js';
import { prepareQuery, type PreparedQuery, type QueryTerm, type SkippedTerm } from './query-terms.js';
import { defaultRankerParameters, type RankerParameters } from './ranker-parameters.js';
import { TermScorer } from './term-scores.js';
import { logSumExp, topK } from './top-k.js';
import { GenotypeScores, diseaseModes, type DiseaseModes } from './genotype-scores.js';
import type { GenotypeCheck } from '../variants/genotype-likelihood.js';
import type { PatientVariants, VcfSummary } from '../variants/patient-variants.js';
import type { AnnotatedVariant } from '../variants/variant-annotator.js';

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
  /** with a VCF: the genotype evidence of the disease's best gene */
  genotype?: { gene: string; lr: number; mode: string; satisfied: boolean; reason: string; variants: AnnotatedVariant[] };
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
  /** with a VCF: the gene's variants and their genotype check for its best disease */
  genotype?: { lr: number; mode: string; satisfied: boolean; reason: string };
  variants?: AnnotatedVariant[];
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
  /** with a VCF: what was read and kept */
  vcf?: VcfSummary;
}

export interface RankOptions {
  /** how many diseases and genes to return (default 100) */
  top?: number;
  /** how many of the top diseases carry a per-term explanation (default 0) */
  explain?: number;
  /** the proband's variants (diagnosis/variants), to combine genotype with phenotype evidence */
  variants?: PatientVariants;
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
 * 2. With a VCF, each disease's best gene adds its genotype likelihood ratio (genotype-scores.ts).
 * 3. Every disease is re-weighted by how much of its profile the patient shows (profile-coverage.ts).
 * 4. OMIM and ORPHA entries of the same MONDO concept form one candidate, scored by its best entry.
 * 5. Post-test probabilities: uniform prior over concepts, normalised over all of them.
 * 6. Genes are ranked by their best disease. Ties break on the id (OMIM first), so results are deterministic.
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
  private readonly geneDiseases: Int32Array[];
  private readonly modes: DiseaseModes;
  private genotype: GenotypeScores | undefined;
  private currentVariants: PatientVariants | undefined;
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
    const geneDiseaseLists: number[][] = model.geneSymbols.map(() => []);
    model.diseaseGenes.forEach((genes, d) => genes.forEach((g) => geneDiseaseLists[g]!.push(d)));
    this.geneDiseases = geneDiseaseLists.map((l) => Int32Array.from(l));
    this.modes = diseaseModes(model);
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
  rank(findings: Pick<CaseFindings, 'present' | 'excluded' | 'sex' | 'ageYears'>, options: RankOptions = {}): RankResult {
    const m = this.model;
    const query = prepareQuery(m, findings.present, findings.excluded);
    if (query.present.length === 0) throw new NoObservedTermsError(query.skipped);
    const top = Math.max(1, options.top ?? 100);
    this.computeScores(query);
    this.currentVariants = options.variants;
    this.genotype = options.variants ? new GenotypeScores(m, options.variants, findings.sex, this.modes) : undefined;
    this.applyCoverage(query);
    if (this.genotype) {
      // Per-term phenotype LRs are multiplied as if independent, which overstates them; with a VCF the phenotype part
      // is tempered by a weight so that genotype evidence can outweigh a moderate phenotype lead (ranker-parameters.ts).
      const w = this.parameters.phenotypeWeightWithVariants;
      const g = this.genotype.lnLR;
      const fin = this.finalScores;
      for (let d = 0; d < g.length; d += 1) fin[d] = w * fin[d]! + g[d]!;
    }
    this.scoreConcepts();

    const gs = this.groupScores;
    const logNorm = logSumExp(gs);
    const order = this.conceptOrder(top);
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
        genotype: this.genotypeOf(d),
        explanation: i < explainN ? explainCandidate(m, this.parameters, d, query.present, query.excluded) : undefined,
      };
    });
    return {
      snapshotId: m.snapshotId,
      diseases,
      genes: this.rankGenes(logNorm, top),
      present: query.present,
      excluded: query.excluded,
      skipped: query.skipped,
      candidates: this.groupMembers.length,
      vcf: options.variants?.summary,
    };
  }

  private genotypeOf(d: number): RankedDisease['genotype'] {
    const best = this.genotype?.bestFor(d);
    if (!best) return undefined;
    const { check } = best;
    return { gene: this.model.geneSymbols[best.gene]!, lr: check.lr, mode: check.mode, satisfied: check.satisfied, reason: check.reason, variants: check.variants };
  }

  /** ln of the product of term likelihood ratios per disease (into a reused buffer). */
  computeScores(query: PreparedQuery): Float64Array {
    const scores = this.lrScores;
    scores.fill(0);
    for (const q of query.present) this.scorer.addObserved(q.index, scores);
    for (const q of query.excluded) this.scorer.addExcluded(q.index, scores);
    return scores;
  }

  /** Multiplies every disease by its coverage factor (memoised per term, so this costs about one pass over the annotations). */
  private applyCoverage(query: PreparedQuery): void {
    const p = this.parameters;
    const lr = this.lrScores;
    const fin = this.finalScores;
    fin.set(lr);
    if (p.coverageExponent === 0) {
      this.coverageOf.fill(NaN);
      return;
    }
    this.coverage.setPatient(query.present.map((q) => q.index));
    for (let d = 0; d < lr.length; d += 1) {
      const c = this.coverage.coverage(d);
      this.coverageOf[d] = c;
      fin[d] = lr[d]! + Math.log(coverageFactor(c, p.coverageExponent, p.coverageFloor));
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
   * Genes by their best disease: the disease's composite score with, when a VCF is given, the genotype evidence of
   * this gene (not of the disease's best gene). Ties break on the symbol. Probability: summed over the gene's concepts.
   */
  private rankGenes(logNorm: number, top: number): RankedGene[] {
    const m = this.model;
    const fin = this.finalScores;
    const geno = this.genotype;
    const n = this.geneDiseases.length;
    const geneScore = new Float64Array(n).fill(-Infinity);
    const geneBest = new Int32Array(n).fill(-1);
    const geneCheck: (GenotypeCheck | undefined)[] = new Array(n);
    for (let gene = 0; gene < n; gene += 1) {
      for (const d of this.geneDiseases[gene]!) {
        let s = fin[d]!;
        let check: GenotypeCheck | undefined;
        if (geno) {
          check = geno.checkGene(gene, d);
          s += Math.log(check.lr) - geno.lnLR[d]!;
        }
        if (s > geneScore[gene]! || (s === geneScore[gene]! && this.idOrder[d]! < this.idOrder[geneBest[gene]!]!)) {
          geneScore[gene] = s;
          geneBest[gene] = d;
          geneCheck[gene] = check;
        }
      }
    }
    const gs = this.groupScores;
    return topK(geneScore, top, (a, b) => m.geneSymbols[a]! < m.geneSymbols[b]!).map((gene, i) => {
      let p = 0;
      for (const g of this.geneGroups[gene]!) p += Math.exp(gs[g]! - logNorm);
      const check = geneCheck[gene];
      const out: RankedGene = {
        rank: i + 1,
        symbol: m.geneSymbols[gene]!,
        ncbiGeneId: m.geneIds[gene]!,
        score: geneScore[gene]! / Math.LN10,
        probability: Math.min(1, p),
        topDisease: m.diseaseIds[geneBest[gene]!]!,
      };
      if (geno && check) {
        out.genotype = { lr: check.lr, mode: check.mode, satisfied: check.satisfied, reason: check.reason };
        out.variants = this.genotypeVariants(gene) ?? [];
      }
      return out;
    });
  }

  private genotypeVariants(gene: number): AnnotatedVariant[] | undefined {
    return this.currentVariants?.byGene.get(gene);
  }
}

/** OMIM before ORPHA on equal score, then lexical: the stable, familiar id for a concept. */
function preferId(a: string, b: string): boolean {
  const oa = a.startsWith('OMIM:') ? 0 : 1;
  const ob = b.startsWith('OMIM:') ? 0 : 1;
  if (oa !== ob) return oa < ob;
  return a < b;
}

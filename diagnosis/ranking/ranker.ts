import type { CaseFindings, Sex } from '../case-input/case-findings.js';
import { diseaseLnPrior } from './disease-prior.js';
import { ExpectedFeatures } from './expected-features.js';
import { explainCandidate, type CandidateExplanation } from './explanation.js';
import { FrequencyTables } from './frequency-tables.js';
import { OnsetModel } from './onset.js';
import type { PhenotypeModel } from './phenotype-model.js';
import { prepareQuery, type PreparedQuery, type QueryTerm, type SkippedTerm } from './query-terms.js';
import { defaultRankerParameters, type RankerParameters } from './ranker-parameters.js';
import { sexInheritanceLnLR } from './sex-inheritance.js';
import { TermScorer } from './term-scores.js';
import { mapByKnots, mapProbability } from './probability-map.js';
import { topK } from './top-k.js';
import { GenotypeScores, diseaseModes, type DiseaseModes } from './genotype-scores.js';
import type { UnprofiledDiseases } from './unprofiled-diseases.js';
import type { GenotypeCheck, VariantInheritance } from '../variants/genotype-likelihood.js';
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
  /** log10 of the composite score: the sum of the parts below */
  score: number;
  /** log10 of the product of the likelihood ratios of the reported (present and excluded) findings */
  log10LikelihoodRatio: number;
  /** the other parts of the score, log10 each (0 when they say nothing) */
  parts: ScoreParts;
  /** share of the disease's hallmark features (expected-features.ts) that the patient's present findings cover */
  coverage: number;
  /** calibrated post-test probability (calibration in ranker-parameters.ts): among past cases shown with p, about p were right */
  probability: number;
  genes: { symbol: string; ncbiGeneId: number }[];
  /** with a VCF: the genotype evidence of the disease's best gene */
  genotype?: { gene: string; lr: number; mode: string; satisfied: boolean; reason: string; variants: AnnotatedVariant[]; inheritance?: VariantInheritance[] };
  explanation?: CandidateExplanation;
  /**
   * Set for a disease without a curated phenotype profile (unprofiled-diseases.ts): its score is borrowed from the
   * annotated diseases of its genes, listed best first.
   */
  profile?: { curated: false; borrowedFrom: string[] };
}

/** The parts of a disease's score other than the reported findings, as log10 likelihood ratios. */
export interface ScoreParts {
  /** hallmark features expected but not reported (≤ 0) */
  notReported: number;
  /** the patient's age against the disease's onset */
  onset: number;
  /** the patient's sex against the disease's mode of inheritance */
  sex: number;
  /** the disease's prior (how often its genes are found mutated) */
  prior: number;
  /** the genotype (with a VCF) */
  genotype: number;
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
  /** with a VCF: the gene's variants and their genotype check for its best disease (evidence: the GRCh38 keys of the variants it rests on; inheritance: the family's finding per variant) */
  genotype?: { lr: number; mode: string; satisfied: boolean; reason: string; evidence: string[]; inheritance?: VariantInheritance[] };
  variants?: AnnotatedVariant[];
}

export interface RankResult {
  snapshotId: string;
  diseases: RankedDisease[];
  genes: RankedGene[];
  present: QueryTerm[];
  excluded: QueryTerm[];
  skipped: SkippedTerm[];
  /** concepts ranked */
  candidates: number;
  /** calibrated probability that the diagnosis is none of the candidates (not in the knowledge base) */
  unlistedProbability: number;
  /** with RankOptions.conceptScores: the ln score of every concept (index: PhenotypeRanker.conceptOf) */
  conceptScores?: Float64Array;
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
  /** also return every concept's score (fitting the calibration needs the whole distribution) */
  conceptScores?: boolean;
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

/** What the ranker derives once per patient sex: the frequency tables and the hallmark features they imply. */
interface SexView {
  frequencies: FrequencyTables;
  expected: ExpectedFeatures;
}

/**
 * The deterministic ranker: a likelihood-ratio model in the spirit of LIRICAL, every constant in ranker-parameters.ts.
 *
 * 1. Every disease gets the product of the LRs of the reported findings, observed and excluded, with the annotation
 *    frequencies and their uncertainty (likelihood-ratio.ts, frequency-tables.ts).
 * 2. Its hallmark features that were not reported lower it a little (expected-features.ts); the patient's age against
 *    its onset (onset.ts) and sex against its mode of inheritance (sex-inheritance.ts) weigh in; so does its prior
 *    (disease-prior.ts), and with a VCF its best gene's genotype LR (genotype-scores.ts).
 * 3. OMIM and ORPHA entries of the same MONDO concept form one candidate, scored by its best entry.
 * 4. Calibrated post-test probabilities over the concepts and "not in the knowledge base" (ranker-parameters.ts).
 * 5. Genes are ranked by their best disease. Ties break on the id (OMIM first), so results are deterministic.
 */
export class PhenotypeRanker {
  readonly parameters: RankerParameters;
  readonly onset: OnsetModel;
  private readonly scorer: TermScorer;
  private readonly views = new Map<string, SexView>();
  private readonly lrScores: Float64Array;
  private readonly finalScores: Float64Array;
  private readonly notReported: Float64Array;
  private readonly onsetLn: Float64Array;
  private readonly sexLn: Float64Array;
  private readonly priorLn: Float64Array;
  private readonly coverageOf: Float64Array;
  /** concept (MONDO group) of each disease, and the members of each concept */
  private readonly groupOf: Int32Array;
  private readonly groupMembers: number[][];
  private readonly groupScores: Float64Array;
  private readonly groupBest: Int32Array;
  private readonly geneGroups: Int32Array[];
  private readonly geneDiseases: Int32Array[];
  readonly modes: DiseaseModes;
  private genotype: GenotypeScores | undefined;
  private geneScoreBuf: Float64Array | undefined;
  private geneBestBuf: Int32Array | undefined;
  private currentVariants: PatientVariants | undefined;
  /** position of each disease id in the tie-break order (OMIM first, then lexical): numeric compares on ties */
  private readonly idOrder: Int32Array;

  constructor(
    readonly model: PhenotypeModel,
    parameters: Partial<RankerParameters> = {},
    /** diseases with a gene but no curated phenotype profile, shown with their genes' evidence */
    readonly unprofiled?: UnprofiledDiseases,
  ) {
    this.parameters = { ...defaultRankerParameters, ...parameters };
    this.scorer = new TermScorer(model, this.parameters);
    this.onset = new OnsetModel(model);
    const n = model.diseaseCount;
    this.lrScores = new Float64Array(n);
    this.finalScores = new Float64Array(n);
    this.notReported = new Float64Array(n);
    this.onsetLn = new Float64Array(n);
    this.sexLn = new Float64Array(n);
    this.priorLn = diseaseLnPrior(model, this.parameters);
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

  /** The frequency tables and hallmarks for a patient of this sex (sex-specific annotations), built once per sex. */
  view(sex: Sex | undefined): SexView {
    const key = sex === 'MALE' || sex === 'FEMALE' ? sex : 'UNKNOWN';
    let v = this.views.get(key);
    if (!v) {
      const frequencies = new FrequencyTables(this.model, this.parameters, key === 'UNKNOWN' ? undefined : key, this.onset.featureOnsetLow);
      v = { frequencies, expected: new ExpectedFeatures(this.model, frequencies, this.onset, this.parameters) };
      this.views.set(key, v);
    }
    return v;
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
    const p = this.parameters;
    const query = prepareQuery(m, findings.present, findings.excluded);
    if (query.present.length === 0) throw new NoObservedTermsError(query.skipped);
    const top = Math.max(1, options.top ?? 100);
    const age = findings.ageYears;
    const view = this.view(findings.sex);
    this.computeScores(query, view, age);
    this.expectedScores(query, view, age);
    sexInheritanceLnLR(this.modes, findings.sex, p, this.sexLn);
    if (age === undefined) this.onsetLn.fill(0);
    else this.onset.lnLR(age, p.onsetFloor, this.onsetLn);
    this.currentVariants = options.variants;
    this.genotype = options.variants ? new GenotypeScores(m, options.variants, findings.sex, this.modes) : undefined;
    const fin = this.finalScores;
    // Per-term phenotype LRs are multiplied as if independent, which overstates them; with a VCF the phenotype part
    // is tempered by a weight so that genotype evidence can outweigh a moderate phenotype lead (ranker-parameters.ts).
    const reported = Math.max(1, query.present.length + query.excluded.length);
    const w = this.genotype ? p.phenotypeWeightWithVariants * Math.pow(reported, -p.phenotypeWeightExponent) : 1;
    const g = this.genotype?.lnLR;
    for (let d = 0; d < fin.length; d += 1) {
      const phenotype = this.lrScores[d]! + this.notReported[d]! + this.onsetLn[d]! + this.sexLn[d]!;
      fin[d] = w * phenotype + this.priorLn[d]! + (g ? g[d]! : 0);
    }
    this.scoreConcepts();

    const gs = this.groupScores;
    const t = p.temperature * Math.pow(Math.max(1, query.present.length + query.excluded.length), -p.temperatureExponent);
    const logNorm = this.logNormaliser(t);
    const order = this.conceptOrder(top);
    const explainN = options.explain ?? 0;
    const log10 = (x: number) => x / Math.LN10;
    const diseases: RankedDisease[] = order.map((grp, i) => {
      const d = this.groupBest[grp]!;
      return {
        rank: i + 1,
        id: m.diseaseIds[d]!,
        ids: this.groupMembers[grp]!.map((x) => m.diseaseIds[x]!).sort(),
        label: m.diseaseLabels[d]!,
        mondo: m.diseaseMondo[d]!,
        score: log10(gs[grp]!),
        log10LikelihoodRatio: log10(this.lrScores[d]!),
        parts: {
          notReported: log10(this.notReported[d]!),
          onset: log10(this.onsetLn[d]!),
          sex: log10(this.sexLn[d]!),
          prior: log10(this.priorLn[d]!),
          genotype: g ? log10(g[d]!) : 0,
        },
        coverage: this.coverageOf[d]!,
        probability: i === 0 ? firstProbability(Math.exp(t * gs[grp]! - logNorm), p) : mapProbability(Math.exp(t * gs[grp]! - logNorm), p.probabilitySlope, p.probabilityIntercept),
        genes: this.genesOfGroup(grp),
        genotype: this.genotypeOf(d),
        explanation: i < explainN ? explainCandidate(m, this, d, query.present, query.excluded, { sex: findings.sex, ageYears: age }) : undefined,
      };
    });
    if (this.unprofiled) this.addUnprofiled(diseases, top, t, logNorm);
    // the isotonic step may bring the first below the second on a near tie: the list must not contradict its order
    if (diseases.length > 1 && diseases[0]!.probability < diseases[1]!.probability) diseases[0]!.probability = diseases[1]!.probability;
    const unlistedProbability = coherent(diseases, Math.exp(p.unlistedLogWeight - logNorm));
    return {
      snapshotId: m.snapshotId,
      diseases,
      genes: this.rankGenes(logNorm, t, top),
      present: query.present,
      excluded: query.excluded,
      skipped: query.skipped,
      candidates: this.groupMembers.length,
      unlistedProbability,
      ...(options.conceptScores ? { conceptScores: Float64Array.from(gs) } : {}),
      vcf: options.variants?.summary,
    };
  }

  /**
   * ln of the normaliser of the calibrated probabilities: every concept's tempered score and the "not in the knowledge
   * base" outcome (ranker-parameters.ts, calibration).
   */
  private logNormaliser(t: number): number {
    const gs = this.groupScores;
    let max = this.parameters.unlistedLogWeight;
    for (let i = 0; i < gs.length; i += 1) if (t * gs[i]! > max) max = t * gs[i]!;
    let sum = Math.exp(this.parameters.unlistedLogWeight - max);
    const negligible = max - 50; // e^-50 of the leading weight: nothing a sum over ten thousand concepts can notice
    for (let i = 0; i < gs.length; i += 1) {
      const x = t * gs[i]!;
      if (x > negligible) sum += Math.exp(x - max);
    }
    return max + Math.log(sum);
  }

  /**
   * Inserts the diseases without a curated phenotype profile whose borrowed score reaches the list, each after the
   * candidates of equal score (it never outranks the diseases it borrows from), and renumbers. Their probability is
   * mapped from the borrowed score as a concept's would be, outside the normaliser (they are not among the concepts);
   * coherent() then keeps the list's total at most 1.
   */
  private addUnprofiled(diseases: RankedDisease[], top: number, t: number, logNorm: number): void {
    const u = this.unprofiled!;
    const fin = this.finalScores;
    const m = this.model;
    const floor = diseases.length >= top ? diseases[diseases.length - 1]!.score * Math.LN10 : -Infinity;
    // the prior of a disease nothing is known about: unknown prevalence, no ClinVar report (disease-prior.ts)
    const ownPrior = this.parameters.prevalenceWeight * Math.log(this.parameters.unknownPrevalence);
    const extra: { score: number; entry: RankedDisease }[] = [];
    for (let k = 0; k < u.size; k += 1) {
      const s = u.score(k, fin, this.priorLn, ownPrior);
      if (!(s > floor)) continue;
      const best = u.best(k, fin);
      const borrowed = [...u.borrowed[k]!].sort((a, b) => fin[b]! - fin[a]!).map((d) => m.diseaseIds[d]!);
      extra.push({
        score: s,
        entry: {
          rank: 0,
          id: u.ids[k]!,
          ids: [u.ids[k]!],
          label: u.labels[k]!,
          mondo: u.mondo[k]!,
          score: s / Math.LN10,
          log10LikelihoodRatio: 0,
          parts: { notReported: 0, onset: 0, sex: 0, prior: ownPrior / Math.LN10, genotype: 0 },
          coverage: 0,
          probability: mapProbability(Math.exp(t * s - logNorm), this.parameters.probabilitySlope, this.parameters.probabilityIntercept),
          genes: u.genes[k]!.map((g) => ({ symbol: m.geneSymbols[g]!, ncbiGeneId: m.geneIds[g]! })).sort((a, b) => a.symbol.localeCompare(b.symbol)),
          genotype: this.genotypeOf(best),
          profile: { curated: false, borrowedFrom: borrowed.slice(0, 5) },
        },
      });
    }
    if (extra.length === 0) return;
    extra.sort((a, b) => b.score - a.score || (a.entry.id < b.entry.id ? -1 : 1));
    const merged: RankedDisease[] = [];
    let i = 0;
    let j = 0;
    while (merged.length < top && (i < diseases.length || j < extra.length)) {
      const takeCurated = j >= extra.length || (i < diseases.length && diseases[i]!.score * Math.LN10 >= extra[j]!.score);
      merged.push(takeCurated ? diseases[i++]! : extra[j++]!.entry);
    }
    merged.forEach((d, k) => (d.rank = k + 1));
    diseases.splice(0, diseases.length, ...merged);
  }

  /** The concept (MONDO group) index of a disease id, for RankResult.conceptScores; undefined when unknown. */
  conceptOf(diseaseId: string): number | undefined {
    const d = this.model.diseaseIndex.get(diseaseId);
    return d === undefined ? undefined : this.groupOf[d];
  }

  private genotypeOf(d: number): RankedDisease['genotype'] {
    const best = this.genotype?.bestFor(d);
    if (!best) return undefined;
    const { check } = best;
    return {
      gene: best.gene >= 0 ? this.model.geneSymbols[best.gene]! : `critical region (${best.region ?? 'contiguous genes'})`,
      lr: check.lr,
      mode: check.mode,
      satisfied: check.satisfied,
      reason: check.reason,
      variants: check.variants,
      ...(check.inheritance ? { inheritance: check.inheritance } : {}),
    };
  }

  /** ln of the product of the reported findings' likelihood ratios per disease (into a reused buffer). */
  computeScores(query: PreparedQuery, view: SexView, ageYears: number | undefined): Float64Array {
    const scores = this.lrScores;
    scores.fill(0);
    this.scorer.addAllObserved(query.present.map((q) => q.index), view.frequencies, scores);
    for (const q of query.excluded) this.scorer.addExcluded(q.index, view.frequencies, ageYears, scores);
    return scores;
  }

  /** The expected-but-unreported penalty and the hallmark coverage of every disease. */
  private expectedScores(query: PreparedQuery, view: SexView, ageYears: number | undefined): void {
    const e = view.expected;
    e.setReported(
      query.present.map((q) => q.index),
      query.excluded.map((q) => q.index),
    );
    e.scoreAll(ageYears, this.notReported, this.coverageOf);
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
  private rankGenes(logNorm: number, t: number, top: number): RankedGene[] {
    const m = this.model;
    const fin = this.finalScores;
    const geno = this.genotype;
    const n = this.geneDiseases.length;
    // reused buffers: a batch ranks thousands of cases, and these are per gene
    const geneScore = (this.geneScoreBuf ??= new Float64Array(n)).fill(-Infinity);
    const geneBest = (this.geneBestBuf ??= new Int32Array(n)).fill(-1);
    const geneCheck: (GenotypeCheck | undefined)[] = geno ? new Array(n) : [];
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
      const { probabilitySlope: slope, probabilityIntercept: intercept } = this.parameters;
      let p = 0;
      for (const g of this.geneGroups[gene]!) p += mapProbability(Math.exp(t * gs[g]! - logNorm), slope, intercept);
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
        out.genotype = {
          lr: check.lr,
          mode: check.mode,
          satisfied: check.satisfied,
          reason: check.reason,
          evidence: check.variants.map((v) => v.key),
          ...(check.inheritance ? { inheritance: check.inheritance } : {}),
        };
        out.variants = this.genotypeVariants(gene) ?? [];
      }
      return out;
    });
  }

  private genotypeVariants(gene: number): AnnotatedVariant[] | undefined {
    return this.currentVariants?.byGene.get(gene);
  }
}

/**
 * Keeps the shown probabilities a distribution: each is calibrated on its own (the first candidate with its own
 * offset), so together with "not in the knowledge base" they can exceed 1. The first keeps its calibrated value; the
 * others are scaled down to what remains, and the unlisted share is what the first leaves at most. Returns the
 * unlisted probability to show.
 */
/** The first candidate's probability: the logistic map with the first-candidate offset, then the isotonic step. */
function firstProbability(p: number, params: RankerParameters): number {
  return mapByKnots(mapProbability(p, params.probabilitySlope, params.probabilityIntercept + params.probabilityTopOffset), params.topProbabilityKnots);
}

function coherent(diseases: RankedDisease[], unlisted: number): number {
  if (diseases.length === 0) return Math.min(1, unlisted);
  const first = diseases[0]!.probability;
  const shownUnlisted = Math.min(unlisted, 1 - first);
  let rest = 0;
  for (let i = 1; i < diseases.length; i += 1) rest += diseases[i]!.probability;
  const room = 1 - first - shownUnlisted;
  if (rest > room) {
    const scale = room > 0 ? room / rest : 0;
    for (let i = 1; i < diseases.length; i += 1) diseases[i]!.probability *= scale;
  }
  return shownUnlisted;
}

/** OMIM before ORPHA on equal score, then lexical: the stable, familiar id for a concept. */
function preferId(a: string, b: string): boolean {
  const oa = a.startsWith('OMIM:') ? 0 : 1;
  const ob = b.startsWith('OMIM:') ? 0 : 1;
  if (oa !== ob) return oa < ob;
  return a < b;
}

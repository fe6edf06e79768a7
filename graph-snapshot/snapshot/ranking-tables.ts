/**
 * The ranker's projection of the graph, precomputed at build time and stored beside the Kuzu file so that
 * start-up is one file read instead of hundreds of thousands of query rows (Kuzu's Node binding returns rows at
 * a few tens of thousands per second, far too slow for a cold start). Arrays are columnar and index-based.
 */
export const RANKING_TABLES_FORMAT = 'rarediag-ranking-tables';
export const RANKING_TABLES_VERSION = 6;

export interface RankingTables {
  format: typeof RANKING_TABLES_FORMAT;
  version: number;
  snapshotId: string;
  terms: {
    ids: string[];
    labels: string[];
    /** aspect letter of the term's top-level branch (P, I, C, M, ...) */
    aspects: string[];
    parents: number[][];
    /** ancestor closure (self included) as CSR: closure[closureOffsets[t] .. closureOffsets[t+1]) */
    closureOffsets: number[];
    closure: number[];
    /** annotated diseases having the term or a descendant (propagated) */
    diseaseCount: number[];
    ic: number[];
    depth: number[];
  };
  /** the number of diseases with at least one positive phenotypic annotation (the IC denominator) */
  annotatedDiseases: number;
  /** alt ids → current id */
  redirects: Record<string, string>;
  /** obsolete ids → the current id that replaces them */
  replacements: Record<string, string>;
  diseases: {
    ids: string[];
    labels: string[];
    /** '' when the disease has no MONDO exact match */
    mondo: string[];
    /** mode-of-inheritance term indexes */
    inheritance: number[][];
    /** gene indexes (into genes) and their association types, parallel */
    genes: number[][];
    geneAssociation: string[][];
    /** annotations as CSR over annTerm/annFreq/annFlags/annOnset */
    annOffsets: number[];
    annTerm: number[];
    /** 0..1, or -1 when the source gives no frequency: the rows' point estimate (pooled n/m, else the mean) */
    annFreq: number[];
    /**
     * The evidence behind the frequency, for a model that weighs it (diagnosis/ranking/annotation-frequency.ts):
     * the HPO frequency class given by a row (index into FREQUENCY_CLASSES, -1 if none), and the patient counts
     * pooled over the rows that give n/m (-1 / -1 if none). A percentage alone shows only in annFreq.
     */
    annFreqClass: number[];
    annFreqN: number[];
    annFreqM: number[];
    /** bit 0: NOT (the disease is explicitly annotated as lacking the feature); bit 1: sex-specific male; bit 2: female */
    annFlags: number[];
    /** onset term index, or -1 */
    annOnset: number[];
    /**
     * ClinVar's knowledge of the disease, matched by name (label or synonym) to the traits of its records: the
     * prevalence per million the records state (an Orphanet class; -1 unknown), and how many pathogenic or likely
     * pathogenic variants name it.
     */
    prevalence: number[];
    clinvarReports: number[];
  };
  /**
   * Diseases with a gene but no phenotype annotation of their own (an OMIM entry newer than the annotations, an
   * Orphanet entry HPO does not annotate) and no annotated entry of the same MONDO concept: the ranker shows them with
   * the evidence of their genes' other diseases, flagged as having no curated phenotype profile.
   */
  unprofiled: {
    ids: string[];
    labels: string[];
    mondo: string[];
    /** gene indexes (into genes) */
    genes: number[][];
  };
  genes: {
    ncbiIds: number[];
    symbols: string[];
    /** previous symbols and aliases (for VCF annotations that name the gene) */
    aliases: string[][];
    /** GRCh38 span: chromosome without "chr" ('' if unknown), 1-based inclusive start and end (0 if unknown) */
    chrom: string[];
    start: number[];
    end: number[];
    /** ClinVar variants classified pathogenic or likely pathogenic in the gene (how often it is found mutated) */
    pathogenicVariants: number[];
  };
}

/** HPO's frequency classes (phenotype.hpoa), in the order of annFreqClass, with the range HPO defines for each. */
export const FREQUENCY_CLASSES = [
  { id: 'HP:0040280', label: 'Obligate', low: 1, high: 1 },
  { id: 'HP:0040281', label: 'Very frequent', low: 0.8, high: 0.99 },
  { id: 'HP:0040282', label: 'Frequent', low: 0.3, high: 0.79 },
  { id: 'HP:0040283', label: 'Occasional', low: 0.05, high: 0.29 },
  { id: 'HP:0040284', label: 'Very rare', low: 0.01, high: 0.04 },
  { id: 'HP:0040285', label: 'Excluded', low: 0, high: 0 },
] as const;

export const ANNOTATION_NOT = 1;
export const ANNOTATION_MALE = 2;
export const ANNOTATION_FEMALE = 4;

/** Cheap structural checks (a full schema validation of ~10^6 numbers would cost more than the load). */
export function checkRankingTables(value: unknown): string | undefined {
  const t = value as Partial<RankingTables> | undefined;
  if (!t || t.format !== RANKING_TABLES_FORMAT) return 'not a ranking-tables file';
  if (t.version !== RANKING_TABLES_VERSION) return `ranking tables version ${t.version}, this program reads ${RANKING_TABLES_VERSION}`;
  const terms = t.terms;
  const d = t.diseases;
  if (!terms || !d || !t.genes || !t.redirects || !t.replacements || !t.unprofiled) return 'missing sections';
  for (const k of ['labels', 'mondo', 'genes'] as const) if (t.unprofiled[k]?.length !== t.unprofiled.ids.length) return `unprofiled.${k} has the wrong length`;
  const n = terms.ids.length;
  for (const k of ['labels', 'aspects', 'parents', 'diseaseCount', 'ic', 'depth'] as const) {
    if (terms[k].length !== n) return `terms.${k} has ${terms[k].length} entries, expected ${n}`;
  }
  if (terms.closureOffsets.length !== n + 1) return 'terms.closureOffsets has the wrong length';
  const m = d.ids.length;
  for (const k of ['labels', 'mondo', 'inheritance', 'genes', 'geneAssociation', 'prevalence', 'clinvarReports'] as const) {
    if (d[k].length !== m) return `diseases.${k} has ${d[k].length} entries, expected ${m}`;
  }
  if (d.annOffsets.length !== m + 1) return 'diseases.annOffsets has the wrong length';
  const a = d.annTerm.length;
  for (const k of ['annFreq', 'annFreqClass', 'annFreqN', 'annFreqM', 'annFlags', 'annOnset'] as const) {
    if (d[k]?.length !== a) return `diseases.${k} has the wrong length`;
  }
  const g = t.genes.ncbiIds.length;
  for (const k of ['symbols', 'aliases', 'chrom', 'start', 'end', 'pathogenicVariants'] as const) {
    if (t.genes[k]?.length !== g) return `genes.${k} has the wrong length`;
  }
  return undefined;
}

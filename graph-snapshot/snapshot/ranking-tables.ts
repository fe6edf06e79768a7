/**
 * The ranker's projection of the graph, precomputed at build time and stored beside the Kuzu file so that
 * start-up is one file read instead of hundreds of thousands of query rows (Kuzu's Node binding returns rows at
 * a few tens of thousands per second, far too slow for a cold start). Arrays are columnar and index-based.
 */
export const RANKING_TABLES_FORMAT = 'rarediag-ranking-tables';
export const RANKING_TABLES_VERSION = 3;

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
    /** 0..1, or -1 when the source gives no frequency */
    annFreq: number[];
    /** bit 0: NOT (the disease is explicitly annotated as lacking the feature); bit 1: sex-specific male; bit 2: female */
    annFlags: number[];
    /** onset term index, or -1 */
    annOnset: number[];
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
  };
}

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
  if (!terms || !d || !t.genes || !t.redirects || !t.replacements) return 'missing sections';
  const n = terms.ids.length;
  for (const k of ['labels', 'aspects', 'parents', 'diseaseCount', 'ic', 'depth'] as const) {
    if (terms[k].length !== n) return `terms.${k} has ${terms[k].length} entries, expected ${n}`;
  }
  if (terms.closureOffsets.length !== n + 1) return 'terms.closureOffsets has the wrong length';
  const m = d.ids.length;
  for (const k of ['labels', 'mondo', 'inheritance', 'genes', 'geneAssociation'] as const) {
    if (d[k].length !== m) return `diseases.${k} has ${d[k].length} entries, expected ${m}`;
  }
  if (d.annOffsets.length !== m + 1) return 'diseases.annOffsets has the wrong length';
  const a = d.annTerm.length;
  if (d.annFreq.length !== a || d.annFlags.length !== a || d.annOnset.length !== a) return 'annotation columns differ in length';
  const g = t.genes.ncbiIds.length;
  for (const k of ['symbols', 'aliases', 'chrom', 'start', 'end'] as const) {
    if (t.genes[k]?.length !== g) return `genes.${k} has the wrong length`;
  }
  return undefined;
}

/**
 * ClinVar variants keyed on GRCh38, as columns, stored beside the graph: annotating a patient's VCF needs tens of
 * thousands of key lookups, which a Kuzu `IN` query does at a few thousand per second and a hash map in memory does
 * in microseconds.
 */
export const VARIANT_INDEX_FORMAT = 'rarediag-variant-index';
export const VARIANT_INDEX_VERSION = 1;

export interface VariantIndexTables {
  format: typeof VARIANT_INDEX_FORMAT;
  version: number;
  snapshotId: string;
  /** GRCh38 `chrom:pos:ref:alt`, chromosome without "chr" */
  keys: string[];
  /** the GRCh37 key it was lifted from, or '' */
  keys37: string[];
  /** pathogenic, likely_pathogenic, uncertain, likely_benign, benign, conflicting, other */
  significance: string[];
  stars: number[];
  clinvarIds: string[];
  geneSymbols: string[];
  hgvsC: string[];
  hgvsP: string[];
}

export function checkVariantIndex(value: unknown): string | undefined {
  const t = value as Partial<VariantIndexTables> | undefined;
  if (!t || t.format !== VARIANT_INDEX_FORMAT) return 'not a variant index file';
  if (t.version !== VARIANT_INDEX_VERSION) return `variant index version ${t.version}, this program reads ${VARIANT_INDEX_VERSION}`;
  const n = t.keys?.length ?? -1;
  for (const k of ['keys37', 'significance', 'stars', 'clinvarIds', 'geneSymbols', 'hgvsC', 'hgvsP'] as const) {
    if (t[k]?.length !== n) return `${k} has the wrong length`;
  }
  return undefined;
}

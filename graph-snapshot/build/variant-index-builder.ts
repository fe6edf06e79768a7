import { VARIANT_INDEX_FORMAT, VARIANT_INDEX_VERSION, type VariantIndexTables } from '../snapshot/variant-index.js';
import type { Knowledge } from './knowledge.js';

/** Columns of every ClinVar variant, with the gene symbol of its IN_GENE link when ClinVar named none. */
export function buildVariantIndex(snapshotId: string, k: Knowledge): VariantIndexTables {
  const symbolOf = new Map(k.genes.map((g) => [g.ncbiId, g.symbol]));
  const geneOf = new Map(k.inGene.map((e) => [e.variant, symbolOf.get(e.gene) ?? '']));
  const t: VariantIndexTables = {
    format: VARIANT_INDEX_FORMAT,
    version: VARIANT_INDEX_VERSION,
    snapshotId,
    keys: [],
    keys37: [],
    significance: [],
    stars: [],
    clinvarIds: [],
    geneSymbols: [],
    hgvsC: [],
    hgvsP: [],
  };
  for (const v of k.variants) {
    t.keys.push(v.key);
    t.keys37.push(v.key37);
    t.significance.push(v.significance);
    t.stars.push(v.stars);
    t.clinvarIds.push(v.clinvarId);
    t.geneSymbols.push(geneOf.get(v.key) || v.geneSymbol);
    t.hgvsC.push(v.hgvsC);
    t.hgvsP.push(v.hgvsP);
  }
  return t;
}

import type { RawSources } from './load-sources.js';
import type { InferredGeneLink } from './infer-gene-links.js';
import type { GeneDiseaseEdge, GeneNode } from './knowledge.js';

/** Source of a link found in HPO's gene → phenotype file rather than in genes_to_disease (infer-gene-links.ts). */
export const LINK_SOURCE_STATED = 'HPO genes_to_phenotype (disease_id)';
export const LINK_SOURCE_INFERRED = 'HPO genes_to_phenotype (annotations of a disease without a gene)';

export interface GeneAssembly {
  genes: GeneNode[];
  geneDisease: GeneDiseaseEdge[];
  /** official symbol → gene id, then unique alias → gene id */
  bySymbol: Map<string, number>;
  /** genes with more than one merged span (e.g. X/Y pseudoautosomal): the first span is kept */
  extraSpans: number;
}

/**
 * Genes (NCBI) with aliases and GRCh38 spans, and their disease associations from genes_to_disease, completed with
 * the links HPO's gene → phenotype file knows and genes_to_disease does not (`extraLinks`).
 */
export function assembleGenes(raw: RawSources, knownDiseases: Set<string>, extraLinks: readonly InferredGeneLink[] = []): GeneAssembly {
  const genes = new Map<number, GeneNode>();
  for (const g of raw.genes) {
    genes.set(g.ncbiGeneId, {
      ncbiId: g.ncbiGeneId,
      symbol: g.symbol,
      name: g.name,
      type: g.type,
      aliases: g.aliases.filter((a) => a !== g.symbol),
      chrom: '',
      startPos: null,
      endPos: null,
      strand: '',
      cytoband: g.cytoband,
      omimIds: g.omimIds,
      ensemblIds: g.ensemblIds,
    });
  }
  for (const [id, aliases] of raw.geneAliases) {
    const g = genes.get(id);
    if (!g) continue;
    for (const a of aliases) if (a !== g.symbol && !g.aliases.includes(a)) g.aliases.push(a);
  }
  let extraSpans = 0;
  for (const s of raw.geneSpans) {
    const g = genes.get(s.ncbiGeneId);
    if (!g) continue;
    if (g.chrom) {
      extraSpans += 1;
      continue;
    }
    g.chrom = s.chrom;
    g.startPos = s.start;
    g.endPos = s.end;
    g.strand = s.strand;
  }
  const geneDisease: GeneDiseaseEdge[] = [];
  const seen = new Set<string>();
  const rows = [
    ...raw.genesToDisease,
    ...extraLinks.map((l) => ({
      ncbiGeneId: l.ncbiGeneId,
      symbol: l.symbol,
      associationType: 'MENDELIAN',
      diseaseId: l.diseaseId,
      source: l.basis === 'stated' ? LINK_SOURCE_STATED : LINK_SOURCE_INFERRED,
      line: 0,
    })),
  ];
  for (const row of rows) {
    if (!knownDiseases.has(row.diseaseId)) continue;
    let g = genes.get(row.ncbiGeneId);
    if (!g) {
      // A gene newer than the gene table: keep the association with what the row says.
      g = {
        ncbiId: row.ncbiGeneId,
        symbol: row.symbol,
        name: '',
        type: '',
        aliases: [],
        chrom: '',
        startPos: null,
        endPos: null,
        strand: '',
        cytoband: '',
        omimIds: [],
        ensemblIds: [],
      };
      genes.set(row.ncbiGeneId, g);
    }
    const key = `${row.ncbiGeneId}\t${row.diseaseId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    geneDisease.push({ gene: row.ncbiGeneId, disease: row.diseaseId, associationType: row.associationType, source: row.source });
  }
  const bySymbol = new Map<string, number>();
  for (const g of genes.values()) if (g.symbol && !bySymbol.has(g.symbol)) bySymbol.set(g.symbol, g.ncbiId);
  const aliasCount = new Map<string, number[]>();
  for (const g of genes.values()) {
    for (const a of g.aliases) {
      const ids = aliasCount.get(a);
      if (ids) ids.push(g.ncbiId);
      else aliasCount.set(a, [g.ncbiId]);
    }
  }
  for (const [alias, ids] of aliasCount) if (ids.length === 1 && !bySymbol.has(alias)) bySymbol.set(alias, ids[0]!);
  return { genes: [...genes.values()], geneDisease, bySymbol, extraSpans };
}

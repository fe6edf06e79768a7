import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import { BandMap, normaliseBand, syndromeRegions, type PlacedGene, type SyndromeRegionTable } from '../variants/contiguous-syndromes.js';
import type { TranscriptIndex } from '../variants/transcript-index.js';

/**
 * The contiguous-gene syndromes' critical regions in one assembly (contiguous-syndromes.ts has the rules): gene
 * extents from that assembly's transcript models (GRCh38: lifted, plus the GRCh38 spans of the ranker's genes without
 * a model), bands from NCBI Gene.
 */
export function regionsForBuild(model: PhenotypeModel, ix: TranscriptIndex | undefined, bands: ReadonlyMap<number, string>, build: GenomeBuild): SyndromeRegionTable {
  const extent = new Map<number, { chrom: string; start: number; end: number; symbol: string }>();
  if (ix) {
    for (const [chrom, { from, to }] of ix.chromosomes()) {
      for (let t = from; t < to; t += 1) {
        const id = ix.ncbiGeneIds[t]!;
        if (id === 0) continue;
        const e = extent.get(id);
        if (!e) extent.set(id, { chrom, start: ix.txStart[t]! + 1, end: ix.txEnd[t]!, symbol: ix.symbols[t]! });
        else if (e.chrom === chrom) {
          e.start = Math.min(e.start, ix.txStart[t]! + 1);
          e.end = Math.max(e.end, ix.txEnd[t]!);
        }
      }
    }
  }
  if (build === 'GRCh38') {
    model.geneIds.forEach((id, g) => {
      if (!extent.has(id) && model.geneChrom[g] && model.geneStart[g]! > 0) extent.set(id, { chrom: model.geneChrom[g]!, start: model.geneStart[g]!, end: model.geneEnd[g]!, symbol: model.geneSymbols[g]! });
    });
  }
  const placed: PlacedGene[] = [];
  for (const [id, e] of extent) {
    const band = bands.get(id);
    if (band) placed.push({ chrom: e.chrom, start: e.start, end: e.end, band: normaliseBand(band) });
  }
  return syndromeRegions(
    model.diseaseLabels,
    model.diseaseGenes.map((genes) => genes.map((g) => model.geneIds[g]!)),
    new BandMap(placed),
    (id) => extent.get(id),
  );
}

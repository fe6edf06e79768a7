import { Liftover } from '../liftover/liftover.js';
import type { RawSources } from './load-sources.js';
import type { GeneNode, LiftoverFigures, VariantNode } from './knowledge.js';
import { GeneLocator } from '../query/gene-locator.js';

export interface VariantAssembly {
  variants: VariantNode[];
  inGene: { variant: string; gene: number }[];
  liftover: LiftoverFigures;
  notInGene: number;
}

export const variantKey = (chrom: string, pos: number, ref: string, alt: string) => `${chrom}:${pos}:${ref}:${alt}`;

/**
 * ClinVar variants keyed on GRCh38. GRCh37 records are lifted with the UCSC chain; records that cannot be lifted
 * are counted by reason. A variant's gene comes from ClinVar's symbol (official or unique alias), else from the
 * single gene whose GRCh38 span contains it.
 */
export function assembleVariants(
  raw: RawSources,
  genes: GeneNode[],
  bySymbol: Map<string, number>,
  sourceIsGrch37: boolean,
): VariantAssembly {
  const lift = new Liftover(raw.chain37to38);
  const locator = new GeneLocator(genes.filter((g) => g.chrom && g.startPos !== null).map((g) => ({
    ncbiId: g.ncbiId,
    chrom: g.chrom,
    start: g.startPos!,
    end: g.endPos!,
  })));
  const figures: LiftoverFigures = { records: 0, lifted: 0, unlifted: 0, unliftedByReason: {}, minusStrand: 0, duplicateKeys: 0 };
  const byKey = new Map<string, VariantNode>();
  const inGene: VariantAssembly['inGene'] = [];
  let notInGene = 0;
  for (const r of raw.clinvar.records) {
    figures.records += 1;
    let chrom = r.chrom;
    let pos = r.pos;
    let ref = r.ref;
    let alt = r.alt;
    let key37 = '';
    if (sourceIsGrch37) {
      key37 = variantKey(r.chrom, r.pos, r.ref, r.alt);
      const res = lift.liftVariant(r.chrom, r.pos, r.ref, r.alt);
      if (!res.ok) {
        figures.unlifted += 1;
        figures.unliftedByReason[res.reason] = (figures.unliftedByReason[res.reason] ?? 0) + 1;
        continue;
      }
      figures.lifted += 1;
      if (res.strand === '-') figures.minusStrand += 1;
      ({ chrom, pos, ref, alt } = res);
    }
    const key = variantKey(chrom, pos, ref, alt);
    if (byKey.has(key)) {
      figures.duplicateKeys += 1;
      continue;
    }
    const hgvs = raw.clinvarHgvs.get(key37 || key);
    const node: VariantNode = {
      key,
      chrom,
      pos,
      ref,
      alt,
      key37,
      significance: r.significance,
      significanceRaw: r.significanceRaw,
      reviewStatus: r.reviewStatus,
      stars: r.stars,
      clinvarId: r.variationId ?? '',
      geneSymbol: r.geneSymbol ?? '',
      hgvsC: hgvs?.hgvsC ?? '',
      hgvsP: hgvs?.hgvsP ?? '',
      traits: r.traits,
      ...(r.prevalencePerMillion !== undefined ? { prevalencePerMillion: r.prevalencePerMillion } : {}),
    };
    byKey.set(key, node);
    let gene = r.geneSymbol ? bySymbol.get(r.geneSymbol) : undefined;
    if (gene === undefined) {
      const hits = locator.overlapping(chrom, pos, pos + Math.max(ref.length, 1) - 1);
      if (hits.length === 1) gene = hits[0];
    }
    if (gene === undefined) notInGene += 1;
    else inGene.push({ variant: key, gene });
  }
  return { variants: [...byKey.values()], inGene, liftover: figures, notInGene };
}

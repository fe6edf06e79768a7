import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import type { Liftover } from '../../graph-snapshot/liftover/liftover.js';
import type { GeneLocator } from '../../graph-snapshot/query/gene-locator.js';
import { overlappedGenes, spanOverlap, type GeneOverlap } from './cnv-overlap.js';
import { assessCnvGene } from './cnv-pathogenicity.js';
import type { GeneConstraintTable } from './gene-constraint.js';
import { structuralLength, type StructuralCall } from './structural-call.js';
import type { TranscriptIndex } from './transcript-index.js';
import type { AnnotatedVariant, GeneCatalogue, GenePlacement, VariantAnnotator } from './variant-annotator.js';

/** One copy-number call placed in the genome and in genes: what the contiguous-gene syndromes are matched against. */
export interface StructuralEvent {
  call: StructuralCall;
  build: GenomeBuild;
  /** `chrom:start-end:<DEL>` in GRCh38 when it lifts, else in the input build */
  key: string;
  grch38?: { chrom: string; start: number; end: number };
  genes: GeneOverlap[];
}

export interface StructuralContext {
  model: GeneCatalogue;
  transcripts?: Record<GenomeBuild, TranscriptIndex>;
  constraint?: GeneConstraintTable;
  liftover: Liftover;
  /** GRCh38 spans of the ranker's genes (ids: ranker gene numbers) */
  locator: GeneLocator;
  byNcbiId: ReadonlyMap<number, number>;
  /** whether a ranker gene has transcript models in an assembly */
  hasModels: (g: number, build: GenomeBuild) => boolean;
}

export const structuralKey = (chrom: string, start: number, end: number, change: StructuralCall['change']) => `${chrom}:${start}-${end}:<${change === 'deletion' ? 'DEL' : 'DUP'}>`;

/** Both ends lifted to GRCh38, on one chromosome and in order; undefined otherwise (the call keeps its input coordinates). */
function liftEnds(lift: Liftover, c: StructuralCall): { chrom: string; start: number; end: number } | undefined {
  const a = lift.liftInterval(c.chrom, c.start, c.start);
  const b = lift.liftInterval(c.chrom, c.end, c.end);
  if (typeof a === 'string' || typeof b === 'string' || a.chrom !== b.chrom) return undefined;
  const start = Math.min(a.start, b.start);
  const end = Math.max(a.end, b.end);
  // an inversion between the assemblies can make a short call long: keep only lifts of about the same length
  if (Math.abs(end - start + 1 - structuralLength(c)) > 0.5 * structuralLength(c) + 1000) return undefined;
  return { chrom: a.chrom, start, end };
}

/**
 * Places a copy-number call: the genes it overlaps on the transcript models of its own assembly (no liftover loss),
 * plus the ranker's genes without a model there that its GRCh38 span overlaps; each ranker gene gets the call as a
 * variant with that gene's overlap and assessment (cnv-pathogenicity.ts), so the genotype check weighs it like any
 * other allele.
 */
export function placeStructuralCall(ctx: StructuralContext, c: StructuralCall, build: GenomeBuild, scratch: number[] = []): { event: StructuralEvent; placements: GenePlacement[] } {
  const ix = ctx.transcripts?.[build];
  const overlaps = ix ? overlappedGenes(ix, c.chrom, c.start, c.end, scratch) : [];
  const grch38 = build === 'GRCh38' ? { chrom: c.chrom, start: c.start, end: c.end } : liftEnds(ctx.liftover, c);
  const seen = new Set(overlaps.map((o) => o.ncbiGeneId));
  if (grch38) {
    for (const g of ctx.locator.overlapping(grch38.chrom, grch38.start, grch38.end)) {
      const id = ctx.model.geneIds[g]!;
      if (seen.has(id) || (ix && ctx.hasModels(g, build))) continue;
      seen.add(id);
      overlaps.push(spanOverlap(id, ctx.model.geneSymbols[g]!, ctx.model.geneStart[g]!, ctx.model.geneEnd[g]!, grch38.start, grch38.end));
    }
  }
  const where = grch38 ?? c;
  const key = structuralKey(where.chrom, where.start, where.end, c.change);
  const inputKey = structuralKey(c.chrom, c.start, c.end, c.change);
  const event: StructuralEvent = { call: c, build, key, ...(grch38 ? { grch38 } : {}), genes: overlaps };
  const placements: GenePlacement[] = [];
  for (const o of overlaps) {
    const g = ctx.byNcbiId.get(o.ncbiGeneId);
    if (g === undefined) continue;
    const constraint = ctx.constraint?.of(o.ncbiGeneId);
    const variant: AnnotatedVariant = {
      key,
      inputKey,
      inputBuild: build,
      call: c.call,
      ...(constraint ? { constraint } : {}),
      assessment: assessCnvGene(c.change, o, overlaps.length, constraint),
      line: c.line,
      structural: {
        change: c.change,
        chrom: c.chrom,
        start: c.start,
        end: c.end,
        ...(grch38 ? { grch38 } : {}),
        ...(c.copyNumber !== undefined ? { copyNumber: c.copyNumber } : {}),
        svType: c.svType,
        lengthBp: structuralLength(c),
        genes: overlaps.length,
        overlap: o,
      },
    };
    placements.push({ gene: g, variant });
  }
  return { event, placements };
}

/** A copy-number call placed with the annotator's models, constraint and liftover (the VCF reader's and a CNV file's calls). */
export function annotateStructural(annotator: VariantAnnotator, c: StructuralCall, build: GenomeBuild): { event: StructuralEvent; placements: GenePlacement[] } {
  return placeStructuralCall(annotator.structuralContext(), c, build);
}

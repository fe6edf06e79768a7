import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import type { Liftover, LiftFailure } from '../../graph-snapshot/liftover/liftover.js';
import { GeneLocator } from '../../graph-snapshot/query/gene-locator.js';
import type { ClinVarEntry, ClinVarIndex } from './clinvar-index.js';
import type { AlleleCall } from './genotype.js';
import type { MemberGenotype } from './member-genotypes.js';
import { HOTSPOT_BP, assessVariant, type VariantAssessment } from './variant-pathogenicity.js';
import type { AlleleAnnotation } from './vcf-annotations.js';
import type { VcfCall } from './vcf-reader.js';

/** A patient variant placed on GRCh38, in a gene the ranker knows, with its ClinVar record and assessment. */
export interface AnnotatedVariant {
  /** GRCh38 `chrom:pos:ref:alt` */
  key: string;
  /** as given in the input build (normalised) */
  inputKey: string;
  inputBuild: GenomeBuild;
  call: AlleleCall;
  clinvar?: ClinVarEntry;
  annotation?: AlleleAnnotation;
  /** multi-sample VCF: the proband's call then each family member's at this site (GT, DP, GQ) */
  members?: MemberGenotype[];
  assessment: VariantAssessment;
  line: number;
}

export type AnnotationOutcome =
  | { kind: 'annotated'; variant: AnnotatedVariant; genes: number[] }
  | { kind: 'unlifted'; reason: LiftFailure }
  | { kind: 'outside-genes'; variant: AnnotatedVariant };

/**
 * The genes the ranker scores, as columns indexed by its gene number (the ranker's phenotype model has them): what the
 * annotator needs to place a variant in a gene, without depending on the ranking layer above it.
 */
export interface GeneCatalogue {
  readonly geneSymbols: readonly string[];
  readonly geneAliases: readonly (readonly string[])[];
  /** GRCh38 spans ('' / 0 when unknown) */
  readonly geneChrom: readonly string[];
  readonly geneStart: readonly number[];
  readonly geneEnd: readonly number[];
}

/**
 * Places VCF calls on GRCh38 and in the ranker's genes: GRCh37 input is lifted with the snapshot's chain; the gene
 * comes from the VCF's own annotation (symbol or alias) when it names one the ranker knows, else from GRCh38 spans.
 */
export class VariantAnnotator {
  private readonly locator: GeneLocator;
  private readonly bySymbol = new Map<string, number>();

  constructor(
    model: GeneCatalogue,
    private readonly clinvar: ClinVarIndex,
    private readonly liftover: Liftover,
  ) {
    const spans = [];
    for (let g = 0; g < model.geneSymbols.length; g += 1) {
      if (model.geneChrom[g] && model.geneStart[g]! > 0) spans.push({ ncbiId: g, chrom: model.geneChrom[g]!, start: model.geneStart[g]!, end: model.geneEnd[g]! });
    }
    this.locator = new GeneLocator(spans);
    model.geneSymbols.forEach((s, g) => this.bySymbol.set(s, g));
    const aliasCount = new Map<string, number>();
    model.geneAliases.forEach((list) => list.forEach((a) => aliasCount.set(a, (aliasCount.get(a) ?? 0) + 1)));
    model.geneAliases.forEach((list, g) => list.forEach((a) => {
      if (aliasCount.get(a) === 1 && !this.bySymbol.has(a)) this.bySymbol.set(a, g);
    }));
  }

  /** The ranker's gene number of a symbol or unique alias (a listed variant without coordinates), else undefined. */
  geneIndexOf(symbol: string): number | undefined {
    return this.bySymbol.get(symbol) ?? this.bySymbol.get(symbol.toUpperCase());
  }

  annotate(c: VcfCall, build: GenomeBuild): AnnotationOutcome {
    const inputKey = `${c.chrom}:${c.pos}:${c.ref}:${c.alt}`;
    let chrom = c.chrom;
    let pos = c.pos;
    let ref = c.ref;
    let alt = c.alt;
    if (build === 'GRCh37') {
      const lifted = this.liftover.liftVariant(c.chrom, c.pos, c.ref, c.alt);
      if (!lifted.ok) return { kind: 'unlifted', reason: lifted.reason };
      ({ chrom, pos, ref, alt } = lifted);
    }
    const key = `${chrom}:${pos}:${ref}:${alt}`;
    const clinvar = this.clinvar.find(chrom, pos, ref, alt);
    const variant: AnnotatedVariant = {
      key,
      inputKey,
      inputBuild: build,
      call: c.call,
      clinvar,
      annotation: c.annotation,
      members: c.members,
      assessment: assessVariant(
        clinvar,
        c.annotation,
        this.clinvar.neighbourhood(chrom, pos, clinvar?.significance === 'pathogenic' || clinvar?.significance === 'likely_pathogenic', HOTSPOT_BP),
      ),
      line: c.line,
    };
    const named = c.annotation?.symbol ? this.bySymbol.get(c.annotation.symbol) : undefined;
    const genes = named !== undefined ? [named] : this.locator.overlapping(chrom, pos, pos + Math.max(ref.length, 1) - 1);
    if (genes.length === 0) return { kind: 'outside-genes', variant };
    return { kind: 'annotated', variant, genes };
  }
}

import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import type { Liftover, LiftFailure } from '../../graph-snapshot/liftover/liftover.js';
import { GeneLocator } from '../../graph-snapshot/query/gene-locator.js';
import type { ClinVarEntry, ClinVarIndex } from './clinvar-index.js';
import type { GeneConstraintTable, GeneConstraintValues } from './gene-constraint.js';
import type { AlleleCall } from './genotype.js';
import type { TranscriptIndex } from './transcript-index.js';
import type { MemberGenotype } from './member-genotypes.js';
import type { StructuralDetail } from './structural-call.js';
import { HOTSPOT_BP, assessVariant, type VariantAssessment } from './variant-pathogenicity.js';
import { locateVariant, mostSeverePerGene, type TranscriptLocation } from './variant-location.js';
import type { AlleleAnnotation } from './vcf-annotations.js';
import type { VcfCall } from './vcf-reader.js';

/** A patient variant placed on GRCh38 and in one gene the ranker knows, with its ClinVar record, location and assessment. */
export interface AnnotatedVariant {
  /** GRCh38 `chrom:pos:ref:alt` */
  key: string;
  /** as given in the input build (normalised) */
  inputKey: string;
  inputBuild: GenomeBuild;
  call: AlleleCall;
  clinvar?: ClinVarEntry;
  annotation?: AlleleAnnotation;
  /** the most severe location on this gene's transcript models (in the input build), when it has models near the variant */
  location?: TranscriptLocation;
  /** gnomAD constraint of this gene, when known */
  constraint?: GeneConstraintValues;
  /** multi-sample VCF: the proband's call then each family member's at this site (GT, DP, GQ) */
  members?: MemberGenotype[];
  assessment: VariantAssessment;
  line: number;
  /** a copy-number call (structural-annotation.ts): its extent, copy number and what it does to this gene */
  structural?: StructuralDetail;
  /** homozygous inside a region of homozygosity of a proband whose runs say the parents are related (homozygosity-runs.ts) */
  autozygous?: true;
}

/** The same variant in each gene it lies in: its location and assessment may differ between overlapping genes. */
export interface GenePlacement {
  gene: number;
  variant: AnnotatedVariant;
}

const OUTSIDE_GENES = Object.freeze({ kind: 'outside-genes' as const });

export type AnnotationOutcome =
  | { kind: 'annotated'; placements: GenePlacement[] }
  | { kind: 'unlifted'; reason: LiftFailure }
  | { kind: 'outside-genes' };

/**
 * The genes the ranker scores, as columns indexed by its gene number (the ranker's phenotype model has them): what the
 * annotator needs to place a variant in a gene, without depending on the ranking layer above it.
 */
export interface GeneCatalogue {
  readonly geneSymbols: readonly string[];
  readonly geneIds: readonly number[];
  readonly geneAliases: readonly (readonly string[])[];
  /** GRCh38 spans ('' / 0 when unknown) */
  readonly geneChrom: readonly string[];
  readonly geneStart: readonly number[];
  readonly geneEnd: readonly number[];
}

/** Transcript models of both assemblies and gene constraint (from the snapshot's gene-models.json). */
export interface GeneModelIndex {
  transcripts: Record<GenomeBuild, TranscriptIndex>;
  constraint: GeneConstraintTable;
}

/**
 * Places VCF calls on GRCh38 and in the ranker's genes: GRCh37 input is lifted with the snapshot's chain; the gene
 * comes from the VCF's own annotation (symbol or alias) when it names one the ranker knows, else from GRCh38 spans and
 * the transcripts the variant lies in. Each gene gets the variant's most severe location on that gene's transcripts,
 * computed in the input's own assembly (no liftover loss for GRCh37 input), and an assessment with the gene's
 * constraint.
 */
export class VariantAnnotator {
  private readonly locator: GeneLocator;
  private readonly bySymbol = new Map<string, number>();
  private readonly byNcbiId = new Map<number, number>();
  /** NCBI ids of the genes that have transcript models, per assembly */
  private readonly modelled: Record<GenomeBuild, Set<number>> = { GRCh37: new Set(), GRCh38: new Set() };
  private readonly scratch: number[] = [];

  constructor(
    private readonly model: GeneCatalogue,
    private readonly clinvar: ClinVarIndex,
    private readonly liftover: Liftover,
    private readonly models?: GeneModelIndex,
  ) {
    const spans = [];
    for (let g = 0; g < model.geneSymbols.length; g += 1) {
      if (model.geneChrom[g] && model.geneStart[g]! > 0) spans.push({ ncbiId: g, chrom: model.geneChrom[g]!, start: model.geneStart[g]!, end: model.geneEnd[g]! });
    }
    this.locator = new GeneLocator(spans);
    model.geneSymbols.forEach((s, g) => this.bySymbol.set(s, g));
    model.geneIds.forEach((id, g) => this.byNcbiId.set(id, g));
    const aliasCount = new Map<string, number>();
    model.geneAliases.forEach((list) => list.forEach((a) => aliasCount.set(a, (aliasCount.get(a) ?? 0) + 1)));
    model.geneAliases.forEach((list, g) => list.forEach((a) => {
      if (aliasCount.get(a) === 1 && !this.bySymbol.has(a)) this.bySymbol.set(a, g);
    }));
    if (models) {
      for (const build of ['GRCh37', 'GRCh38'] as const) {
        const ix = models.transcripts[build];
        for (let t = 0; t < ix.size; t += 1) if (ix.ncbiGeneIds[t]) this.modelled[build].add(ix.ncbiGeneIds[t]!);
      }
    }
  }

  /** Whether transcript models are loaded (a snapshot of an older build has none). */
  get hasTranscriptModels(): boolean {
    return this.models !== undefined && (this.models.transcripts.GRCh37.size > 0 || this.models.transcripts.GRCh38.size > 0);
  }

  /** The transcript models of an assembly, when loaded. */
  transcriptIndex(build: GenomeBuild): TranscriptIndex | undefined {
    return this.models?.transcripts[build];
  }

  /** Whether ranker gene `g` has transcript models in this assembly. */
  hasModels(g: number, build: GenomeBuild): boolean {
    return this.modelled[build].has(this.model.geneIds[g]!);
  }

  /** The ranker's gene number of a symbol or unique alias (a listed variant without coordinates), else undefined. */
  geneIndexOf(symbol: string): number | undefined {
    return this.bySymbol.get(symbol) ?? this.bySymbol.get(symbol.toUpperCase());
  }

  /** The variant's location on every transcript model near it (input build coordinates): a listed HGVS is checked against them. */
  locationsAt(chrom: string, pos: number, ref: string, alt: string, build: GenomeBuild): TranscriptLocation[] {
    const ix = this.models?.transcripts[build];
    return ix ? locateVariant(ix, chrom, pos, ref, alt, []) : [];
  }

  /** What structural-annotation.ts needs to place a copy-number call in genes. */
  structuralContext() {
    return {
      model: this.model,
      transcripts: this.models?.transcripts,
      constraint: this.models?.constraint,
      liftover: this.liftover,
      locator: this.locator,
      byNcbiId: this.byNcbiId as ReadonlyMap<number, number>,
      hasModels: (g: number, b: GenomeBuild) => this.hasModels(g, b),
    };
  }

  annotate(c: VcfCall, build: GenomeBuild): AnnotationOutcome {
    let chrom = c.chrom;
    let pos = c.pos;
    let ref = c.ref;
    let alt = c.alt;
    if (build === 'GRCh37') {
      const lifted = this.liftover.liftVariant(c.chrom, c.pos, c.ref, c.alt);
      if (!lifted.ok) return { kind: 'unlifted', reason: lifted.reason };
      ({ chrom, pos, ref, alt } = lifted);
    }
    // Genes first: most records lie outside every scored gene, and need nothing else.
    const named = c.annotation?.symbol ? this.bySymbol.get(c.annotation.symbol) : undefined;
    const ix = this.models?.transcripts[build];
    let genes: number[];
    if (named !== undefined) genes = [named];
    else {
      genes = this.locator.overlapping(chrom, pos, pos + Math.max(ref.length, 1) - 1);
      // a gene whose transcript holds the variant, though its GRCh38 span is unknown or shorter
      if (ix && ix.near(c.chrom, c.pos, c.pos + Math.max(c.ref.length, 1) - 1, 0, this.scratch) > 0) {
        for (const t of this.scratch) {
          const g = this.byNcbiId.get(ix.ncbiGeneIds[t]!);
          if (g !== undefined && !genes.includes(g)) genes.push(g);
        }
      }
    }
    if (genes.length === 0) return OUTSIDE_GENES;
    const ncbiIds = genes.map((g) => this.model.geneIds[g]!);
    const perGene = ix ? mostSeverePerGene(locateVariant(ix, c.chrom, c.pos, c.ref, c.alt, this.scratch, ncbiIds)) : undefined;

    const key = `${chrom}:${pos}:${ref}:${alt}`;
    const clinvar = this.clinvar.find(chrom, pos, ref, alt);
    const near = this.clinvar.neighbourhood(chrom, pos, clinvar?.significance === 'pathogenic' || clinvar?.significance === 'likely_pathogenic', HOTSPOT_BP);
    const inputKey = `${c.chrom}:${c.pos}:${c.ref}:${c.alt}`;
    const placements: GenePlacement[] = [];
    for (const [k, g] of genes.entries()) {
      const ncbiId = ncbiIds[k]!;
      const location = perGene?.get(ncbiId);
      const constraint = this.models?.constraint.of(ncbiId);
      const variant: AnnotatedVariant = {
        key,
        inputKey,
        inputBuild: build,
        call: c.call,
        members: c.members,
        clinvar,
        annotation: c.annotation,
        location,
        constraint,
        assessment: assessVariant(clinvar, c.annotation, near, this.models ? { hasModels: this.hasModels(g, build), location, constraint } : undefined),
        line: c.line,
      };
      placements.push({ gene: g, variant });
    }
    return { kind: 'annotated', placements };
  }
}

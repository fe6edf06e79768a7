import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import { buildPedigree, type Pedigree } from '../case-input/pedigree.js';
import type { ListedVariant } from '../case-input/listed-variant.js';
import { normaliseAlleles } from './allele-normalisation.js';
import { hgvsDisagreement } from './hgvs-check.js';
import type { FamilyContext } from './family-samples.js';
import type { AlleleCall } from './genotype.js';
import type { MemberGenotype } from './member-genotypes.js';
import { GeneVariantCollector, type PatientVariants } from './patient-variants.js';
import { tierLR, type VariantAssessment } from './variant-pathogenicity.js';
import type { AnnotatedVariant, VariantAnnotator } from './variant-annotator.js';

/**
 * A lab's prioritized candidate list (no VCF) as the patient's variants: each entry is annotated like a VCF call
 * (lifted, placed in a gene, ClinVar, tier) when it has coordinates, or placed by its gene symbol when it has only a
 * gene and an HGVS description (no ClinVar match by HGVS offline: tier unknown). The ranker then weighs only these
 * candidates against the phenotype (`listed`: a gene the list does not name is not in contention).
 *
 * The lab's stated inheritance ("de novo", "maternal", "paternal") is the trio the lab sequenced: it becomes a
 * reported family (parents' calls implied by the statement, affected status unknown) so the same family checks
 * weigh it; "unknown" implies nothing. The lab's ACMG class raises a weaker tier to its own strength (a lab's
 * pathogenic as a 0-star ClinVar pathogenic, likely pathogenic likewise): a lab's class is reviewed evidence.
 */
export interface ListedLoad {
  variants: PatientVariants;
  /** entries not used, each naming where it came from and why */
  setAside: string[];
}

const ZYGOSITY: Record<string, AlleleCall> = {
  heterozygous: { copies: 1, zygosity: 'heterozygous' },
  'compound heterozygous': { copies: 1, zygosity: 'heterozygous' },
  mosaic: { copies: 1, zygosity: 'heterozygous' },
  homozygous: { copies: 2, zygosity: 'homozygous' },
  hemizygous: { copies: 1, zygosity: 'hemizygous' },
};

/** The parents' calls a lab's inheritance statement implies (father, mother), in GT text. */
const PARENTS: Record<string, [string, string]> = {
  'de novo': ['0/0', '0/0'],
  paternal: ['0/1', '0/0'],
  maternal: ['0/0', '0/1'],
  unknown: ['./.', './.'],
};

const REPORTED = { proband: 'proband', father: 'father (as reported)', mother: 'mother (as reported)' };

function reportedPedigree(): Pedigree {
  return buildPedigree(
    [
      { id: REPORTED.proband, familyId: 'report', fatherId: REPORTED.father, motherId: REPORTED.mother, sex: 'UNKNOWN_SEX', affected: 'affected' },
      { id: REPORTED.father, familyId: 'report', sex: 'MALE', affected: 'unknown' },
      { id: REPORTED.mother, familyId: 'report', sex: 'FEMALE', affected: 'unknown' },
    ],
    { probandId: REPORTED.proband, source: 'candidate list' },
  );
}

function member(sample: string, gt: string, copies?: number): MemberGenotype {
  const c = gt === './.' ? null : copies ?? gt.split('/').filter((a) => a === '1').length;
  return { sample, gt, copies: c, ploidy: 2 };
}

function withLabClass(a: VariantAssessment, v: ListedVariant): VariantAssessment {
  const lab = v.acmg === 'pathogenic' ? tierLR.clinvarPathogenic[0] : v.acmg === 'likely pathogenic' ? tierLR.clinvarLikelyPathogenic[0] : 0;
  if (lab <= a.lr || a.tier === 'benign') return a;
  return { tier: v.acmg === 'pathogenic' ? 'clinvar-pathogenic' : 'clinvar-likely-pathogenic', lr: lab, dominantFactor: a.dominantFactor, reasons: [...a.reasons, `the lab's class: ${v.acmg}`] };
}

export function loadListedVariants(list: readonly ListedVariant[], annotator: VariantAnnotator, defaultBuild: GenomeBuild = 'GRCh38'): ListedLoad {
  const collector = new GeneVariantCollector();
  const setAside: string[] = [];
  // messages about entries that were still used (the coordinates won over a gene or HGVS that disagrees)
  const used = new Set<number>();
  const stated = list.some((v) => v.inheritance !== undefined && v.inheritance !== 'unknown');
  let lifted = 0;
  let inGenes = 0;
  list.forEach((v, i) => {
    const call = ZYGOSITY[v.zygosity ?? 'heterozygous']!;
    const [fatherGt, motherGt] = PARENTS[v.inheritance ?? 'unknown']!;
    const members = stated ? [member(REPORTED.proband, call.copies >= 2 ? '1/1' : '0/1'), member(REPORTED.father, fatherGt), member(REPORTED.mother, motherGt)] : undefined;
    // each gene the variant is placed in, with the variant as annotated for that gene (its location on that gene's models)
    let placed: { gene: number; variant: AnnotatedVariant }[];
    const byGeneAndHgvs = (g: number, key: string): { gene: number; variant: AnnotatedVariant } => ({
      gene: g,
      variant: {
        key,
        inputKey: key,
        inputBuild: v.assembly ?? defaultBuild,
        call,
        ...(members ? { members } : {}),
        assessment: { tier: 'unknown', lr: tierLR.unknown, dominantFactor: 1, reasons: ['listed by gene and HGVS: no coordinates, so no ClinVar match'] },
        line: i + 1,
      },
    });
    if (v.chrom !== undefined && v.pos !== undefined && v.ref !== undefined && v.alt !== undefined) {
      const n = normaliseAlleles(v.pos, v.ref, v.alt);
      const build = v.assembly ?? defaultBuild;
      const outcome = annotator.annotate({ chrom: v.chrom, pos: n.pos, ref: n.ref, alt: n.alt, call, filter: 'PASS', line: i + 1, ...(members ? { members } : {}) }, build);
      if (outcome.kind === 'unlifted') {
        setAside.push(`${v.source}: ${v.chrom}:${v.pos}:${v.ref}:${v.alt} cannot be lifted to GRCh38 (${outcome.reason})`);
        return;
      }
      if (build === 'GRCh37') lifted += 1;
      const named = v.gene !== undefined ? annotator.geneIndexOf(v.gene) : undefined;
      placed = outcome.kind === 'annotated' ? outcome.placements.map((p) => ({ gene: p.gene, variant: p.variant })) : [];
      if (named !== undefined && placed.length && !placed.some((p) => p.gene === named)) {
        setAside.push(`${v.source}: gene ${v.gene} does not match the coordinates ${v.chrom}:${v.pos} (in another gene): the coordinates are used`);
        used.add(setAside.length - 1);
      }
      if (placed.length === 0 && named !== undefined) placed = [byGeneAndHgvs(named, `${v.chrom}:${n.pos}:${n.ref}:${n.alt}`)];
      const disagreement = hgvsDisagreement(v.hgvsC, v.transcript, v.gene, annotator.locationsAt(v.chrom, n.pos, n.ref, n.alt, build));
      if (disagreement) {
        setAside.push(`${v.source}: ${disagreement}: the coordinates are used`);
        used.add(setAside.length - 1);
      }
    } else {
      const g = annotator.geneIndexOf(v.gene!);
      if (g === undefined) {
        setAside.push(`${v.source}: gene ${v.gene} is not a gene of the knowledge snapshot`);
        return;
      }
      placed = [byGeneAndHgvs(g, `${v.gene}:${v.hgvsC ?? v.hgvsP ?? ''}`)];
    }
    if (placed.length === 0) {
      setAside.push(`${v.source}: ${v.chrom}:${v.pos}:${v.ref}:${v.alt} lies in no gene the ranker scores`);
      return;
    }
    inGenes += 1;
    for (const p of placed) collector.add(p.gene, { ...p.variant, assessment: withLabClass(p.variant.assessment, v) });
  });
  const family: FamilyContext | undefined = stated
    ? { pedigree: reportedPedigree(), memberIndex: new Map([[REPORTED.proband, 0], [REPORTED.father, 1], [REPORTED.mother, 2]]), setAside: [], calls: 0, apparentDeNovo: 0 }
    : undefined;
  const dropped = setAside.filter((_, k) => !used.has(k));
  return {
    variants: {
      byGene: collector.byGene,
      countByGene: collector.countByGene,
      listed: true,
      ...(family ? { family } : {}),
      summary: {
        file: 'candidate list',
        samples: ['proband'],
        sample: 'proband',
        build: defaultBuild,
        buildBasis: 'candidate list',
        annotations: [],
        records: list.length,
        passed: inGenes,
        dropped: dropped.length ? { 'set aside': dropped.length } : {},
        examples: dropped.length ? { 'set aside': dropped.slice(0, 3) } : {},
        lifted,
        unlifted: 0,
        unliftedByReason: {},
        unliftedExamples: [],
        inGenes,
      },
    },
    setAside,
  };
}

import type { CandidateListView, CandidateVariantView } from '../../../diagnosis/contract/api-schemas.js';

/**
 * A lab's candidate variants as the case page edits them: one row per variant with the fields a report gives (gene,
 * HGVS c. and p., transcript, zygosity, inheritance, the lab's class). Coordinates and the source line of an imported
 * row are kept as read (`kept`) and sent back unchanged.
 */
export interface VariantDraft {
  key: string;
  gene: string;
  hgvsC: string;
  hgvsP: string;
  transcript: string;
  zygosity: NonNullable<CandidateVariantView['zygosity']> | '';
  inheritance: NonNullable<CandidateVariantView['inheritance']> | '';
  acmg: NonNullable<CandidateVariantView['acmg']> | '';
  kept?: Pick<CandidateVariantView, 'chrom' | 'pos' | 'ref' | 'alt' | 'assembly' | 'source'>;
}

export interface CandidatesDraft {
  rows: VariantDraft[];
  source?: string;
}

export const zygosityLabels: Record<Exclude<VariantDraft['zygosity'], ''>, string> = {
  heterozygous: 'Heterozygous',
  homozygous: 'Homozygous',
  hemizygous: 'Hemizygous',
  'compound heterozygous': 'Compound heterozygous',
  mosaic: 'Mosaic',
};
export const inheritanceLabels: Record<Exclude<VariantDraft['inheritance'], ''>, string> = { 'de novo': 'De novo', maternal: 'Maternal', paternal: 'Paternal', unknown: 'Unknown' };
export const acmgLabels: Record<Exclude<VariantDraft['acmg'], ''>, string> = {
  pathogenic: 'Pathogenic',
  'likely pathogenic': 'Likely pathogenic',
  'uncertain significance': 'VUS (uncertain significance)',
  'likely benign': 'Likely benign',
  benign: 'Benign',
};

let counter = 0;
export const newVariantKey = () => `variant-${(counter += 1)}`;
export const emptyVariant = (): VariantDraft => ({ key: newVariantKey(), gene: '', hgvsC: '', hgvsP: '', transcript: '', zygosity: 'heterozygous', inheritance: '', acmg: '' });

export function candidatesDraftOf(list: CandidateListView | undefined): CandidatesDraft {
  if (!list) return { rows: [] };
  return {
    source: list.source,
    rows: list.variants.map((v, i) => {
      const kept = { chrom: v.chrom, pos: v.pos, ref: v.ref, alt: v.alt, assembly: v.assembly, source: v.source };
      const hasKept = Object.values(kept).some((x) => x !== undefined);
      return {
        key: `v${i}`,
        gene: v.gene ?? '',
        hgvsC: v.hgvsC ?? '',
        hgvsP: v.hgvsP ?? '',
        transcript: v.transcript ?? '',
        zygosity: v.zygosity ?? '',
        inheritance: v.inheritance ?? '',
        acmg: v.acmg ?? '',
        ...(hasKept ? { kept: Object.fromEntries(Object.entries(kept).filter(([, x]) => x !== undefined)) } : {}),
      };
    }),
  };
}

const HGVS_C = /^(?:(?:NM|NR|XM|XR|ENST|LRG)_?\d+(?:\.\d+)?(?:\([A-Za-z0-9-]+\))?:)?c\.[-*]?\d/;
const HGVS_P = /^(?:(?:NM|NR|XM|XR|ENST|LRG)_?\d+(?:\.\d+)?(?:\([A-Za-z0-9-]+\))?:)?p\.\(?[A-Z*]/;

/** Problems of one row, by field (the engine checks the same again when the list is saved). */
export function variantProblems(v: VariantDraft): Partial<Record<'gene' | 'hgvsC' | 'hgvsP' | 'row', string>> {
  const out: Partial<Record<'gene' | 'hgvsC' | 'hgvsP' | 'row', string>> = {};
  const coordinates = v.kept?.chrom !== undefined;
  if (v.hgvsC.trim() && !HGVS_C.test(v.hgvsC.trim())) out.hgvsC = 'HGVS c. starts with “c.”, e.g. c.1138G>A';
  if (v.hgvsP.trim() && !HGVS_P.test(v.hgvsP.trim())) out.hgvsP = 'HGVS p. starts with “p.”, e.g. p.Gly380Arg';
  if (!coordinates && !v.gene.trim()) out.gene = 'the gene symbol, e.g. FGFR3';
  if (!coordinates && !v.hgvsC.trim() && !v.hgvsP.trim()) out.row = 'give the HGVS c. or p. description';
  return out;
}

export function candidateProblems(d: CandidatesDraft): string[] {
  return d.rows.flatMap((v, i) => Object.values(variantProblems(v)).map((p) => `Variant ${i + 1}: ${p}.`));
}

/** The list as `cases.setCandidateVariants` takes it (an empty list removes it). */
export function candidatesRequest(d: CandidatesDraft, edited: boolean): { source?: string; variants: CandidateVariantView[] } {
  return {
    ...(d.source && !edited ? { source: d.source } : {}),
    variants: d.rows.map((v) => ({
      ...(v.kept ?? {}),
      ...(v.gene.trim() ? { gene: v.gene.trim() } : {}),
      ...(v.hgvsC.trim() ? { hgvsC: v.hgvsC.trim() } : {}),
      ...(v.hgvsP.trim() ? { hgvsP: v.hgvsP.trim() } : {}),
      ...(v.transcript.trim() ? { transcript: v.transcript.trim() } : {}),
      ...(v.zygosity ? { zygosity: v.zygosity } : {}),
      ...(v.inheritance ? { inheritance: v.inheritance } : {}),
      ...(v.acmg ? { acmg: v.acmg } : {}),
    })),
  };
}

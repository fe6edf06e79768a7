import { z } from 'zod';

/**
 * A candidate variant from a lab report's prioritized list (typed in the app, a CSV/TSV, the batch contract's
 * `candidateVariants`, a report phenopacket's genomicInterpretations, or a result sentence of a narrative). It has
 * coordinates, or a gene and an HGVS description, or both; the annotation step places it and checks that the two
 * agree. The lab's words for zygosity, inheritance and class are many: they are read here, once.
 */
export type ListedZygosity = 'heterozygous' | 'homozygous' | 'hemizygous' | 'compound heterozygous' | 'mosaic';
export type ListedInheritance = 'de novo' | 'maternal' | 'paternal' | 'unknown';
export type AcmgClassification = 'pathogenic' | 'likely pathogenic' | 'uncertain significance' | 'likely benign' | 'benign';

export interface ListedVariant {
  chrom?: string;
  pos?: number;
  ref?: string;
  alt?: string;
  assembly?: 'GRCh37' | 'GRCh38';
  gene?: string;
  transcript?: string;
  /** coding HGVS without the transcript ("c.1138G>A") */
  hgvsC?: string;
  /** protein HGVS ("p.Gly380Arg", "p.(G380R)") */
  hgvsP?: string;
  zygosity?: ListedZygosity;
  inheritance?: ListedInheritance;
  acmg?: AcmgClassification;
  /** where it was read (file:line, a field path), for messages */
  source: string;
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ').trim();

const ZYGOSITY: Record<string, ListedZygosity> = {
  het: 'heterozygous', heterozygous: 'heterozygous', heterozygote: 'heterozygous', '0/1': 'heterozygous', '0|1': 'heterozygous', '1|0': 'heterozygous',
  hom: 'homozygous', homozygous: 'homozygous', homozygote: 'homozygous', '1/1': 'homozygous', '1|1': 'homozygous',
  hemi: 'hemizygous', hemizygous: 'hemizygous', hemizygote: 'hemizygous', '1': 'hemizygous',
  'comp het': 'compound heterozygous', 'compound het': 'compound heterozygous', 'compound heterozygous': 'compound heterozygous', 'c het': 'compound heterozygous',
  mosaic: 'mosaic', 'somatic mosaic': 'mosaic',
};
const INHERITANCE: Record<string, ListedInheritance> = {
  'de novo': 'de novo', denovo: 'de novo', dn: 'de novo', 'de novo (confirmed)': 'de novo', 'de novo (assumed)': 'de novo',
  maternal: 'maternal', mat: 'maternal', 'maternally inherited': 'maternal', 'from mother': 'maternal', mother: 'maternal',
  paternal: 'paternal', pat: 'paternal', 'paternally inherited': 'paternal', 'from father': 'paternal', father: 'paternal',
  unknown: 'unknown', 'not tested': 'unknown', 'parents not tested': 'unknown', 'not determined': 'unknown', na: 'unknown', 'n/a': 'unknown', '': 'unknown',
};
const ACMG: Record<string, AcmgClassification> = {
  p: 'pathogenic', pathogenic: 'pathogenic', 'class 5': 'pathogenic', '5': 'pathogenic',
  lp: 'likely pathogenic', 'likely pathogenic': 'likely pathogenic', 'class 4': 'likely pathogenic', '4': 'likely pathogenic',
  vus: 'uncertain significance', vous: 'uncertain significance', 'uncertain significance': 'uncertain significance', 'variant of uncertain significance': 'uncertain significance', 'class 3': 'uncertain significance', '3': 'uncertain significance',
  lb: 'likely benign', 'likely benign': 'likely benign', 'class 2': 'likely benign', '2': 'likely benign',
  b: 'benign', benign: 'benign', 'class 1': 'benign', '1': 'benign',
};

export const readZygosity = (s: string): ListedZygosity | undefined => ZYGOSITY[squash(s)];
export const readInheritance = (s: string): ListedInheritance | undefined => INHERITANCE[squash(s)];
export const readAcmg = (s: string): AcmgClassification | undefined => ACMG[squash(s)];

const TRANSCRIPT = /^((?:NM|NR|XM|XR|ENST|LRG)_?\d+(?:\.\d+)?)(?:\([A-Za-z0-9-]+\))?:/;

/** "NM_000142.5(FGFR3):c.1138G>A", "c.1138G>A", "p.(Gly380Arg)" → its parts; undefined when it is none of these. */
export function splitHgvs(raw: string): { transcript?: string; c?: string; p?: string } | undefined {
  let text = raw.trim();
  let transcript: string | undefined;
  const t = TRANSCRIPT.exec(text);
  if (t) {
    transcript = t[1];
    text = text.slice(t[0].length).trim();
  }
  if (/^c\.[-*]?\d/.test(text)) return { transcript, c: text };
  if (/^p\.\(?[A-Z*]/.test(text)) return { transcript, p: text };
  return undefined;
}

const chromosome = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim().replace(/^chr/i, '').toUpperCase().replace(/^M$/, 'MT'))
  .pipe(z.string().regex(/^(?:[1-9]|1\d|2[0-2]|X|Y|MT)$/, 'a chromosome 1-22, X, Y or MT'));
const allele = z.string().trim().toUpperCase().pipe(z.string().regex(/^[ACGTN]+$/, 'bases A, C, G, T or N'));
const vocabulary = <T extends string>(read: (s: string) => T | undefined, what: string) =>
  z.string().transform((s, ctx) => {
    const v = read(s);
    if (v === undefined) ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is not a known ${what}` });
    return v as T;
  });

/** One entry of the batch contract's `candidateVariants` (and of the app's typed list). */
export const listedVariantSchema = z
  .object({
    chrom: chromosome.optional(),
    pos: z.number().int().positive().optional(),
    ref: allele.optional(),
    alt: allele.optional(),
    assembly: z.enum(['GRCh37', 'GRCh38']).optional(),
    gene: z.string().trim().min(1).optional(),
    transcript: z.string().trim().min(1).optional(),
    hgvs: z.string().trim().min(1).optional(),
    zygosity: vocabulary(readZygosity, 'zygosity (heterozygous, homozygous, hemizygous, compound heterozygous, mosaic)').optional(),
    inheritance: vocabulary(readInheritance, 'inheritance (de novo, maternal, paternal, unknown)').optional(),
    acmg: vocabulary(readAcmg, 'ACMG class (pathogenic, likely pathogenic, uncertain significance, likely benign, benign)').optional(),
  })
  .superRefine((v, ctx) => {
    const coordinates = [v.chrom, v.pos, v.ref, v.alt].filter((x) => x !== undefined).length;
    if (coordinates > 0 && coordinates < 4) ctx.addIssue({ code: 'custom', message: 'coordinates need all of chrom, pos, ref and alt' });
    if (coordinates === 4 && !v.assembly) ctx.addIssue({ code: 'custom', path: ['assembly'], message: 'coordinates need their assembly (GRCh37 or GRCh38)' });
    if (v.hgvs !== undefined && splitHgvs(v.hgvs) === undefined) ctx.addIssue({ code: 'custom', path: ['hgvs'], message: `"${v.hgvs.slice(0, 60)}" is not a c. or p. HGVS description` });
    if (coordinates === 0 && !(v.gene && v.hgvs)) ctx.addIssue({ code: 'custom', message: 'a variant needs coordinates (chrom, pos, ref, alt, assembly) or a gene and an HGVS description' });
  });

export type ListedVariantInput = z.input<typeof listedVariantSchema>;

/** Validates one entry; the error names the field (`source.field`). */
export function parseListedVariant(value: unknown, source: string): { ok: true; variant: ListedVariant } | { ok: false; error: string } {
  const parsed = listedVariantSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length ? `.${issue.path.join('.')}` : '';
    return { ok: false, error: `${source}${field}: ${issue.message}` };
  }
  const { hgvs, transcript, ...rest } = parsed.data;
  const parts = hgvs === undefined ? {} : splitHgvs(hgvs)!;
  const variant: ListedVariant = { ...rest, source };
  const tx = transcript ?? parts.transcript;
  if (tx) variant.transcript = tx;
  if (parts.c) variant.hgvsC = parts.c;
  if (parts.p) variant.hgvsP = parts.p;
  for (const k of Object.keys(variant) as (keyof ListedVariant)[]) if (variant[k] === undefined) delete variant[k];
  return { ok: true, variant };
}

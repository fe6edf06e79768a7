import { z } from 'zod';
import { parseListedVariant, type ListedVariant } from './listed-variant.js';

/**
 * A lab report written as a GA4GH Phenopacket v2: its `interpretations[].diagnosis.genomicInterpretations` are the
 * variants the lab lists (status CANDIDATE, CAUSATIVE, CONTRIBUTORY, REJECTED...). Read as a candidate list, this is the
 * report a clinician holds — never the truth of a benchmark case: only a file the user gives as the candidate list is
 * read this way. REJECTED entries are left out (the lab excluded them), and each kept entry is validated as a typed
 * row would be; what cannot be read is set aside naming its path in the file.
 */
const vcfRecord = z.object({ genomeAssembly: z.string().optional(), chrom: z.string(), pos: z.union([z.string(), z.number()]), ref: z.string(), alt: z.string() }).passthrough();
const descriptor = z
  .object({
    geneContext: z.object({ symbol: z.string().optional(), valueId: z.string().optional() }).passthrough().optional(),
    expressions: z.array(z.object({ syntax: z.string(), value: z.string() }).passthrough()).optional(),
    vcfRecord: vcfRecord.optional(),
    allelicState: z.object({ label: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
const genomicInterpretation = z
  .object({
    interpretationStatus: z.string().optional(),
    variantInterpretation: z.object({ acmgPathogenicityClassification: z.string().optional(), variationDescriptor: descriptor }).passthrough().optional(),
  })
  .passthrough();
const report = z.object({ interpretations: z.array(z.object({ diagnosis: z.object({ genomicInterpretations: z.array(z.unknown()).optional() }).passthrough().optional() }).passthrough()).min(1) }).passthrough();

/** Is this JSON value a phenopacket with interpretations (a report), rather than a list? */
export const looksLikeReport = (value: unknown): boolean => report.safeParse(value).success;

const ASSEMBLY: Record<string, 'GRCh37' | 'GRCh38'> = { grch37: 'GRCh37', hg19: 'GRCh37', grch38: 'GRCh38', hg38: 'GRCh38' };
const ACMG: Record<string, string> = {
  PATHOGENIC: 'pathogenic',
  LIKELY_PATHOGENIC: 'likely pathogenic',
  UNCERTAIN_SIGNIFICANCE: 'uncertain significance',
  LIKELY_BENIGN: 'likely benign',
  BENIGN: 'benign',
};

export function reportCandidates(value: unknown, source: string): { variants: ListedVariant[]; setAside: string[] } {
  const variants: ListedVariant[] = [];
  const setAside: string[] = [];
  const parsed = report.safeParse(value);
  if (!parsed.success) return { variants, setAside: [`${source}: no interpretations: not a report`] };
  parsed.data.interpretations.forEach((interpretation, i) => {
    (interpretation.diagnosis?.genomicInterpretations ?? []).forEach((raw, j) => {
      const where = `${source}: interpretations[${i}].diagnosis.genomicInterpretations[${j}]`;
      const g = genomicInterpretation.safeParse(raw);
      if (!g.success) return setAside.push(`${where}: ${g.error.issues[0]!.path.join('.')}: ${g.error.issues[0]!.message}: set aside`);
      if (g.data.interpretationStatus === 'REJECTED') return setAside.push(`${where}: REJECTED by the lab: left out`);
      const vi = g.data.variantInterpretation;
      if (!vi) return setAside.push(`${where}: no variantInterpretation (a gene alone is not a candidate variant): set aside`);
      const d = vi.variationDescriptor;
      const hgvsC = d.expressions?.find((e) => e.syntax === 'hgvs.c')?.value;
      const hgvsP = d.expressions?.find((e) => e.syntax === 'hgvs.p')?.value;
      const r = d.vcfRecord;
      const entry = {
        ...(r ? { chrom: r.chrom, pos: Number(r.pos), ref: r.ref, alt: r.alt, assembly: ASSEMBLY[(r.genomeAssembly ?? '').toLowerCase()] ?? r.genomeAssembly } : {}),
        ...(d.geneContext?.symbol ? { gene: d.geneContext.symbol } : {}),
        ...(hgvsC ?? hgvsP ? { hgvs: hgvsC ?? hgvsP } : {}),
        ...(d.allelicState?.label ? { zygosity: d.allelicState.label } : {}),
        ...(vi.acmgPathogenicityClassification && ACMG[vi.acmgPathogenicityClassification] ? { acmg: ACMG[vi.acmgPathogenicityClassification] } : {}),
      };
      const v = parseListedVariant(entry, where);
      if (v.ok) variants.push(v.variant);
      else setAside.push(`${v.error}: set aside`);
    });
  });
  return { variants, setAside };
}

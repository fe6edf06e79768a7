import { z } from 'zod';
import { normaliseHpoId } from './hpo-id.js';
import { durationToYears } from './iso8601-duration.js';
import type { Sex } from './case-findings.js';
import { pedigreePersonSchema, type PedigreePerson } from './phenopacket-family.js';

/**
 * A case for `rarediag diagnose`: any of a narrative, HPO terms (observed, or `{"id", "excluded": true}`), a VCF, and
 * demographics. A GA4GH phenopacket may be given instead of, or besides, the terms.
 */
/** An HPO id in any usual spelling (hpo-id.ts), read as HP:0001250. */
const hpo = z.string().transform(normaliseHpoId).pipe(z.string().regex(/^HP:\d{7}$/, 'an HPO id like HP:0001250'));
const term = z.union([hpo, z.object({ id: hpo, excluded: z.boolean().optional() })]);

export const caseFileSchema = z
  .object({
    id: z.string().min(1).optional(),
    // 'female' as well as the phenopacket's FEMALE: a case file is typed by hand
    sex: z.string().transform((v) => v.trim().toUpperCase()).pipe(z.enum(['MALE', 'FEMALE', 'OTHER_SEX', 'UNKNOWN_SEX'])).optional(),
    /** ISO 8601 duration (P6Y) or years */
    age: z.union([z.string(), z.number().nonnegative()]).optional(),
    narrative: z.string().optional(),
    hpo: z.array(term).optional(),
    excluded: z.array(hpo).optional(),
    vcf: z
      .union([
        z.string().min(1),
        z.object({
          path: z.string().min(1),
          sample: z.string().optional(),
          assembly: z.enum(['GRCh37', 'GRCh38']).optional(),
          /** relatives sequenced on their own: PED id → single-sample VCF (else the VCF is joint-called) */
          members: z.record(z.string().min(1), z.string().min(1)).optional(),
        }).strict(),
      ])
      .optional(),
    /** the family of the VCF's samples: a PED file, or a Phenopacket v2 Pedigree (`persons`) typed in the case */
    pedigree: z.union([z.string().min(1), z.object({ persons: z.array(pedigreePersonSchema).min(1), consanguineous: z.boolean().optional() }).strict()]).optional(),
    /** a lab's candidate variants instead of a VCF: a CSV/TSV file, or the entries themselves (as in `rank` wrapper lines) */
    candidates: z.union([z.string().min(1), z.array(z.unknown()).min(1)]).optional(),
  })
  .strict();

export type CaseFile = z.infer<typeof caseFileSchema>;

export interface NormalisedCase {
  id: string;
  sex?: Sex;
  ageYears?: number;
  narrative?: string;
  present: string[];
  excluded: string[];
  vcf?: { path: string; sample?: string; assembly?: 'GRCh37' | 'GRCh38'; members?: Record<string, string> };
  pedigree?: { path: string } | { persons: PedigreePerson[]; consanguineous?: boolean };
  candidates?: { path: string } | { entries: unknown[] };
}

export type CaseFileParse = { ok: true; value: NormalisedCase } | { ok: false; error: string };

export function parseCaseFile(value: unknown, fallbackId: string): CaseFileParse {
  const parsed = caseFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `field ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const c = parsed.data;
  if (!c.narrative?.trim() && !c.hpo?.length && !c.vcf && !c.candidates) return { ok: false, error: 'the case has no narrative, no HPO terms, no VCF and no candidate variants' };
  if (c.pedigree && !c.vcf) return { ok: false, error: "field pedigree: a pedigree needs the family's VCF (field vcf)" };
  if (c.candidates && c.vcf) return { ok: false, error: 'fields vcf and candidates: give a VCF or a candidate list, not both' };
  if (typeof c.vcf === 'object' && c.vcf.members && !c.pedigree) return { ok: false, error: "field vcf.members: relatives' VCFs need the family's pedigree (field pedigree)" };
  const ageYears = typeof c.age === 'number' ? c.age : c.age ? durationToYears(c.age) : undefined;
  if (typeof c.age === 'string' && ageYears === undefined) return { ok: false, error: `field age: "${c.age}" is not an ISO 8601 duration like P6Y` };
  const terms = c.hpo ?? [];
  return {
    ok: true,
    value: {
      id: c.id ?? fallbackId,
      sex: c.sex,
      ageYears,
      narrative: c.narrative,
      present: terms.filter((t) => typeof t === 'string' || !t.excluded).map((t) => (typeof t === 'string' ? t : t.id)),
      excluded: [...terms.filter((t) => typeof t !== 'string' && t.excluded).map((t) => (t as { id: string }).id), ...(c.excluded ?? [])],
      vcf: typeof c.vcf === 'string' ? { path: c.vcf } : c.vcf,
      ...(c.pedigree ? { pedigree: typeof c.pedigree === 'string' ? { path: c.pedigree } : c.pedigree } : {}),
      ...(c.candidates ? { candidates: typeof c.candidates === 'string' ? { path: c.candidates } : { entries: c.candidates } } : {}),
    },
  };
}

import { z } from 'zod';
import type { CaseFindings, Sex } from './case-findings.js';
import { durationToYears } from './iso8601-duration.js';

/**
 * The part of a GA4GH Phenopacket v2 the ranker reads: phenotypicFeatures (with `excluded`) and subject sex / age.
 * `interpretations` and `diseases` are deliberately not part of this schema: they are the answer, never input.
 */
const ontologyClass = z.object({ id: z.string().min(1), label: z.string().optional() });

const timeElement = z
  .object({ age: z.object({ iso8601duration: z.string() }).partial().optional() })
  .passthrough()
  .optional();

export const phenopacketInputSchema = z
  .object({
    id: z.string().min(1),
    subject: z
      .object({
        id: z.string().optional(),
        sex: z.enum(['MALE', 'FEMALE', 'OTHER_SEX', 'UNKNOWN_SEX']).optional(),
        timeAtLastEncounter: timeElement,
      })
      .passthrough()
      .optional(),
    phenotypicFeatures: z
      .array(z.object({ type: ontologyClass, excluded: z.boolean().optional() }).passthrough())
      .optional(),
  })
  .passthrough();

export type PhenopacketInput = z.infer<typeof phenopacketInputSchema>;

export type ParsedCase = { ok: true; findings: CaseFindings; extra: Record<string, unknown> } | { ok: false; id?: string; error: string };

/**
 * Accepts a phenopacket object or a wrapper `{"phenopacket": {...}, ...}` (other wrapper fields are returned in
 * `extra`, e.g. a `vcf` path). Errors name the offending field.
 */
export function parsePhenopacketCase(value: unknown): ParsedCase {
  let packet = value;
  let extra: Record<string, unknown> = {};
  if (value && typeof value === 'object' && 'phenopacket' in value && typeof (value as { phenopacket: unknown }).phenopacket === 'object') {
    const { phenopacket, ...rest } = value as { phenopacket: unknown } & Record<string, unknown>;
    packet = phenopacket;
    extra = rest;
  }
  const parsed = phenopacketInputSchema.safeParse(packet);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const id = typeof (packet as { id?: unknown } | null)?.id === 'string' ? (packet as { id: string }).id : undefined;
    return { ok: false, id, error: `invalid phenopacket: field ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const p = parsed.data;
  const features = p.phenotypicFeatures ?? [];
  const age = p.subject?.timeAtLastEncounter?.age?.iso8601duration;
  const findings: CaseFindings = {
    id: p.id,
    present: features.filter((f) => !f.excluded).map((f) => f.type.id),
    excluded: features.filter((f) => f.excluded).map((f) => f.type.id),
    sex: p.subject?.sex as Sex | undefined,
    ageYears: age ? durationToYears(age) : undefined,
  };
  return { ok: true, findings, extra };
}

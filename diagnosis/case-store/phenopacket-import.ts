import { z } from 'zod';
import { phenopacketInputSchema } from '../case-input/phenopacket-input.js';
import { CaseInputError } from './case-errors.js';
import { diseaseId, hpoId, isoAge, parseInput, type NewCaseInput } from './case-inputs.js';

/**
 * Import of a GA4GH Phenopacket v2 as a new case. The ranker's schema (diagnosis/case-input/phenopacket-input.ts) is
 * tightened for a stored record: features need an HPO id and a label, the schema version must be 2.x, and a SOLVED
 * interpretation is read as the final diagnosis (a record from another centre carries its answer).
 */
const ontologyClass = <T extends z.ZodType<string, string>>(id: T) => z.object({ id, label: z.string().trim().min(1) });

export const phenopacketImportSchema = phenopacketInputSchema.extend({
  subject: z
    .object({
      id: z.string().optional(),
      sex: z.enum(['MALE', 'FEMALE', 'OTHER_SEX', 'UNKNOWN_SEX']).optional(),
      dateOfBirth: z.iso.datetime({ offset: true }).optional(),
      // only an age is read; a gestational age or an ontology class stays in the source file
      timeAtLastEncounter: z.object({ age: z.object({ iso8601duration: isoAge }).optional() }).passthrough().optional(),
    })
    .passthrough()
    .optional(),
  phenotypicFeatures: z.array(z.object({ type: ontologyClass(hpoId), excluded: z.boolean().optional() }).passthrough()).optional(),
  interpretations: z
    .array(
      z
        .object({
          id: z.string().min(1),
          progressStatus: z.enum(['UNKNOWN_PROGRESS', 'IN_PROGRESS', 'COMPLETED', 'SOLVED', 'UNSOLVED']).optional(),
          diagnosis: z.object({ disease: ontologyClass(diseaseId) }).passthrough().optional(),
        })
        .passthrough(),
    )
    .optional(),
  metaData: z
    .object({ phenopacketSchemaVersion: z.string().regex(/^2(\.\d+)*$/, 'expected 2.0: only GA4GH Phenopacket v2 is read') })
    .passthrough(),
});

export interface ImportedCase {
  /** the phenopacket's own id, kept in the audit log */
  phenopacketId: string;
  newCase: NewCaseInput;
  finalDiagnosis: { id: string; label: string; interpretationId: string } | null;
}

/** Validates a phenopacket (or a `{"phenopacket": ...}` wrapper) and turns it into a new case. */
export function phenopacketToCase(value: unknown): ImportedCase {
  const packet = value && typeof value === 'object' && 'phenopacket' in value ? (value as { phenopacket: unknown }).phenopacket : value;
  const p = parseInput(phenopacketImportSchema, packet);
  const features = p.phenotypicFeatures ?? [];
  const seen = new Map<string, number>();
  features.forEach((f, i) => {
    const first = seen.get(f.type.id);
    if (first !== undefined) throw new CaseInputError(`phenotypicFeatures.${i}.type.id`, `${f.type.id} is already listed as feature ${first}`);
    seen.set(f.type.id, i);
  });
  const solved = (p.interpretations ?? []).find((i) => i.progressStatus === 'SOLVED' && i.diagnosis);
  return {
    phenopacketId: p.id,
    newCase: {
      label: (p.subject?.id || p.id).slice(0, 200),
      sex: p.subject?.sex ?? 'UNKNOWN_SEX',
      dateOfBirth: p.subject?.dateOfBirth ? p.subject.dateOfBirth.slice(0, 10) : undefined,
      age: p.subject?.timeAtLastEncounter?.age?.iso8601duration,
      findings: features.map((f) => ({ hpoId: f.type.id, label: f.type.label, status: f.excluded ? 'excluded' : 'present', source: 'typed' })),
    },
    finalDiagnosis: solved?.diagnosis ? { id: solved.diagnosis.disease.id, label: solved.diagnosis.disease.label, interpretationId: solved.id } : null,
  };
}

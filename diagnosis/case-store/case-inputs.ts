import { z } from 'zod';
import { normaliseHpoId } from '../case-input/hpo-id.js';
import { CaseInputError } from './case-errors.js';

/**
 * What callers may give the store, validated with zod at the boundary: the Electron IPC handlers and the HTTP server
 * pass untrusted JSON straight through, and the store answers with a CaseInputError naming the field.
 */

/** An HPO id in any usual spelling ("hp:0001250", "HP_0001250", an OBO PURL), stored as HP:0001250. */
export const hpoId = z.string().transform(normaliseHpoId).pipe(z.string().regex(/^HP:\d{7}$/, 'expected an HPO id such as HP:0001250'));
/** OMIM:123456, ORPHA:558, MONDO:0007947, DECIPHER:1 */
export const diseaseId = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9_.-]+$/, 'expected a disease id such as OMIM:154700 or ORPHA:558');
const sex = z.enum(['MALE', 'FEMALE', 'OTHER_SEX', 'UNKNOWN_SEX']);
/** ISO 8601 duration, years to days (phenopacket ages): P6Y, P1Y6M, P3W, P10D */
export const isoAge = z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/, 'expected an ISO 8601 duration such as P6Y or P1Y6M');
const text = (max: number) => z.string().trim().min(1).max(max);

export const demographicsInput = z.strictObject({
  sex: sex.optional(),
  dateOfBirth: z.iso.date().nullable().optional(),
  age: isoAge.nullable().optional(),
});

export const narrativeInput = z.strictObject({
  text: text(1_000_000),
  source: text(200),
});

export const findingInput = z
  .strictObject({
    hpoId,
    label: text(500),
    status: z.enum(['present', 'excluded', 'uncertain']),
    source: z.enum(['typed', 'extracted', 'llm-accepted']),
    /** for extracted findings (required) and accepted LLM proposals (optional): where in which narrative */
    span: z
      .strictObject({
        /** left out when recorded with addNarrative: the new narrative */
        narrativeId: z.number().int().positive().optional(),
        start: z.number().int().nonnegative(),
        end: z.number().int().positive(),
        /** checked against the narrative when given */
        text: z.string().optional(),
      })
      .refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] })
      .optional(),
    /** for llm-accepted findings: the model that proposed it */
    proposedBy: text(200).optional(),
  })
  .refine((f) => f.source !== 'extracted' || f.span, { message: 'an extracted finding needs its span', path: ['span'] });

export const newCaseInput = z.strictObject({
  label: text(200),
  ...demographicsInput.shape,
  indication: text(10_000).optional(),
  referrer: text(500).optional(),
  narratives: z.array(narrativeInput).optional(),
  /** typed findings only: an extracted finding refers to a narrative id that does not exist yet */
  findings: z.array(findingInput).optional(),
  notes: z.array(text(100_000)).optional(),
});

export const casePatchInput = z.strictObject({
  label: text(200).optional(),
  ...demographicsInput.shape,
  /** null clears */
  indication: text(10_000).nullable().optional(),
  referrer: text(500).nullable().optional(),
});

export const vcfInput = z.strictObject({
  path: text(4096),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex sha256'),
  sample: text(200).optional(),
  build: z.enum(['GRCh37', 'GRCh38']).optional(),
  summary: z.record(z.string(), z.unknown()).optional(),
});

const jsonObject = z.record(z.string(), z.unknown());

export const runInput = z
  .strictObject({
    kind: z.enum(['manual', 'reanalysis']).optional(),
    snapshotId: text(200),
    /** when the local LLM took part: its id and the hardware it ran on */
    modelId: text(200).optional(),
    hardware: jsonObject.optional(),
    inputs: z.unknown(),
    parameters: jsonObject.optional(),
    results: z.unknown(),
    /** candidate disease ids, best first */
    topCandidates: z.array(diseaseId),
    /** the leading candidate's name (the case list shows it) */
    topLabel: text(500).optional(),
    timings: z.record(z.string(), z.number().nonnegative()).optional(),
    startedAt: z.iso.datetime().optional(),
    finishedAt: z.iso.datetime().optional(),
  })
  .refine((r) => !r.modelId || r.hardware, { message: 'a run with a model must say which hardware ran it', path: ['hardware'] })
  .refine((r) => r.inputs !== undefined && r.results !== undefined, { message: 'inputs and results are required', path: ['results'] });

const candidateKinds = ['accept', 'reject', 'exclude', 'final-diagnosis'];

export const decisionInput = z
  .strictObject({
    kind: z.enum(['accept', 'reject', 'exclude', 'final-diagnosis', 'mark-solved', 'mark-unsolved', 'reopen', 'close']),
    candidateId: diseaseId.optional(),
    candidateLabel: text(500).optional(),
    runId: z.number().int().positive().optional(),
    note: z.string().max(100_000).optional(),
    /** final diagnosis only */
    gene: text(50).optional(),
    variant: text(500).optional(),
    classification: z.enum(['pathogenic', 'likely-pathogenic', 'uncertain-significance', 'likely-benign', 'benign']).optional(),
    certainty: z.enum(['confirmed', 'probable', 'possible']).optional(),
  })
  .refine((d) => !candidateKinds.includes(d.kind) || d.candidateId, {
    message: 'accept, reject, exclude and final-diagnosis need the candidate id',
    path: ['candidateId'],
  })
  .refine((d) => candidateKinds.includes(d.kind) || !d.candidateId, {
    message: 'only accept, reject, exclude and final-diagnosis name a candidate',
    path: ['candidateId'],
  })
  // a clinician who rules a candidate out says why: the report and a later reader need the reason
  .refine((d) => !['reject', 'exclude'].includes(d.kind) || (d.note ?? '').trim().length > 0, { message: 'say why the candidate is rejected or excluded', path: ['note'] })
  .refine((d) => d.kind === 'final-diagnosis' || (!d.gene && !d.variant && !d.classification && !d.certainty), {
    message: 'gene, variant, classification and certainty belong to a final diagnosis',
    path: ['kind'],
  })
  .refine((d) => !d.classification || d.variant, { message: 'a classification is of a variant: give the variant', path: ['classification'] })
  // the label is what a phenopacket export and a report print
  .refine((d) => d.kind !== 'final-diagnosis' || d.candidateLabel, { message: 'a final diagnosis needs its label', path: ['candidateLabel'] });

/** Settings kept with the cases (e.g. "report": the institution and clinician of the report header). */
export const settingInput = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,49}$/, 'a setting key such as "report"'),
  value: z.record(z.string(), z.unknown()),
});

export const noteInput = z.strictObject({ text: text(100_000) });

/** A member id as PED files and VCF sample names have them: no spaces (a PED line is split on them). */
const memberId = z.string().trim().min(1).max(100).regex(/^\S+$/, 'an id without spaces, as the VCF names the sample');

export const pedigreeMemberInput = z.strictObject({
  id: memberId,
  sex,
  affected: z.enum(['affected', 'unaffected', 'unknown']),
  fatherId: memberId.optional(),
  motherId: memberId.optional(),
  proband: z.boolean().optional(),
});

/** A case's family, replaced as a whole; exactly one member is the proband. */
export const pedigreeInput = z
  .strictObject({
    familyId: text(100).regex(/^\S+$/, 'a family id without spaces').optional(),
    members: z.array(pedigreeMemberInput).min(1, 'a family has at least the proband').max(500),
    consanguineous: z.boolean().optional(),
    source: text(500),
  })
  .refine((p) => p.members.filter((m) => m.proband).length === 1, { message: 'mark exactly one member as the proband', path: ['members'] });

/** One variant of a lab's list, in the vocabulary of case-input/listed-variant.ts (read there; checked in the store). */
export const candidateVariantInput = z.strictObject({
  gene: text(50).optional(),
  hgvsC: text(500).optional(),
  hgvsP: text(500).optional(),
  transcript: text(100).optional(),
  chrom: z.union([z.string(), z.number()]).optional(),
  pos: z.number().int().positive().optional(),
  ref: text(1000).optional(),
  alt: text(1000).optional(),
  assembly: z.enum(['GRCh37', 'GRCh38']).optional(),
  zygosity: z.enum(['heterozygous', 'homozygous', 'hemizygous', 'compound heterozygous', 'mosaic']).optional(),
  inheritance: z.enum(['de novo', 'maternal', 'paternal', 'unknown']).optional(),
  acmg: z.enum(['pathogenic', 'likely pathogenic', 'uncertain significance', 'likely benign', 'benign']).optional(),
  /** where the row came from: "typed", a file:line */
  source: text(600).optional(),
});

export const candidateListInput = z.strictObject({
  source: text(500),
  variants: z.array(candidateVariantInput).max(10_000),
});

export type NewCaseInput = z.input<typeof newCaseInput>;
export type ParsedFinding = z.output<typeof findingInput>;
export type CasePatchInput = z.input<typeof casePatchInput>;
export type NarrativeInput = z.input<typeof narrativeInput>;
export type FindingInput = z.input<typeof findingInput>;
export type VcfInput = z.input<typeof vcfInput>;
export type RunInput = z.input<typeof runInput>;
export type DecisionInput = z.input<typeof decisionInput>;
export type NoteInput = z.input<typeof noteInput>;
export type SettingInput = z.input<typeof settingInput>;
export type PedigreeInput = z.input<typeof pedigreeInput>;
export type CandidateVariantInput = z.input<typeof candidateVariantInput>;
export type CandidateListInput = z.input<typeof candidateListInput>;

/** Parses with a schema; the first issue becomes a CaseInputError naming the field (prefixed with `where`). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = ''): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = [where, ...issue.path.map(String)].filter(Boolean).join('.');
  return fail(path || '(root)', issue.message);
}

function fail(field: string, message: string): never {
  throw new CaseInputError(field, message);
}

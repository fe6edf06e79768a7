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
    /** the patient's files (PhEval's testdata names the VCF here: uri and fileAttributes.genomeAssembly) */
    files: z
      .array(z.object({ uri: z.string().min(1), fileAttributes: z.record(z.string(), z.string()).optional() }).passthrough())
      .optional(),
  })
  .passthrough();

export type PhenopacketInput = z.infer<typeof phenopacketInputSchema>;

/** The VCF a phenopacket names in `files` (fileFormat "vcf", any case), as written there. */
export interface PhenopacketVcf {
  uri: string;
  /** GRCh37 or GRCh38 (hg19 and hg38 are read as these) */
  assembly?: 'GRCh37' | 'GRCh38';
}

export type ParsedCase =
  | { ok: true; findings: CaseFindings; extra: Record<string, unknown>; vcf?: PhenopacketVcf }
  | { ok: false; id?: string; error: string };

const assemblies: Record<string, 'GRCh37' | 'GRCh38'> = { grch37: 'GRCh37', hg19: 'GRCh37', grch38: 'GRCh38', hg38: 'GRCh38' };

/** The first VCF among a phenopacket's files, or an error naming the field (PhEval accepts these four assembly names). */
function phenopacketVcf(files: NonNullable<PhenopacketInput['files']>): { vcf?: PhenopacketVcf; error?: string } {
  const i = files.findIndex((f) => (f.fileAttributes?.['fileFormat'] ?? '').toLowerCase() === 'vcf');
  if (i < 0) return {};
  const f = files[i]!;
  if (!/\.vcf(\.gz)?$/i.test(f.uri)) return { error: `invalid phenopacket: field files.${i}.uri: a VCF must end in .vcf or .vcf.gz, found "${f.uri.slice(-40)}"` };
  const given = f.fileAttributes?.['genomeAssembly'];
  if (given === undefined) return { vcf: { uri: f.uri } };
  const assembly = assemblies[given.toLowerCase()];
  if (!assembly) return { error: `invalid phenopacket: field files.${i}.fileAttributes.genomeAssembly: "${given}" is not GRCh37, hg19, GRCh38 or hg38` };
  return { vcf: { uri: f.uri, assembly } };
}

/**
 * Accepts a phenopacket object or a wrapper `{"phenopacket": {...}, ...}` (other wrapper fields are returned in
 * `extra`, e.g. a `vcf` path), and the VCF the phenopacket itself names in `files`. Errors name the offending field.
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
  const file = p.files ? phenopacketVcf(p.files) : {};
  if (file.error) return { ok: false, id: p.id, error: file.error };
  const features = p.phenotypicFeatures ?? [];
  const age = p.subject?.timeAtLastEncounter?.age?.iso8601duration;
  const findings: CaseFindings = {
    id: p.id,
    present: features.filter((f) => !f.excluded).map((f) => f.type.id),
    excluded: features.filter((f) => f.excluded).map((f) => f.type.id),
    sex: p.subject?.sex as Sex | undefined,
    ageYears: age ? durationToYears(age) : undefined,
  };
  return { ok: true, findings, extra, ...(file.vcf ? { vcf: file.vcf } : {}) };
}

import { z } from 'zod';
import { buildPedigree, PedigreeError, type AffectedStatus, type Pedigree, type PedigreeMember } from './pedigree.js';

/**
 * GA4GH Phenopacket v2 `Family`: the proband's phenopacket, relatives' phenopackets, `consanguinousParents` (the
 * schema's spelling) and a `pedigree` of PED-like `persons`. Read into the same Pedigree as a PED file; written back
 * from it, so a family round-trips.
 */
const sex = z.enum(['UNKNOWN_SEX', 'FEMALE', 'MALE', 'OTHER_SEX']);
const affectedStatus = z.enum(['MISSING', 'UNAFFECTED', 'AFFECTED']);

export const pedigreePersonSchema = z
  .object({
    familyId: z.string().min(1),
    individualId: z.string().min(1),
    // proto3 JSON leaves out empty strings; "0" is PED's "no parent"
    paternalId: z.string().optional(),
    maternalId: z.string().optional(),
    sex: sex.optional(),
    affectedStatus: affectedStatus.optional(),
  })
  .passthrough();

export const familySchema = z
  .object({
    id: z.string().min(1),
    proband: z.object({ id: z.string().optional(), subject: z.object({ id: z.string().min(1) }).passthrough() }).passthrough(),
    relatives: z.array(z.unknown()).optional(),
    consanguinousParents: z.boolean().optional(),
    pedigree: z.object({ persons: z.array(pedigreePersonSchema).min(1) }).passthrough(),
    metaData: z.object({}).passthrough(),
  })
  .passthrough();

export type PedigreePerson = z.infer<typeof pedigreePersonSchema>;

const AFFECTED: Record<z.infer<typeof affectedStatus>, AffectedStatus> = { MISSING: 'unknown', UNAFFECTED: 'unaffected', AFFECTED: 'affected' };
const STATUS: Record<AffectedStatus, z.infer<typeof affectedStatus>> = { unknown: 'MISSING', unaffected: 'UNAFFECTED', affected: 'AFFECTED' };
const parent = (id: string | undefined) => (id === undefined || id === '' || id === '0' ? undefined : id);

export function personsToMembers(persons: PedigreePerson[], field = 'pedigree.persons'): PedigreeMember[] {
  return persons.map((p, i) => ({
    id: p.individualId,
    familyId: p.familyId,
    ...(parent(p.paternalId) ? { fatherId: parent(p.paternalId) } : {}),
    ...(parent(p.maternalId) ? { motherId: parent(p.maternalId) } : {}),
    sex: p.sex ?? 'UNKNOWN_SEX',
    affected: AFFECTED[p.affectedStatus ?? 'MISSING'],
    source: `${field}.${i}`,
  }));
}

export function membersToPersons(pedigree: Pedigree): PedigreePerson[] {
  return pedigree.members.map((m) => ({
    familyId: m.familyId,
    individualId: m.id,
    paternalId: m.fatherId ?? '0',
    maternalId: m.motherId ?? '0',
    sex: m.sex,
    affectedStatus: STATUS[m.affected],
  }));
}

export type FamilyParse = { ok: true; proband: unknown; pedigree: Pedigree } | { ok: false; error: string };

/** Is this value a Family (rather than a single phenopacket)? */
export const looksLikeFamily = (value: unknown): boolean =>
  !!value && typeof value === 'object' && 'proband' in value && 'pedigree' in value;

/** A Family → the proband's phenopacket (ranked as usual) and the pedigree; errors name the field. */
export function parseFamily(value: unknown): FamilyParse {
  const parsed = familySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `invalid family: field ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const f = parsed.data;
  try {
    const pedigree = buildPedigree(personsToMembers(f.pedigree.persons), {
      probandId: f.proband.subject.id,
      consanguineous: f.consanguinousParents,
      source: 'pedigree',
    });
    return { ok: true, proband: f.proband, pedigree };
  } catch (err) {
    if (err instanceof PedigreeError) return { ok: false, error: `invalid family: ${err.message}` };
    throw err;
  }
}

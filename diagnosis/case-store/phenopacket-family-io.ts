import { looksLikeFamily, membersToPersons, parseFamily, type PedigreePerson } from '../case-input/phenopacket-family.js';
import type { Pedigree } from '../case-input/pedigree.js';
import { CaseInputError } from './case-errors.js';
import type { PedigreeInput } from './case-inputs.js';
import type { CaseDetail } from './case-types.js';
import { pedigreeOf } from './family-records.js';
import { caseToPhenopacket, type PhenopacketV2, type ResourceVersions } from './phenopacket-export.js';

/**
 * A case with a family as a GA4GH Phenopacket v2 `Family` and back (case-input/phenopacket-family.ts has the schema):
 * the case's phenopacket as the proband (its subject id the proband's member id, which the pedigree's persons name),
 * the stored consanguinity as `consanguinousParents` (the schema's spelling) and the members as `pedigree.persons`.
 * Relatives' own phenopackets are not kept by the store, so `relatives` is empty.
 */
export interface PhenopacketFamilyV2 {
  id: string;
  proband: PhenopacketV2;
  relatives: [];
  consanguinousParents: boolean;
  pedigree: { persons: PedigreePerson[] };
  metaData: PhenopacketV2['metaData'];
}

export function caseToFamily(detail: CaseDetail, meta: { created: string; createdBy: string; versions?: ResourceVersions }): PhenopacketFamilyV2 | null {
  const stored = detail.pedigree;
  if (!stored) return null;
  const pedigree = pedigreeOf(stored);
  const proband = caseToPhenopacket(detail, meta);
  return {
    id: `${detail.case.id}-family`,
    proband: { ...proband, subject: { ...proband.subject, id: pedigree.probandId } },
    relatives: [],
    consanguinousParents: stored.consanguineous,
    pedigree: { persons: membersToPersons(pedigree) },
    metaData: proband.metaData,
  };
}

export { looksLikeFamily };

/** A Family document → the proband's phenopacket (imported as the case) and the family to store with it. */
export function familyToCase(value: unknown): { proband: unknown; familyId: string; pedigree: PedigreeInput } {
  const parsed = parseFamily(value);
  if (!parsed.ok) throw new CaseInputError('family', parsed.error.replace(/^invalid family: /, ''));
  const id = (value as { id: string }).id;
  return { proband: parsed.proband, familyId: id, pedigree: pedigreeInputOf(parsed.pedigree, `phenopacket Family ${id}`) };
}

function pedigreeInputOf(p: Pedigree, source: string): PedigreeInput {
  return {
    familyId: p.familyId.replace(/\s+/g, '_').slice(0, 100),
    consanguineous: p.consanguineous,
    source: source.slice(0, 500),
    members: p.members.map((m) => ({
      id: m.id,
      sex: m.sex,
      affected: m.affected,
      ...(m.fatherId ? { fatherId: m.fatherId } : {}),
      ...(m.motherId ? { motherId: m.motherId } : {}),
      proband: m.id === p.probandId,
    })),
  };
}

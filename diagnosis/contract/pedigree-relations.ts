import type { PedigreeMemberView } from './api-schemas.js';

/**
 * Each member's relation to the proband, worded for the case page, the results and the report alike: proband,
 * father, mother, full sibling (both parents shared), half-sibling, child, or relative.
 */
export type Relation = 'proband' | 'father' | 'mother' | 'sibling' | 'half-sibling' | 'child' | 'relative';

export function relationsToProband(members: readonly PedigreeMemberView[]): Map<string, Relation> {
  const out = new Map<string, Relation>();
  const proband = members.find((m) => m.proband);
  for (const m of members) {
    if (!proband) out.set(m.id, 'relative');
    else if (m.id === proband.id) out.set(m.id, 'proband');
    else if (m.id === proband.fatherId) out.set(m.id, 'father');
    else if (m.id === proband.motherId) out.set(m.id, 'mother');
    else if (m.fatherId === proband.id || m.motherId === proband.id) out.set(m.id, 'child');
    else {
      const sharedFather = !!m.fatherId && m.fatherId === proband.fatherId;
      const sharedMother = !!m.motherId && m.motherId === proband.motherId;
      out.set(m.id, sharedFather && sharedMother ? 'sibling' : sharedFather || sharedMother ? 'half-sibling' : 'relative');
    }
  }
  return out;
}

export const affectedWords: Record<PedigreeMemberView['affected'], string> = { affected: 'affected', unaffected: 'unaffected', unknown: 'status unknown' };
export const memberSexWords: Record<PedigreeMemberView['sex'], string> = { MALE: 'male', FEMALE: 'female', OTHER_SEX: 'other', UNKNOWN_SEX: 'unknown' };

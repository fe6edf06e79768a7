import type { ApiRequest } from '../../../diagnosis/contract/api.js';
import type { PedigreeMemberView, PedigreeView } from '../../../diagnosis/contract/api-schemas.js';
import { relationsToProband } from '../../../diagnosis/contract/pedigree-relations.js';

/**
 * The family as the case page edits it: one row per member with their relation to the proband, from which the parent
 * links are made when it is saved (the proband's and the siblings' parents are the rows marked father and mother; a
 * child's parent is the proband). Links the rows cannot express (a grandparent from a PED file) are kept as read.
 */
export type EditedRelation = 'proband' | 'father' | 'mother' | 'sibling' | 'child' | 'other';

export interface MemberDraft {
  key: string;
  id: string;
  relation: EditedRelation;
  sex: PedigreeMemberView['sex'];
  affected: PedigreeMemberView['affected'];
  /** parents as stored, for members whose relation does not give them (other relatives, the parents themselves) */
  fatherId?: string;
  motherId?: string;
}

export interface FamilyDraft {
  members: MemberDraft[];
  consanguineous: boolean;
  familyId?: string;
  /** where the stored family came from (a PED file keeps its name until the family is edited) */
  source?: string;
}

export const relationLabels: Record<EditedRelation, string> = { proband: 'Proband', father: 'Father', mother: 'Mother', sibling: 'Sibling', child: 'Child', other: 'Other relative' };

let counter = 0;
export const newMemberKey = () => `member-${(counter += 1)}`;

export function familyDraftOf(p: PedigreeView | undefined): FamilyDraft {
  if (!p) return { members: [], consanguineous: false };
  const relation = relationsToProband(p.members);
  return {
    consanguineous: p.consanguineous,
    familyId: p.familyId,
    source: p.source,
    members: p.members.map((m, i) => {
      const r = relation.get(m.id);
      const edited: EditedRelation = r === 'proband' || r === 'father' || r === 'mother' || r === 'sibling' || r === 'child' ? r : 'other';
      return { key: `m${i}`, id: m.id, relation: edited, sex: m.sex, affected: m.affected, ...(m.fatherId ? { fatherId: m.fatherId } : {}), ...(m.motherId ? { motherId: m.motherId } : {}) };
    }),
  };
}

/** A new trio to fill in: the proband (affected) and both parents (unaffected), as most referrals are sequenced. */
export function trioDraft(probandSex: PedigreeMemberView['sex']): MemberDraft[] {
  return [
    { key: newMemberKey(), id: 'proband', relation: 'proband', sex: probandSex, affected: 'affected' },
    { key: newMemberKey(), id: 'father', relation: 'father', sex: 'MALE', affected: 'unaffected' },
    { key: newMemberKey(), id: 'mother', relation: 'mother', sex: 'FEMALE', affected: 'unaffected' },
  ];
}

/** What is wrong with the family as typed, one message per problem, naming the member row (empty: it can be saved). */
export function familyProblems(d: FamilyDraft): string[] {
  if (d.members.length === 0) return [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  d.members.forEach((m, i) => {
    const id = m.id.trim();
    if (!id) problems.push(`Member ${i + 1} needs an id (the VCF's sample name when the family was sequenced together).`);
    else if (/\s/.test(id)) problems.push(`Member ${i + 1}: the id “${id}” has a space; ids are single words, as in a PED file.`);
    else if (seen.has(id)) problems.push(`Member ${i + 1}: the id “${id}” is already used by member ${seen.get(id)! + 1}.`);
    else seen.set(id, i);
  });
  const count = (r: EditedRelation) => d.members.filter((m) => m.relation === r).length;
  if (count('proband') !== 1) problems.push(count('proband') === 0 ? 'Mark one member as the proband.' : 'Only one member can be the proband.');
  if (count('father') > 1) problems.push('Only one member can be the father.');
  if (count('mother') > 1) problems.push('Only one member can be the mother.');
  return problems;
}

type PedigreeRequest = NonNullable<ApiRequest<'cases.setPedigree'>['pedigree']>;

/** The family as `cases.setPedigree` takes it (null: no family); call only when familyProblems is empty. */
export function familyRequest(d: FamilyDraft, edited: boolean): PedigreeRequest | null {
  if (d.members.length === 0) return null;
  const id = (r: EditedRelation) => d.members.find((m) => m.relation === r)?.id.trim();
  const proband = d.members.find((m) => m.relation === 'proband')!;
  const father = id('father');
  const mother = id('mother');
  const ids = new Set(d.members.map((m) => m.id.trim()));
  const kept = (x: string | undefined) => (x && ids.has(x) ? x : undefined);
  return {
    consanguineous: d.consanguineous,
    ...(d.familyId ? { familyId: d.familyId } : {}),
    // a family typed or changed in the app says so; one saved as imported keeps its file's name
    ...(d.source && !edited ? { source: d.source } : {}),
    members: d.members.map((m) => {
      let parents: { fatherId?: string; motherId?: string };
      if (m.relation === 'proband' || m.relation === 'sibling') parents = { fatherId: father, motherId: mother };
      else if (m.relation === 'child') parents = proband.sex === 'FEMALE' ? { motherId: proband.id.trim() } : { fatherId: proband.id.trim() };
      else parents = { fatherId: kept(m.fatherId), motherId: kept(m.motherId) };
      return {
        id: m.id.trim(),
        sex: m.sex,
        affected: m.affected,
        ...(parents.fatherId ? { fatherId: parents.fatherId } : {}),
        ...(parents.motherId ? { motherId: parents.motherId } : {}),
        proband: m.relation === 'proband',
      };
    }),
  };
}

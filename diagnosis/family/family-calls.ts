import type { PedigreeMember } from '../case-input/pedigree.js';
import { familyRoles } from '../case-input/pedigree.js';
import type { FamilyContext } from '../variants/family-samples.js';
import type { MemberGenotype } from '../variants/member-genotypes.js';
import type { VariantInheritance } from '../variants/genotype-likelihood.js';
import type { AnnotatedVariant } from '../variants/variant-annotator.js';
import type { FamilyParameters } from './family-parameters.js';

export type Role = 'proband' | 'father' | 'mother' | 'sibling' | 'relative';

/** One family member's call at a variant; `g` undefined when the member was not sequenced. */
export interface MemberCall {
  member: PedigreeMember;
  role: Role;
  g?: MemberGenotype;
}

/** The family's calls at one variant, by role. */
export interface FamilyCalls {
  proband: MemberCall;
  father?: MemberCall;
  mother?: MemberCall;
  /** siblings and everyone else with a known affected status */
  relatives: MemberCall[];
}

const rolesOf = new WeakMap<FamilyContext, ReturnType<typeof familyRoles>>();

/** Joins a variant's per-sample calls (VcfCall.members) to the pedigree. */
export function familyCalls(v: Pick<AnnotatedVariant, 'members'>, family: FamilyContext): FamilyCalls {
  let roles = rolesOf.get(family);
  if (!roles) rolesOf.set(family, (roles = familyRoles(family.pedigree)));
  const call = (member: PedigreeMember, role: Role): MemberCall => {
    const i = family.memberIndex.get(member.id);
    const g = i === undefined ? undefined : v.members?.[i];
    return g ? { member, role, g } : { member, role };
  };
  return {
    proband: call(roles.proband, 'proband'),
    ...(roles.father ? { father: call(roles.father, 'father') } : {}),
    ...(roles.mother ? { mother: call(roles.mother, 'mother') } : {}),
    relatives: [...roles.siblings.map((m) => call(m, 'sibling')), ...roles.others.map((m) => call(m, 'relative'))],
  };
}

/**
 * Whether a member carries the variant: 'yes' with a copy called; 'no' only with a reference call of adequate depth and
 * GQ (when the VCF gives them; a VCF without DP/GQ is taken at its word); 'unknown' for a missing call, a member not
 * sequenced, or a reference call too thin to trust.
 */
export type Carries = 'yes' | 'no' | 'unknown';

export function carries(c: MemberCall | undefined, p: FamilyParameters): Carries {
  const g = c?.g;
  if (!g || g.copies === null) return 'unknown';
  if (g.copies > 0) return 'yes';
  return adequate(g, p) ? 'no' : 'unknown';
}

export function adequate(g: MemberGenotype, p: FamilyParameters): boolean {
  // no record in a variant-only file: a reference call or a site not covered, nobody can tell
  if (g.absent) return false;
  return (g.dp === undefined || g.dp >= p.minDepth) && (g.gq === undefined || g.gq >= p.minGenotypeQuality);
}

/** Why a member's call cannot be read as carrying or not, for the caution shown with the finding. */
export function unknownWhy(c: MemberCall | undefined, name: string, p: FamilyParameters): string {
  const g = c?.g;
  if (!c) return `no ${name} in the pedigree`;
  if (!g) return `the ${name} was not sequenced`;
  if (g.copies === null) return `the ${name}'s call is missing (${g.gt || 'empty'})`;
  if (g.absent) return `the ${name}'s VCF has no record here (a variant-only file cannot tell a reference call from a site not covered: a gVCF or a joint-called VCF can)`;
  const parts = [g.dp !== undefined && g.dp < p.minDepth ? `DP ${g.dp}` : '', g.gq !== undefined && g.gq < p.minGenotypeQuality ? `GQ ${g.gq}` : ''].filter(Boolean);
  return `the ${name}'s reference call is low quality (${parts.join(', ')})`;
}

/** Every member's call, as the explanation shows it. */
export function membersOut(calls: FamilyCalls): VariantInheritance['members'] {
  const all = [calls.proband, calls.father, calls.mother, ...calls.relatives].filter((c): c is MemberCall => c !== undefined);
  return all.map((c) => ({
    id: c.member.id,
    role: c.role,
    affected: c.member.affected,
    gt: c.g ? c.g.gt : 'not sequenced',
    ...(c.g?.dp !== undefined ? { dp: c.g.dp } : {}),
    ...(c.g?.gq !== undefined ? { gq: c.g.gq } : {}),
  }));
}

import type { Sex } from './case-findings.js';

/**
 * A family as the ranker reads it: who is the proband, who are the parents and siblings, who is affected. Built from
 * a PED file (ped-file.ts), a phenopacket's Family (phenopacket-family.ts) or the case's pedigree typed in the app;
 * validated here, once, whatever the source, so every entry point sets aside the same things for the same reasons.
 */
export type AffectedStatus = 'affected' | 'unaffected' | 'unknown';

export interface PedigreeMember {
  id: string;
  familyId: string;
  fatherId?: string;
  motherId?: string;
  sex: Sex;
  affected: AffectedStatus;
  /** where the member was read (a PED line, a phenopacket field), for messages */
  source?: string;
}

export interface Pedigree {
  familyId: string;
  probandId: string;
  members: PedigreeMember[];
  /** the proband's parents are related: stated (phenopacket, app) or found in the pedigree (a shared ancestor) */
  consanguineous: boolean;
  /** what was read but not used, each naming where it came from and why */
  setAside: string[];
}

export class PedigreeError extends Error {
  constructor(
    /** the field or line the problem is in */
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
    this.name = 'PedigreeError';
  }
}

export interface PedigreeOptions {
  /** the proband's id (e.g. the VCF sample); else the one affected member */
  probandId?: string;
  /** stated consanguinity of the proband's parents (a phenopacket's consanguinousParents, the app's checkbox) */
  consanguineous?: boolean;
  /** names the input in messages */
  source?: string;
}

const at = (m: PedigreeMember, fallback: string) => m.source ?? fallback;

/**
 * Checks the members and picks the proband's family. Fatal (PedigreeError): no members, a repeated id, a member who is
 * their own ancestor, no proband or an ambiguous one. Set aside with a message, the rest read: other families, a parent
 * who is not listed (read as unknown), a father recorded as female or a mother as male (the link is kept, the sex
 * conflict reported: sample swaps show up this way).
 */
export function buildPedigree(input: PedigreeMember[], options: PedigreeOptions = {}): Pedigree {
  const source = options.source ?? 'pedigree';
  if (input.length === 0) throw new PedigreeError(source, 'no members');
  const setAside: string[] = [];
  const byId = new Map<string, PedigreeMember>();
  for (const m of input) {
    const previous = byId.get(m.id);
    if (previous) throw new PedigreeError(at(m, source), `member "${m.id}" is listed twice (first at ${at(previous, source)})`);
    byId.set(m.id, m);
  }

  const proband = chooseProband(input, byId, options, source);
  const family = input.filter((m) => m.familyId === proband.familyId);
  const others = input.filter((m) => m.familyId !== proband.familyId);
  if (others.length) {
    const families = [...new Set(others.map((m) => m.familyId))];
    setAside.push(`${source}: ${others.length} member(s) of other families (${families.join(', ')}) set aside: only the proband's family ${proband.familyId} is read`);
  }
  const inFamily = new Map(family.map((m) => [m.id, m]));
  const members = family.map((m) => {
    const out = { ...m };
    for (const [role, key, expected] of [['father', 'fatherId', 'MALE'], ['mother', 'motherId', 'FEMALE']] as const) {
      const parentId = m[key];
      if (parentId === undefined) continue;
      if (parentId === m.id) throw new PedigreeError(at(m, source), `"${m.id}" is given as their own ${role}`);
      const parent = inFamily.get(parentId);
      if (!parent) {
        setAside.push(`${at(m, source)}: ${role} "${parentId}" of "${m.id}" is not listed in family ${m.familyId}: read as unknown`);
        delete out[key];
      } else if (parent.sex !== expected && parent.sex !== 'UNKNOWN_SEX') {
        setAside.push(`${at(parent, source)}: "${parentId}" is the ${role} of "${m.id}" but recorded as ${parent.sex.toLowerCase()} (sex conflict: check for a sample swap)`);
      }
    }
    return out;
  });
  const checked = new Map(members.map((m) => [m.id, m]));
  for (const m of members) if (ancestors(m.id, checked).has(m.id)) throw new PedigreeError(at(m, source), `"${m.id}" is their own ancestor`);

  const p = checked.get(proband.id)!;
  const related = p.fatherId !== undefined && p.motherId !== undefined && sharesAncestor(p.fatherId, p.motherId, checked);
  return { familyId: proband.familyId, probandId: proband.id, members, consanguineous: options.consanguineous === true || related, setAside };
}

function chooseProband(input: PedigreeMember[], byId: Map<string, PedigreeMember>, options: PedigreeOptions, source: string): PedigreeMember {
  if (options.probandId !== undefined) {
    const p = byId.get(options.probandId);
    if (!p) throw new PedigreeError(source, `the proband "${options.probandId}" is not in the pedigree (members: ${[...byId.keys()].slice(0, 10).join(', ')})`);
    return p;
  }
  const affected = input.filter((m) => m.affected === 'affected');
  if (affected.length === 1) return affected[0]!;
  if (affected.length === 0) throw new PedigreeError(source, 'no member is affected: say which member is the proband');
  // affected siblings or an affected parent: the index case cannot be told from the pedigree alone
  throw new PedigreeError(source, `${affected.length} affected members (${affected.map((m) => m.id).join(', ')}): say which is the proband (the sample that was sequenced first)`);
}

/** Every ancestor of a member within the pedigree (cycles stop, and are caught by the caller). */
export function ancestors(id: string, members: Map<string, PedigreeMember>): Set<string> {
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const m = members.get(stack.pop()!);
    for (const parent of [m?.fatherId, m?.motherId]) {
      if (parent !== undefined && !out.has(parent)) {
        out.add(parent);
        stack.push(parent);
      }
    }
  }
  return out;
}

function sharesAncestor(a: string, b: string, members: Map<string, PedigreeMember>): boolean {
  const left = new Set([a, ...ancestors(a, members)]);
  for (const x of [b, ...ancestors(b, members)]) if (left.has(x)) return true;
  return false;
}

/** The proband's relatives by role, for the inheritance checks. */
export interface FamilyRoles {
  proband: PedigreeMember;
  father?: PedigreeMember;
  mother?: PedigreeMember;
  /** full siblings (same two parents) */
  siblings: PedigreeMember[];
  /** everyone else in the family */
  others: PedigreeMember[];
}

export function familyRoles(pedigree: Pedigree): FamilyRoles {
  const byId = new Map(pedigree.members.map((m) => [m.id, m]));
  const proband = byId.get(pedigree.probandId)!;
  const father = proband.fatherId === undefined ? undefined : byId.get(proband.fatherId);
  const mother = proband.motherId === undefined ? undefined : byId.get(proband.motherId);
  const siblings = pedigree.members.filter(
    (m) => m.id !== proband.id && father !== undefined && mother !== undefined && m.fatherId === father.id && m.motherId === mother.id,
  );
  const named = new Set([proband.id, father?.id, mother?.id, ...siblings.map((s) => s.id)]);
  return { proband, father, mother, siblings, others: pedigree.members.filter((m) => !named.has(m.id)) };
}

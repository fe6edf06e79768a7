import type Database from 'better-sqlite3-multiple-ciphers';
import { parseListedVariant, splitHgvs, type ListedVariant } from '../case-input/listed-variant.js';
import { buildPedigree, PedigreeError, type Pedigree, type PedigreeMember } from '../case-input/pedigree.js';
import { CaseInputError } from './case-errors.js';
import type { candidateListInput, pedigreeInput } from './case-inputs.js';
import type { Sex, StoredCandidateList, StoredCandidateVariant, StoredPedigree } from './case-types.js';
import type { z } from 'zod';

/**
 * A case's family and its lab's candidate variants (schema 4): checked with the same code a run reads them with
 * (case-input/pedigree.ts, case-input/listed-variant.ts), so what the store accepts a run can use, written and read.
 */

type ParsedPedigree = z.output<typeof pedigreeInput>;
type ParsedCandidateList = z.output<typeof candidateListInput>;

const DEFAULT_FAMILY = 'family';

/** The stored family as the ranker reads it (parents, proband, consanguinity; conflicts in `setAside`). */
export function pedigreeOf(p: Pick<StoredPedigree, 'familyId' | 'consanguineous' | 'source' | 'members'>, where = (i: number) => `${p.source}, member ${p.members[i]!.id}`): Pedigree {
  const members: PedigreeMember[] = p.members.map((m, i) => ({
    id: m.id,
    familyId: p.familyId,
    ...(m.fatherId ? { fatherId: m.fatherId } : {}),
    ...(m.motherId ? { motherId: m.motherId } : {}),
    sex: m.sex,
    affected: m.affected,
    source: where(i),
  }));
  const proband = p.members.find((m) => m.proband);
  return buildPedigree(members, { ...(proband ? { probandId: proband.id } : {}), consanguineous: p.consanguineous, source: p.source });
}

/**
 * Checks a family before it is stored: every parent must be a member (the form picks them from the members), and the
 * rest as a run would (a repeated id, a member who is their own ancestor); the field is named in the error.
 */
export function checkPedigree(p: ParsedPedigree): Pick<StoredPedigree, 'familyId' | 'consanguineous' | 'source' | 'members'> {
  const ids = new Set(p.members.map((m) => m.id));
  p.members.forEach((m, i) => {
    for (const key of ['fatherId', 'motherId'] as const) {
      const parent = m[key];
      if (parent !== undefined && !ids.has(parent)) throw new CaseInputError(`members.${i}.${key}`, `"${parent}" is not a member of the family: add them first`);
    }
  });
  const stored = {
    familyId: p.familyId ?? DEFAULT_FAMILY,
    consanguineous: p.consanguineous ?? false,
    source: p.source,
    members: p.members.map((m) => ({ id: m.id, sex: m.sex as Sex, affected: m.affected, fatherId: m.fatherId ?? null, motherId: m.motherId ?? null, proband: m.proband === true })),
  };
  try {
    pedigreeOf(stored, (i) => `members.${i}`);
  } catch (err) {
    if (err instanceof PedigreeError) throw new CaseInputError(err.where, err.detail);
    throw err;
  }
  return stored;
}

export function writePedigree(db: Database.Database, caseId: string, p: ReturnType<typeof checkPedigree> | null, at: string, actor: string): void {
  db.prepare('DELETE FROM pedigrees WHERE case_id = ?').run(caseId);
  if (!p) return;
  db.prepare('INSERT INTO pedigrees (case_id, family_id, consanguineous, source, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)').run(caseId, p.familyId, p.consanguineous ? 1 : 0, p.source, at, actor);
  const insert = db.prepare('INSERT INTO pedigree_members (case_id, position, member_id, sex, affected, father_id, mother_id, proband) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  p.members.forEach((m, i) => insert.run(caseId, i, m.id, m.sex, m.affected, m.fatherId, m.motherId, m.proband ? 1 : 0));
}

interface PedigreeRow {
  case_id: string;
  family_id: string;
  consanguineous: number;
  source: string;
  updated_at: string;
  updated_by: string;
}
interface MemberRow {
  member_id: string;
  sex: string;
  affected: string;
  father_id: string | null;
  mother_id: string | null;
  proband: number;
}

export function readPedigree(db: Database.Database, caseId: string): StoredPedigree | null {
  const row = db.prepare('SELECT * FROM pedigrees WHERE case_id = ?').get(caseId) as PedigreeRow | undefined;
  if (!row) return null;
  const members = db.prepare('SELECT * FROM pedigree_members WHERE case_id = ? ORDER BY position').all(caseId) as MemberRow[];
  return {
    caseId,
    familyId: row.family_id,
    consanguineous: row.consanguineous === 1,
    source: row.source,
    members: members.map((m) => ({ id: m.member_id, sex: m.sex as Sex, affected: m.affected as StoredPedigree['members'][number]['affected'], fatherId: m.father_id, motherId: m.mother_id, proband: m.proband === 1 })),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/**
 * Checks a lab's list before it is stored, each row as a run reads it (listed-variant.ts: coordinates with their
 * assembly, or a gene and an HGVS description; the lab's words for zygosity, inheritance and class); a row that does
 * not validate is refused with its index and field, so a typed list is never stored half-read.
 */
export function checkCandidates(list: ParsedCandidateList): Pick<StoredCandidateList, 'source' | 'variants'> {
  const variants = list.variants.map((v, i): StoredCandidateVariant => {
    const field = `variants.${i}`;
    if (v.hgvsC !== undefined && splitHgvs(v.hgvsC)?.c === undefined) throw new CaseInputError(`${field}.hgvsC`, `"${v.hgvsC.slice(0, 60)}" is not a coding HGVS description such as c.1138G>A`);
    if (v.hgvsP !== undefined && splitHgvs(v.hgvsP)?.p === undefined) throw new CaseInputError(`${field}.hgvsP`, `"${v.hgvsP.slice(0, 60)}" is not a protein HGVS description such as p.Gly380Arg`);
    const parsed = parseListedVariant({ ...v, hgvsC: undefined, hgvsP: undefined, source: undefined, hgvs: v.hgvsC ?? v.hgvsP }, field);
    if (!parsed.ok) {
      const m = /^(variants\.\d+)(?:\.(\w+))?: (.*)$/.exec(parsed.error);
      throw new CaseInputError(m?.[2] ? `${field}.${m[2] === 'hgvs' ? (v.hgvsC !== undefined ? 'hgvsC' : 'hgvsP') : m[2]}` : field, m?.[3] ?? parsed.error);
    }
    const x = parsed.variant;
    const protein = v.hgvsP === undefined ? undefined : splitHgvs(v.hgvsP)!;
    return {
      gene: x.gene ?? null,
      hgvsC: x.hgvsC ?? null,
      hgvsP: protein?.p ?? x.hgvsP ?? null,
      transcript: x.transcript ?? protein?.transcript ?? null,
      chrom: x.chrom ?? null,
      pos: x.pos ?? null,
      ref: x.ref ?? null,
      alt: x.alt ?? null,
      assembly: x.assembly ?? null,
      zygosity: x.zygosity ?? null,
      inheritance: x.inheritance ?? null,
      acmg: x.acmg ?? null,
      source: v.source ?? `${list.source}, row ${i + 1}`,
    };
  });
  return { source: list.source, variants };
}

const COLUMNS = ['gene', 'hgvs_c', 'hgvs_p', 'transcript', 'chrom', 'pos', 'ref', 'alt', 'assembly', 'zygosity', 'inheritance', 'acmg', 'source'] as const;
const FIELDS = ['gene', 'hgvsC', 'hgvsP', 'transcript', 'chrom', 'pos', 'ref', 'alt', 'assembly', 'zygosity', 'inheritance', 'acmg', 'source'] as const;

export function writeCandidates(db: Database.Database, caseId: string, list: ReturnType<typeof checkCandidates> | null, at: string, actor: string): void {
  db.prepare('DELETE FROM candidate_lists WHERE case_id = ?').run(caseId);
  if (!list) return;
  db.prepare('INSERT INTO candidate_lists (case_id, source, updated_at, updated_by) VALUES (?, ?, ?, ?)').run(caseId, list.source, at, actor);
  const insert = db.prepare(`INSERT INTO candidate_variants (case_id, position, ${COLUMNS.join(', ')}) VALUES (?, ?, ${COLUMNS.map(() => '?').join(', ')})`);
  list.variants.forEach((v, i) => insert.run(caseId, i, ...FIELDS.map((f) => v[f])));
}

export function readCandidates(db: Database.Database, caseId: string): StoredCandidateList | null {
  const row = db.prepare('SELECT * FROM candidate_lists WHERE case_id = ?').get(caseId) as { source: string; updated_at: string; updated_by: string } | undefined;
  if (!row) return null;
  const rows = db.prepare(`SELECT ${COLUMNS.join(', ')} FROM candidate_variants WHERE case_id = ? ORDER BY position`).all(caseId) as Record<(typeof COLUMNS)[number], unknown>[];
  const variants = rows.map((r) => Object.fromEntries(FIELDS.map((f, i) => [f, r[COLUMNS[i]!] ?? null])) as unknown as StoredCandidateVariant);
  return { caseId, source: row.source, variants, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/** The stored list as a run reads it. */
export function listedVariantsOf(list: StoredCandidateList): ListedVariant[] {
  return list.variants.map((v) => {
    const out: ListedVariant = { source: v.source };
    for (const f of FIELDS) {
      const value = v[f];
      if (value !== null && f !== 'source') (out as unknown as Record<string, unknown>)[f] = value;
    }
    return out;
  });
}

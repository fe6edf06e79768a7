import { InputError } from '../../common/input-error.js';
import { readLines } from '../../graph-snapshot/io/line-reader.js';
import type { Sex } from './case-findings.js';
import { buildPedigree, PedigreeError, type AffectedStatus, type Pedigree, type PedigreeMember, type PedigreeOptions } from './pedigree.js';

/**
 * PED (PLINK / LINKAGE pedigree) files: six whitespace-separated columns per member — family id, individual id,
 * paternal id, maternal id, sex (1 male, 2 female, other unknown), phenotype (1 unaffected, 2 affected, 0 or -9
 * missing). Lines starting with '#' (the peddy / GATK header) and blank lines are skipped; columns after the sixth
 * (genotypes in LINKAGE files) are ignored. A parent id of 0 means not in the pedigree.
 */
const SEX: Record<string, Sex> = { '1': 'MALE', '2': 'FEMALE' };
const AFFECTED: Record<string, AffectedStatus> = { '1': 'unaffected', '2': 'affected', '0': 'unknown', '-9': 'unknown' };
const NO_PARENT = new Set(['0', '.', '-9', '']);

export interface PedParse {
  members: PedigreeMember[];
  /** lines read but not used, with the reason */
  setAside: string[];
}

/** Reads the member lines of a PED text; `file` names it in messages (`file:line`). */
export function parsePedLines(lines: Iterable<{ text: string; line: number }>, file: string): PedParse {
  const members: PedigreeMember[] = [];
  const setAside: string[] = [];
  for (const { text, line } of lines) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const where = `${file}:${line}`;
    const cols = trimmed.split(/\s+/);
    if (cols.length < 6) throw new PedigreeError(where, `${cols.length} column(s), a PED line has 6: family, individual, father, mother, sex, phenotype`);
    const [familyId, id, father, mother, sex, phenotype] = cols as [string, string, string, string, string, string];
    if (NO_PARENT.has(id)) throw new PedigreeError(where, `individual id "${id}" is the code for "no parent"`);
    const affected = AFFECTED[phenotype];
    if (affected === undefined) setAside.push(`${where}: phenotype "${phenotype.slice(0, 20)}" is not 1, 2, 0 or -9 (a quantitative trait?): read as unknown`);
    if (SEX[sex] === undefined && sex !== '0' && sex !== 'other') setAside.push(`${where}: sex "${sex.slice(0, 20)}" is not 1 or 2: read as unknown`);
    members.push({
      id,
      familyId,
      ...(NO_PARENT.has(father) ? {} : { fatherId: father }),
      ...(NO_PARENT.has(mother) ? {} : { motherId: mother }),
      sex: SEX[sex] ?? 'UNKNOWN_SEX',
      affected: affected ?? 'unknown',
      source: where,
    });
  }
  return { members, setAside };
}

/** A PED file as a pedigree; every problem is an InputError naming the file and line. */
export async function readPedFile(path: string, options: Omit<PedigreeOptions, 'source'> = {}): Promise<Pedigree> {
  const lines: { text: string; line: number }[] = [];
  // a pedigree is a few dozen lines: a file much larger is not one
  for await (const l of readLines(path, { maxLineLength: 100_000 })) {
    lines.push(l);
    if (lines.length > 100_000) throw new InputError(path, l.line, 'more than 100,000 lines: not a pedigree file');
  }
  try {
    const parsed = parsePedLines(lines, path);
    const pedigree = buildPedigree(parsed.members, { ...options, source: path });
    return { ...pedigree, setAside: [...parsed.setAside, ...pedigree.setAside] };
  } catch (err) {
    if (err instanceof PedigreeError) throw new InputError(err.where, undefined, err.detail, { cause: err });
    throw err;
  }
}

import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { openTsv } from '../../graph-snapshot/io/tsv-reader.js';

/** One case of a cohort: its phenopacket and, for an exome or genome, its VCF, pedigree and proband sample. */
export interface CohortCase {
  caseId: string;
  /** 1-based row of the sheet, the cohort's order */
  row: number;
  phenopacket: string;
  vcf?: string;
  ped?: string;
  /** the proband's column in the VCF, when the sheet names it (else the PED's affected individual, else the first) */
  sample?: string;
  genomeAssembly?: 'GRCh37' | 'GRCh38';
  /** the sheet line, for messages */
  line: number;
}

const assemblies: Record<string, 'GRCh37' | 'GRCh38'> = { grch37: 'GRCh37', hg19: 'GRCh37', grch38: 'GRCh38', hg38: 'GRCh38' };

/**
 * A cohort's sample sheet: tab-separated, a header with `case_id` and `phenopacket`, and optionally `vcf`, `ped`,
 * `sample`, `genome_assembly` (empty cells: none). Paths are relative to the sheet's folder. Every file must exist and
 * every case id be unique; otherwise an error names the sheet, the line and the column.
 */
export async function readSampleSheet(path: string): Promise<CohortCase[]> {
  const table = await openTsv(path, { requiredColumns: ['case_id', 'phenopacket'] });
  const col = (name: string) => table.header.findIndex((h) => h.toLowerCase() === name);
  const at = { caseId: col('case_id'), phenopacket: col('phenopacket'), vcf: col('vcf'), ped: col('ped'), sample: col('sample'), assembly: col('genome_assembly') };
  const base = dirname(path);
  const cases: CohortCase[] = [];
  const ids = new Map<string, number>();
  for await (const { cells, line } of table.rows) {
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
    const file = (column: string, i: number, required: boolean): string | undefined => {
      const v = cell(i);
      if (!v) {
        if (required) throw new InputError(path, line, `column ${column}: empty`);
        return undefined;
      }
      const p = isAbsolute(v) ? v : resolve(base, v);
      if (!existsSync(p) || !statSync(p).isFile()) throw new InputError(path, line, `column ${column}: ${v}: file not found`);
      return p;
    };
    const caseId = cell(at.caseId);
    if (!caseId) throw new InputError(path, line, 'column case_id: empty');
    if (ids.has(caseId)) throw new InputError(path, line, `column case_id: ${caseId} is already on line ${ids.get(caseId)}`);
    ids.set(caseId, line);
    const given = cell(at.assembly);
    const genomeAssembly = given ? assemblies[given.toLowerCase()] : undefined;
    if (given && !genomeAssembly) throw new InputError(path, line, `column genome_assembly: "${given}" is not GRCh37, hg19, GRCh38 or hg38`);
    const vcf = file('vcf', at.vcf, false);
    const ped = file('ped', at.ped, false);
    if (!vcf && (ped || cell(at.sample) || genomeAssembly)) throw new InputError(path, line, 'columns ped, sample and genome_assembly describe a VCF: the vcf column is empty');
    cases.push({
      caseId,
      row: cases.length + 1,
      phenopacket: file('phenopacket', at.phenopacket, true)!,
      ...(vcf ? { vcf } : {}),
      ...(ped ? { ped } : {}),
      ...(cell(at.sample) ? { sample: cell(at.sample) } : {}),
      ...(genomeAssembly ? { genomeAssembly } : {}),
      line,
    });
  }
  if (cases.length === 0) throw new InputError(path, undefined, 'no cases: the sheet has a header and no rows');
  return cases;
}

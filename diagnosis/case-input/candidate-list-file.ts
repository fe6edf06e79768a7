import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../common/input-error.js';
import { describeFsError } from '../../graph-snapshot/io/line-reader.js';
import { parseListedVariant, type ListedVariant } from './listed-variant.js';
import { looksLikeReport, reportCandidates } from './report-interpretations.js';

/**
 * A lab's prioritized variant list as CSV or TSV (a spreadsheet export): a header row naming the columns, then one
 * variant per row. Column names vary between labs; the usual ones are recognised (case and punctuation ignored). A
 * row that does not validate is set aside with its line and the reason, the rest are read: one bad row must not cost
 * the clinician the whole list.
 */
const COLUMNS: Record<string, string[]> = {
  chrom: ['chrom', 'chr', 'chromosome', 'contig'],
  pos: ['pos', 'position', 'start', 'coordinate'],
  ref: ['ref', 'reference', 'refallele', 'reference allele'],
  alt: ['alt', 'alternate', 'altallele', 'alternate allele', 'alternative allele'],
  assembly: ['assembly', 'build', 'genome', 'genome build', 'reference genome'],
  gene: ['gene', 'symbol', 'gene symbol', 'hgnc symbol'],
  transcript: ['transcript', 'refseq', 'transcript id'],
  hgvs: ['hgvs', 'hgvsc', 'hgvs c', 'cdna', 'c dna', 'cdna change', 'coding change', 'variant', 'nucleotide change'],
  hgvsP: ['hgvsp', 'hgvs p', 'protein', 'protein change', 'amino acid change'],
  zygosity: ['zygosity', 'genotype', 'zyg'],
  inheritance: ['inheritance', 'segregation', 'origin', 'parental origin', 'inherited from'],
  acmg: ['acmg', 'classification', 'class', 'acmg class', 'acmg classification', 'significance', 'clinical significance', 'interpretation'],
};
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const byName = new Map(Object.entries(COLUMNS).flatMap(([key, names]) => names.map((n) => [squash(n), key] as const)));

const MAX_LIST_BYTES = 10 * 1024 * 1024;

export interface CandidateList {
  variants: ListedVariant[];
  /** rows and columns not used, each naming its line and the reason */
  setAside: string[];
}

const ASSEMBLY: Record<string, 'GRCh37' | 'GRCh38'> = { grch37: 'GRCh37', hg19: 'GRCh37', b37: 'GRCh37', grch38: 'GRCh38', hg38: 'GRCh38' };

/** Parses the text of a list; `file` names it in messages. */
export function parseCandidateList(text: string, file: string, defaults: { assembly?: 'GRCh37' | 'GRCh38' } = {}): CandidateList {
  // a lab report as a Phenopacket v2 (JSON): its genomic interpretations are the list
  if (/^\uFEFF?\s*\{/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new InputError(file, undefined, `not JSON: ${(err as Error).message}`, { cause: err });
    }
    if (!looksLikeReport(value)) throw new InputError(file, undefined, 'a JSON candidate list must be a phenopacket report with interpretations[].diagnosis.genomicInterpretations');
    return reportCandidates(value, file);
  }
  const firstLine = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  const delimiter = firstLine.includes('\t') ? '\t' : firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // with `info: true` csv-parse yields { record, info } per row; its overloads type the sync call as string[][]
    rows = parse(text.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true, skip_empty_lines: true, comment: '#', comment_no_infix: true, trim: true, info: true, bom: true }) as unknown as typeof rows;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputError(file, line, `not a CSV/TSV table: ${(err as Error).message.replace(/^Invalid [^:]*: /, '')}`, { cause: err });
  }
  if (rows.length === 0) throw new InputError(file, undefined, 'no header row: the first row names the columns (gene, hgvs, zygosity, ...)');
  const header = rows[0]!.record.map((h) => byName.get(squash(h)));
  const setAside: string[] = [];
  rows[0]!.record.forEach((h, i) => {
    if (header[i] === undefined && h !== '') setAside.push(`${file}:${rows[0]!.info.lines}: column "${h.slice(0, 40)}" is not one read (${Object.keys(COLUMNS).join(', ')})`);
  });
  if (!header.includes('gene') && !header.includes('chrom')) {
    throw new InputError(file, rows[0]!.info.lines, 'the header names neither a gene nor a chromosome column: is the first row the header?');
  }
  const variants: ListedVariant[] = [];
  for (const { record, info } of rows.slice(1)) {
    const entry: Record<string, unknown> = {};
    header.forEach((key, i) => {
      const cell = record[i];
      if (key === undefined || cell === undefined || cell === '' || cell === '.' || cell === '-') return;
      entry[key] = cell;
    });
    if (Object.keys(entry).length === 0) continue;
    if (typeof entry['pos'] === 'string') entry['pos'] = /^\d+$/.test(entry['pos'].replace(/,/g, '')) ? Number(entry['pos'].replace(/,/g, '')) : entry['pos'];
    if (typeof entry['assembly'] === 'string') entry['assembly'] = ASSEMBLY[entry['assembly'].toLowerCase().replace(/[^a-z0-9]/g, '')] ?? entry['assembly'];
    if (entry['assembly'] === undefined && entry['chrom'] !== undefined && defaults.assembly) entry['assembly'] = defaults.assembly;
    // a protein change in its own column, with a cDNA one: the cDNA is the variant, the protein shown with it
    const protein = entry['hgvsP'];
    delete entry['hgvsP'];
    if (entry['hgvs'] === undefined && typeof protein === 'string') entry['hgvs'] = protein;
    const parsed = parseListedVariant(entry, `${file}:${info.lines}`);
    if (!parsed.ok) {
      setAside.push(`${parsed.error}: row set aside`);
      continue;
    }
    if (typeof protein === 'string' && parsed.variant.hgvsC && /^p\./.test(protein)) parsed.variant.hgvsP = protein;
    variants.push(parsed.variant);
  }
  return { variants, setAside };
}

/** Reads a CSV/TSV list file (at most 10 MB: a report lists a handful of variants). */
export async function readCandidateListFile(path: string, defaults: { assembly?: 'GRCh37' | 'GRCh38' } = {}): Promise<CandidateList> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, undefined, 'is a directory, expected a CSV or TSV file');
    if (info.size > MAX_LIST_BYTES) throw new InputError(path, undefined, 'larger than 10 MB: not a candidate variant list');
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, undefined, describeFsError(err), { cause: err });
  }
  return parseCandidateList(text, path, defaults);
}

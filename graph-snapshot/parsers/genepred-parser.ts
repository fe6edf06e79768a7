import { InputError } from '../../common/input-error.js';
import { BadRowBudget } from '../io/bad-row-budget.js';
import { readLines } from '../io/line-reader.js';
import type { SkipLog } from '../io/skip-log.js';
import { classifyContig, transcriptProblem, type TranscriptRecord } from './transcript-record.js';

/** The UCSC genePred family, told apart by their column count (or by the header the Table Browser writes). */
export type GenePredLayout = 'genePred' | 'refFlat' | 'knownGene' | 'genePredExt' | 'refGene';

interface Columns {
  layout: GenePredLayout;
  width: number;
  name: number;
  /** gene symbol column, -1 when the layout has none (genePred, knownGene) */
  symbol: number;
  chrom: number;
}

/** Column positions by layout; the ten genePred columns follow `chrom` in the same order in every layout. */
const layouts: Record<number, Columns> = {
  10: { layout: 'genePred', width: 10, name: 0, symbol: -1, chrom: 1 },
  11: { layout: 'refFlat', width: 11, name: 1, symbol: 0, chrom: 2 },
  12: { layout: 'knownGene', width: 12, name: 0, symbol: -1, chrom: 1 },
  15: { layout: 'genePredExt', width: 15, name: 0, symbol: 11, chrom: 1 },
  16: { layout: 'refGene', width: 16, name: 1, symbol: 12, chrom: 2 },
};

/** A Table Browser header (`#bin name chrom ...` or `#geneName name chrom ...`) names the columns itself. */
function fromHeader(path: string, line: number, text: string): Columns {
  const names = text.replace(/^#/, '').split('\t').map((s) => s.trim());
  const at = (n: string) => names.indexOf(n);
  const required = ['name', 'chrom', 'strand', 'txStart', 'txEnd', 'cdsStart', 'cdsEnd', 'exonCount', 'exonStarts', 'exonEnds'];
  const missing = required.filter((n) => at(n) < 0);
  if (missing.length) throw new InputError(path, line, `genePred header lacks ${missing.join(', ')}`);
  for (let i = 1; i < required.length; i += 1) {
    if (at(required[i]!) !== at('chrom') + i - 1) throw new InputError(path, line, `genePred header: ${required[i]} is not in the genePred column order`);
  }
  const symbol = at('geneName') >= 0 ? at('geneName') : at('name2');
  const layout: GenePredLayout = at('geneName') >= 0 ? 'refFlat' : at('bin') >= 0 ? 'refGene' : at('name2') >= 0 ? 'genePredExt' : 'genePred';
  return { layout, width: names.length, name: at('name'), symbol, chrom: at('chrom') };
}

const listOfInts = (cell: string) => {
  const parts = cell.split(',');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((x) => (/^\d+$/.test(x) ? Number(x) : NaN));
};

export interface GenePredDocument {
  layout: GenePredLayout;
  transcripts: TranscriptRecord[];
  /** data rows read (kept or skipped) */
  rows: number;
}

/**
 * Parses a UCSC genePred-family table (refFlat, refGene, ncbiRefSeq, knownGene, genePred, genePredExt), plain or gzip,
 * streaming. The layout comes from a `#` header when there is one, else from the first row's column count. Rows on
 * alternate haplotypes and unplaced contigs are counted skips; a row with the wrong column count, an exon count that
 * disagrees with its exon lists, a CDS outside the transcript or an unknown contig is a bad row: a few are counted
 * skips, more make the file an InputError naming the first (bad-row-budget.ts).
 */
export async function parseGenePred(path: string, skips: SkipLog): Promise<GenePredDocument> {
  let cols: Columns | undefined;
  const budget = new BadRowBudget(path, skips, 'transcript models');
  const transcripts: TranscriptRecord[] = [];
  let rows = 0;
  for await (const { text, line } of readLines(path)) {
    if (text === '') continue;
    if (text.startsWith('#')) {
      if (!cols && /\bexonStarts\b/.test(text)) cols = fromHeader(path, line, text);
      continue;
    }
    const cells = text.split('\t');
    if (!cols) {
      cols = layouts[cells.length];
      if (!cols) {
        throw new InputError(path, line, `${cells.length} tab-separated columns: not a genePred table (refFlat has 11, genePred 10, knownGene 12, genePredExt 15, refGene 16)`);
      }
    }
    rows += 1;
    if (cells.length !== cols.width) {
      budget.bad(line, `expected ${cols.width} columns (${cols.layout}), found ${cells.length}`, text);
      continue;
    }
    const c = cols.chrom;
    const contig = classifyContig(cells[c]!);
    if (contig.kind === 'secondary') {
      skips.add('transcript models: alternate haplotype or unplaced contig', pathName(path), line, cells[c]!);
      continue;
    }
    if (contig.kind === 'unknown') {
      budget.bad(line, `unknown contig "${cells[c]}"`, text);
      continue;
    }
    const strand = cells[c + 1];
    if (strand !== '+' && strand !== '-') {
      budget.bad(line, `strand "${strand}" is not + or -`, text);
      continue;
    }
    const [txStart, txEnd, cdsStart, cdsEnd, exonCount] = cells.slice(c + 2, c + 7).map((x) => (/^\d+$/.test(x) ? Number(x) : NaN)) as number[];
    const exonStarts = listOfInts(cells[c + 7]!);
    const exonEnds = listOfInts(cells[c + 8]!);
    if ([txStart, txEnd, cdsStart, cdsEnd, exonCount].some((x) => Number.isNaN(x)) || exonStarts.some(Number.isNaN) || exonEnds.some(Number.isNaN)) {
      budget.bad(line, 'a coordinate is not a non-negative integer', text);
      continue;
    }
    if (exonStarts.length !== exonCount || exonEnds.length !== exonCount) {
      budget.bad(line, `exonCount ${exonCount} disagrees with ${exonStarts.length} exon starts and ${exonEnds.length} exon ends`, text);
      continue;
    }
    const record: TranscriptRecord = {
      id: cells[cols.name]!.trim(),
      symbol: cols.symbol >= 0 ? cells[cols.symbol]!.trim() : '',
      ncbiGeneId: 0,
      chrom: contig.chrom,
      strand,
      txStart: txStart!,
      txEnd: txEnd!,
      // UCSC writes cdsStart = cdsEnd (often = txEnd) for a non-coding transcript
      cdsStart: cdsStart!,
      cdsEnd: cdsEnd!,
      exonStarts,
      exonEnds,
      mane: false,
      line,
    };
    if (record.cdsEnd <= record.cdsStart) record.cdsStart = record.cdsEnd = record.txEnd;
    const problem = transcriptProblem(record);
    if (problem) {
      budget.bad(line, problem, text);
      continue;
    }
    transcripts.push(record);
  }
  if (!cols) throw new InputError(path, undefined, 'no transcript rows: the file is empty');
  budget.settle(rows);
  return { layout: cols.layout, transcripts, rows };
}

const pathName = (p: string) => p.split(/[\\/]/).pop()!;

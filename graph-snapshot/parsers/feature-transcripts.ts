import type { BadRowBudget } from '../io/bad-row-budget.js';
import type { SkipLog } from '../io/skip-log.js';
import { classifyContig, transcriptProblem, type TranscriptRecord } from './transcript-record.js';

/** The transcript part a GTF / GFF3 feature type stands for: exons, the coding span, or nothing read. */
export function featureKind(type: string): 'exon' | 'coding' | undefined {
  return type === 'exon' ? 'exon' : type === 'CDS' || type === 'start_codon' || type === 'stop_codon' ? 'coding' : undefined;
}

/**
 * Where a GTF / GFF3 feature row lies (columns 1, 4, 5, 7 are the same in both formats), or undefined when the row is
 * not read: an alternate haplotype or unplaced contig is skipped and counted, anything else unreadable is a bad row.
 */
export function featureLocation(
  cells: readonly string[],
  line: number,
  text: string,
  path: string,
  budget: BadRowBudget,
  skips: SkipLog,
): { chrom: string; start: number; end: number; strand: '+' | '-' } | undefined {
  const contig = classifyContig(cells[0]!);
  if (contig.kind === 'secondary') {
    skips.add('transcript models: alternate haplotype or unplaced contig', path.split(/[\\/]/).pop()!, line, cells[0]!);
    return undefined;
  }
  if (contig.kind === 'unknown') {
    budget.bad(line, `unknown contig "${cells[0]}"`, text);
    return undefined;
  }
  const start = Number(cells[3]);
  const end = Number(cells[4]);
  const strand = cells[6];
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start) {
    budget.bad(line, `invalid interval ${cells[3]}-${cells[4]}`, text);
    return undefined;
  }
  if (strand !== '+' && strand !== '-') {
    budget.bad(line, `strand "${strand}" is not + or -`, text);
    return undefined;
  }
  return { chrom: contig.chrom, start, end, strand };
}

/** What a GTF or GFF3 file says about one transcript, gathered from its feature rows in any order. */
interface Pending {
  id: string;
  symbol: string;
  ncbiGeneId: number;
  chrom: string;
  strand: '+' | '-';
  mane: boolean;
  line: number;
  exons: [number, number][];
  /** CDS, start_codon and stop_codon rows: GTF and GENCODE GFF3 leave the stop codon out of CDS, RefSeq GFF3 keeps it in */
  coding: [number, number][];
  /** the highest exon_number attribute seen (GTF), to check the exon list against */
  maxExonNumber: number;
  inconsistent?: string;
}

/**
 * Collects exon and CDS features (1-based inclusive, as GTF and GFF3 write them) per transcript and turns them into
 * transcript records: exons sorted, the coding span the union of CDS and start/stop codon features, every record
 * checked like a genePred row (transcript-record.ts). A transcript whose rows disagree on chromosome or strand, or
 * whose exon numbers skip, is a bad row at its first line.
 */
export class FeatureTranscripts {
  private readonly byId = new Map<string, Pending>();

  add(
    key: string,
    kind: 'exon' | 'coding',
    chrom: string,
    strand: '+' | '-',
    start1: number,
    end1: number,
    line: number,
    info: () => { id: string; symbol: string; ncbiGeneId: number; mane: boolean; exonNumber?: number },
  ): void {
    let p = this.byId.get(key);
    if (!p) {
      const i = info();
      p = { id: i.id, symbol: i.symbol, ncbiGeneId: i.ncbiGeneId, chrom, strand, mane: i.mane, line, exons: [], coding: [], maxExonNumber: 0 };
      this.byId.set(key, p);
    } else if (p.chrom !== chrom || p.strand !== strand) {
      p.inconsistent ??= `rows of transcript ${p.id} disagree on chromosome or strand (line ${line})`;
    }
    if (kind === 'exon') {
      p.exons.push([start1 - 1, end1]);
      const n = info().exonNumber;
      if (n !== undefined && n > p.maxExonNumber) p.maxExonNumber = n;
    } else {
      p.coding.push([start1 - 1, end1]);
    }
  }

  /** Completes the transcript's details from a transcript-level row (symbol, gene id, MANE tag). */
  describe(key: string, info: { id?: string; symbol?: string; ncbiGeneId?: number; mane?: boolean }): void {
    const p = this.byId.get(key);
    if (!p) return;
    if (info.id) p.id = info.id;
    if (!p.symbol && info.symbol) p.symbol = info.symbol;
    if (!p.ncbiGeneId && info.ncbiGeneId) p.ncbiGeneId = info.ncbiGeneId;
    if (info.mane) p.mane = true;
  }

  has(key: string): boolean {
    return this.byId.has(key);
  }

  keys(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** The finished records, in the order the files first named them; bad ones go to the budget. */
  finish(budget: BadRowBudget): TranscriptRecord[] {
    const out: TranscriptRecord[] = [];
    for (const p of this.byId.values()) {
      if (p.exons.length === 0) continue; // a CDS without exons (some GFF3 gene models): nothing to place variants on
      if (p.inconsistent) {
        budget.bad(p.line, p.inconsistent, p.id);
        continue;
      }
      p.exons.sort((a, b) => a[0] - b[0]);
      if (p.maxExonNumber > 0 && p.maxExonNumber !== p.exons.length) {
        budget.bad(p.line, `transcript ${p.id}: exon numbers go up to ${p.maxExonNumber} but it has ${p.exons.length} exons`, p.id);
        continue;
      }
      const txStart = p.exons[0]![0];
      const txEnd = Math.max(...p.exons.map((e) => e[1]));
      let cdsStart = txEnd;
      let cdsEnd = txEnd;
      if (p.coding.length) {
        cdsStart = Math.min(...p.coding.map((c) => c[0]));
        cdsEnd = Math.max(...p.coding.map((c) => c[1]));
      }
      const record: TranscriptRecord = {
        id: p.id,
        symbol: p.symbol,
        ncbiGeneId: p.ncbiGeneId,
        chrom: p.chrom,
        strand: p.strand,
        txStart,
        txEnd,
        cdsStart,
        cdsEnd,
        exonStarts: p.exons.map((e) => e[0]),
        exonEnds: p.exons.map((e) => e[1]),
        mane: p.mane,
        line: p.line,
      };
      const problem = transcriptProblem(record);
      if (problem) {
        budget.bad(p.line, `transcript ${p.id}: ${problem}`, p.id);
        continue;
      }
      out.push(record);
    }
    return out;
  }
}

/** "GeneID:7157" in a Dbxref / db_xref value → 7157, else 0. */
export function geneIdOfXrefs(value: string | undefined): number {
  const m = /(?:^|[,\s])GeneID:(\d+)/.exec(value ?? '');
  return m ? Number(m[1]) : 0;
}

/** MANE Select as GENCODE ("MANE_Select") and RefSeq ("MANE Select") tag it. */
export const isManeTag = (tag: string | undefined) => tag !== undefined && /MANE[ _]Select/i.test(tag);

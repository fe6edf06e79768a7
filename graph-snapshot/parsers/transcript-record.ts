import { normaliseChrom } from './ncbi-gene-parser.js';

/**
 * One transcript model as every transcript format (UCSC genePred / refFlat, GTF, GFF3) is reduced to: UCSC's own
 * coordinate convention, 0-based half-open, exons ascending on the genome whatever the strand.
 */
export interface TranscriptRecord {
  /** accession as the file gives it (NM_000546.5, ENST00000269305.9) */
  id: string;
  /** gene symbol as the file names it ('' when the format has none, e.g. plain genePred) */
  symbol: string;
  /** NCBI gene id when the file gives one (GFF3 Dbxref GeneID), else 0 */
  ncbiGeneId: number;
  /** chromosome without "chr", MT for the mitochondrion */
  chrom: string;
  strand: '+' | '-';
  txStart: number;
  txEnd: number;
  /** coding start and end; equal (both = txEnd in UCSC files) for a non-coding transcript */
  cdsStart: number;
  cdsEnd: number;
  exonStarts: number[];
  exonEnds: number[];
  /** the file marks it MANE Select (GTF/GFF3 tags; genePred files do not say) */
  mane: boolean;
  /** the line it was read from (the first line of its features for GTF/GFF3) */
  line: number;
}

export const isCoding = (t: Pick<TranscriptRecord, 'cdsStart' | 'cdsEnd'>) => t.cdsEnd > t.cdsStart;

/** Chromosomes a transcript model is kept on: the primary assembly (1-22, X, Y, MT). */
const primary = new Set([...Array.from({ length: 22 }, (_, i) => String(i + 1)), 'X', 'Y', 'MT']);

/**
 * Contigs that real annotation files contain and that the workstation does not place variants on: alternate
 * haplotypes, unplaced and unlocalised scaffolds, patches, decoys (chr6_cox_hap2, chrUn_gl000220, 1_KI270706v1_random,
 * HSCHR6_MHC_COX, NT_/NW_ RefSeq scaffolds, HLA-*, chrEBV). Skipping them is expected; any other unknown name is bad input.
 */
const secondary = /(_hap\d|_random|^un_|^chrun|_alt$|_fix$|_decoy|^hschr|^hla-|^ebv$|^n[tw]_\d|^gl\d|^kn?i\d|^jh\d)/i;

export type ContigKind = 'primary' | 'secondary' | 'unknown';

/** Classifies a contig name (UCSC "chr1", Ensembl "1", RefSeq "NC_000001.11") and returns its primary name when it has one. */
export function classifyContig(raw: string): { kind: ContigKind; chrom: string } {
  const refseq = /^NC_0000(\d\d)\.\d+$/.exec(raw);
  if (refseq) {
    const n = Number(refseq[1]);
    return { kind: 'primary', chrom: n === 23 ? 'X' : n === 24 ? 'Y' : String(n) };
  }
  if (/^NC_012920\.\d+$/.test(raw)) return { kind: 'primary', chrom: 'MT' };
  const chrom = normaliseChrom(raw);
  if (primary.has(chrom)) return { kind: 'primary', chrom };
  if (secondary.test(raw) || secondary.test(chrom)) return { kind: 'secondary', chrom };
  return { kind: 'unknown', chrom };
}

/**
 * What is wrong with a transcript model, or undefined when it is sound: exons must be ordered, non-overlapping and
 * inside the transcript, the transcript must start at its first exon and end at its last, the CDS must lie inside it
 * and begin and end in exons.
 */
export function transcriptProblem(t: TranscriptRecord): string | undefined {
  const n = t.exonStarts.length;
  if (n === 0) return 'no exons';
  if (t.exonEnds.length !== n) return `${n} exon starts but ${t.exonEnds.length} exon ends`;
  if (!(t.txStart >= 0 && t.txEnd > t.txStart)) return `invalid transcript span ${t.txStart}-${t.txEnd}`;
  for (let i = 0; i < n; i += 1) {
    const s = t.exonStarts[i]!;
    const e = t.exonEnds[i]!;
    if (!Number.isInteger(s) || !Number.isInteger(e) || e <= s) return `exon ${i + 1} has an invalid span ${s}-${e}`;
    if (i > 0 && s < t.exonEnds[i - 1]!) return `exon ${i + 1} overlaps or precedes exon ${i}`;
  }
  if (t.exonStarts[0] !== t.txStart || t.exonEnds[n - 1] !== t.txEnd) {
    return `exons span ${t.exonStarts[0]}-${t.exonEnds[n - 1]} but the transcript ${t.txStart}-${t.txEnd}`;
  }
  if (isCoding(t)) {
    if (t.cdsStart < t.txStart || t.cdsEnd > t.txEnd) return `CDS ${t.cdsStart}-${t.cdsEnd} outside the transcript ${t.txStart}-${t.txEnd}`;
    const inExon = (p: number) => t.exonStarts.some((s, i) => p >= s && p < t.exonEnds[i]!);
    if (!inExon(t.cdsStart) || !inExon(t.cdsEnd - 1)) return `CDS ${t.cdsStart}-${t.cdsEnd} does not begin and end in exons`;
  }
  return undefined;
}

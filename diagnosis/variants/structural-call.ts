import type { GeneOverlap } from './cnv-overlap.js';
import type { AlleleCall } from './genotype.js';
export { expectedCopies } from '../case-input/expected-copies.js';

/** What a copy-number or structural call does to dosage: a loss (deletion) or a gain (duplication). */
export type CopyNumberChange = 'deletion' | 'duplication';

/**
 * One copy-number call of the proband, in the input build's coordinates: the affected bases are `start`..`end`,
 * 1-based and inclusive (a VCF symbolic record's padding base at POS is not part of it; a BED row's 0-based start is
 * converted). `copyNumber` is the absolute copy number when the caller gave one (2 = normal on an autosome).
 */
export interface StructuralCall {
  chrom: string;
  start: number;
  end: number;
  change: CopyNumberChange;
  /** absolute copy number, when given (FORMAT CN, INFO CN, a CN column) */
  copyNumber?: number;
  /** het loss (CN 1), homozygous loss (CN 0, or GT 1/1), gain (zygosity as the GT says; CN 3 heterozygous) */
  call: AlleleCall;
  /** the input's own name of the event: `<DEL>`, `<DUP:TANDEM>`, `<CNV>`, `DEL` (a BED row) */
  svType: string;
  /** where it came from: the file, and the line in it */
  source: string;
  line: number;
}

export const structuralLength = (c: { start: number; end: number }) => c.end - c.start + 1;

/** `del chr17:29,000,001-30,400,000 (1.4 Mb, CN 1)`: a CNV as a clinician reads it. */
export function describeStructural(c: Pick<StructuralCall, 'chrom' | 'start' | 'end' | 'change' | 'copyNumber'>): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const cn = c.copyNumber !== undefined ? `, CN ${c.copyNumber}` : '';
  return `${c.change === 'deletion' ? 'del' : 'dup'} chr${c.chrom}:${n(c.start)}-${n(c.end)} (${formatLength(structuralLength(c))}${cn})`;
}

export function formatLength(bp: number): string {
  if (bp >= 1e6) return `${(bp / 1e6).toFixed(bp >= 1e7 ? 0 : 1)} Mb`;
  if (bp >= 1e3) return `${(bp / 1e3).toFixed(bp >= 1e4 ? 0 : 1)} kb`;
  return `${bp} bp`;
}

/**
 * The zygosity of a copy-number call from its copy number, else its GT: CN 0 is a homozygous (biallelic) deletion,
 * CN 1 a heterozygous one; a gain of one copy (CN 3) heterozygous, CN ≥ 4 treated as a gain on both copies only when
 * the GT says 1/1 (a CN of 4 is as often three copies on one chromosome).
 */
export function copyNumberCall(change: CopyNumberChange, copyNumber: number | undefined, gtCopies: number | undefined, haploid: boolean, expected = 2): AlleleCall {
  // one expected copy (a male's X or Y outside the pseudoautosomal regions): any change is to his only copy
  if (expected === 1) return { copies: 1, zygosity: 'hemizygous' };
  if (change === 'deletion') {
    if (copyNumber === 0) return { copies: 2, zygosity: haploid ? 'hemizygous' : 'homozygous' };
    if (copyNumber === undefined && gtCopies !== undefined && gtCopies >= 2) return { copies: 2, zygosity: 'homozygous' };
    return { copies: 1, zygosity: haploid ? 'hemizygous' : 'heterozygous' };
  }
  if (gtCopies !== undefined && gtCopies >= 2) return { copies: 2, zygosity: 'homozygous' };
  return { copies: 1, zygosity: haploid ? 'hemizygous' : 'heterozygous' };
}

/** A symbolic ALT's kind: `<DEL>`, `<DEL:ME:ALU>` loss; `<DUP>`, `<DUP:TANDEM>` gain; `<CNV>` (and `<CN0>` ...) by copy number. */
export function symbolicKind(alt: string): { kind: 'deletion' | 'duplication' | 'cnv'; copyNumber?: number } | undefined {
  const m = /^<([A-Z0-9]+)(?::[^>]*)?>$/i.exec(alt);
  if (!m) return undefined;
  const t = m[1]!.toUpperCase();
  if (t === 'DEL') return { kind: 'deletion' };
  if (t === 'DUP') return { kind: 'duplication' };
  if (t === 'CNV') return { kind: 'cnv' };
  const cn = /^CN(\d+)$/.exec(t);
  if (cn) return { kind: 'cnv', copyNumber: Number(cn[1]) };
  return undefined;
}

/** A copy-number call as a variant carries it: where it lies, and what it does to this gene. */
export interface StructuralDetail {
  change: StructuralCall['change'];
  /** input build, 1-based inclusive */
  chrom: string;
  start: number;
  end: number;
  /** GRCh38 (the input, or its ends lifted; absent when an end cannot be lifted) */
  grch38?: { chrom: string; start: number; end: number };
  copyNumber?: number;
  svType: string;
  lengthBp: number;
  /** genes the call overlaps (all of them, not only those the ranker scores) */
  genes: number;
  /** this gene (absent on the evidence of a contiguous-gene syndrome, which rests on its region) */
  overlap?: GeneOverlap;
  /** a contiguous-gene syndrome's critical region the call covers (contiguous-syndromes.ts) */
  region?: { label: string; basis: string; covered: number };
}

import type { Liftover } from '../liftover/liftover.js';
import { isCoding, transcriptProblem, type TranscriptRecord } from '../parsers/transcript-record.js';

/** Why a transcript model could not be carried to the other assembly. */
export type TranscriptLiftFailure = 'exon not in the target assembly' | 'exons on different chromosomes or strands' | 'exon order or size changed' | 'coding start or end not liftable';

/** An exon whose two ends fall in different chain blocks may still lift when an indel between assemblies is this small. */
const MAX_EXON_SIZE_CHANGE = 30;

/**
 * Lifts one 0-based half-open interval: in one ungapped block when it can, else by its two ends (an assembly indel
 * inside the exon), provided they land on one chromosome and strand and the size changes by little.
 */
function liftSpan(lift: Liftover, chrom: string, start0: number, end0: number): { chrom: string; start0: number; end0: number; strand: '+' | '-' } | undefined {
  const whole = lift.liftInterval(chrom, start0 + 1, end0);
  if (typeof whole !== 'string') return { chrom: whole.chrom, start0: whole.start - 1, end0: whole.end, strand: whole.strand };
  const a = lift.liftInterval(chrom, start0 + 1, start0 + 1);
  const b = lift.liftInterval(chrom, end0, end0);
  if (typeof a === 'string' || typeof b === 'string' || a.chrom !== b.chrom || a.strand !== b.strand) return undefined;
  const lo = Math.min(a.start, b.start);
  const hi = Math.max(a.start, b.start);
  if (Math.abs(hi - lo + 1 - (end0 - start0)) > MAX_EXON_SIZE_CHANGE) return undefined;
  return { chrom: a.chrom, start0: lo - 1, end0: hi, strand: a.strand };
}

/**
 * Carries a transcript model to the other assembly exon by exon with a UCSC chain (the way UCSC's own liftOver
 * handles genePred): every exon must lift to the same chromosome and strand and keep its order; the coding start and
 * end are lifted as points. On a reversed chain block the transcript changes strand. The result passes the same
 * checks as a model read from a file.
 */
export function liftTranscript(t: TranscriptRecord, lift: Liftover): TranscriptRecord | TranscriptLiftFailure {
  const exons: { start0: number; end0: number }[] = [];
  let chrom: string | undefined;
  let chainStrand: '+' | '-' | undefined;
  for (let i = 0; i < t.exonStarts.length; i += 1) {
    const l = liftSpan(lift, t.chrom, t.exonStarts[i]!, t.exonEnds[i]!);
    if (!l) return 'exon not in the target assembly';
    if (chrom === undefined) {
      chrom = l.chrom;
      chainStrand = l.strand;
    } else if (l.chrom !== chrom || l.strand !== chainStrand) {
      return 'exons on different chromosomes or strands';
    }
    exons.push(l);
  }
  if (chainStrand === '-') exons.reverse();
  for (let i = 1; i < exons.length; i += 1) if (exons[i]!.start0 < exons[i - 1]!.end0) return 'exon order or size changed';
  const txStart = exons[0]!.start0;
  const txEnd = exons[exons.length - 1]!.end0;
  let cdsStart = txEnd;
  let cdsEnd = txEnd;
  if (isCoding(t)) {
    const first = lift.liftInterval(t.chrom, t.cdsStart + 1, t.cdsStart + 1);
    const last = lift.liftInterval(t.chrom, t.cdsEnd, t.cdsEnd);
    if (typeof first === 'string' || typeof last === 'string') return 'coding start or end not liftable';
    cdsStart = Math.min(first.start, last.start) - 1;
    cdsEnd = Math.max(first.start, last.start);
  }
  const out: TranscriptRecord = {
    ...t,
    chrom: chrom!,
    strand: chainStrand === '-' ? (t.strand === '+' ? '-' : '+') : t.strand,
    txStart,
    txEnd,
    cdsStart,
    cdsEnd,
    exonStarts: exons.map((e) => e.start0),
    exonEnds: exons.map((e) => e.end0),
  };
  return transcriptProblem(out) ? 'exon order or size changed' : out;
}

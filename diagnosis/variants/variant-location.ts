import {
  CANONICAL_SPLICE_BP,
  FLANK_BP,
  SPLICE_REGION_EXON_BP,
  SPLICE_REGION_INTRON_BP,
  locationSeverity,
  type LocationClass,
} from './location-classes.js';
import type { TranscriptIndex } from './transcript-index.js';

/** A variant's place on one transcript (variant consequence without the reference sequence). */
export interface TranscriptLocation {
  transcript: string;
  ncbiGeneId: number;
  symbol: string;
  klass: LocationClass;
  /**
   * HGVS-style position of the affected bases in transcript order: `c.1234`, `c.1234+1`, `c.-15`, `c.*20`, a range
   * `c.100_102`, the flanks of an insertion `c.100_101`, `n.` on a non-coding transcript; undefined outside the transcript
   */
  position?: string;
  /** exon or intron (1-based, transcript order) of the first affected base */
  exon?: number;
  intron?: number;
  exonCount: number;
  /** the change also touches a splice region (an exon's last or first 3 bases next to an intron, or intron bases 3-8) */
  spliceRegion: boolean;
  preferred: boolean;
  mane: boolean;
}

/** Where one genomic base (1-based) lies on a transcript. */
interface Base {
  klass: LocationClass;
  /** transcript-order exon or intron number, 0 when outside the transcript */
  exon: number;
  intron: number;
  /** position label without the "c." / "n." prefix */
  label: string;
  /** c. number for a coding exonic base (1..cdsLength), else NaN */
  c: number;
  exonic: boolean;
  edge: boolean;
  /** for an intronic base: distance from the donor (5') and acceptor (3') ends of the intron */
  d5: number;
  d3: number;
}

/** The genomic span a variant changes: bases [start, end]; start = end + 1 for an insertion between end and start. */
export interface AffectedSpan {
  start: number;
  end: number;
  /** ALT length minus REF length */
  delta: number;
}

/** Bases changed by a normalised VCF allele (an indel keeps its shared anchor base, which is not changed). */
export function affectedSpan(pos: number, ref: string, alt: string): AffectedSpan {
  const delta = alt.length - ref.length;
  if (delta !== 0 && ref[0] === alt[0]) return { start: pos + 1, end: pos + ref.length - 1, delta };
  return { start: pos, end: pos + ref.length - 1, delta };
}

/** The transcript position label of exonic transcript position n (1-based, transcript order). */
function exonicLabel(ix: TranscriptIndex, t: number, n: number): { label: string; c: number } {
  if (!ix.isCoding(t)) return { label: String(n), c: NaN };
  const c = n - ix.cdsN1[t]! + 1;
  const len = ix.cdsLength[t]!;
  if (c < 1) return { label: `-${1 - c}`, c: NaN };
  if (c > len) return { label: `*${c - len}`, c: NaN };
  return { label: String(c), c };
}

/** Transcript position (n., transcript order) of an exonic base p (1-based) in genomic exon e. */
function nOf(ix: TranscriptIndex, t: number, e: number, p: number): number {
  if (ix.strand[t]! > 0) return ix.exonCum[e]! + (p - ix.exonStarts[e]!);
  return ix.txLength[t]! - ix.exonCum[e]! - (p - ix.exonStarts[e]!) + 1;
}

/** Classifies one base (1-based) on transcript t. */
function baseAt(ix: TranscriptIndex, t: number, p: number): Base {
  const plus = ix.strand[t]! > 0;
  const first = ix.exonOffsets[t]!;
  const last = ix.exonOffsets[t + 1]! - 1;
  const out: Base = { klass: 'intron', exon: 0, intron: 0, label: '', c: NaN, exonic: false, edge: false, d5: 0, d3: 0 };
  if (p <= ix.txStart[t]! || p > ix.txEnd[t]!) {
    const before = p <= ix.txStart[t]!;
    out.klass = before === plus ? 'upstream' : 'downstream';
    return out;
  }
  // exon whose start (0-based) is below p: binary search over the transcript's exons
  let lo = first;
  let hi = last;
  let e = first;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ix.exonStarts[mid]! < p) {
      e = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (p <= ix.exonEnds[e]!) {
    out.exonic = true;
    out.exon = plus ? e - first + 1 : last - e + 1;
    const n = nOf(ix, t, e, p);
    const { label, c } = exonicLabel(ix, t, n);
    out.label = label;
    out.c = c;
    if (!ix.isCoding(t)) out.klass = 'noncoding-exon';
    else if (Number.isNaN(c)) out.klass = n < ix.cdsN1[t]! ? '5-utr' : '3-utr';
    else if (c <= 3) out.klass = 'start-lost';
    else if (c > ix.cdsLength[t]! - 3) out.klass = 'stop-codon';
    else out.klass = 'coding';
    // exon edges next to an intron (not the transcript's own ends)
    const fromStart = p - ix.exonStarts[e]!;
    const fromEnd = ix.exonEnds[e]! - p + 1;
    out.edge = (e > first && fromStart <= SPLICE_REGION_EXON_BP) || (e < last && fromEnd <= SPLICE_REGION_EXON_BP);
    return out;
  }
  // intron between genomic exons e and e + 1
  const left = p - ix.exonEnds[e]!;
  const right = ix.exonStarts[e + 1]! + 1 - p;
  out.d5 = plus ? left : right;
  out.d3 = plus ? right : left;
  out.intron = plus ? e - first + 1 : last - e;
  if (out.d5 <= CANONICAL_SPLICE_BP) out.klass = 'splice-donor';
  else if (out.d3 <= CANONICAL_SPLICE_BP) out.klass = 'splice-acceptor';
  else if (Math.min(out.d5, out.d3) <= SPLICE_REGION_INTRON_BP) out.klass = 'splice-region';
  else out.klass = 'intron';
  // HGVS: the nearest exonic base, + into the intron after it, − before the next exon; a tie goes to +
  const afterUpstreamExon = out.d5 <= out.d3;
  const anchorExon = afterUpstreamExon === plus ? e : e + 1;
  const anchorBase = plus ? (afterUpstreamExon ? ix.exonEnds[e]! : ix.exonStarts[e + 1]! + 1) : afterUpstreamExon ? ix.exonStarts[e + 1]! + 1 : ix.exonEnds[e]!;
  const anchor = exonicLabel(ix, t, nOf(ix, t, anchorExon, anchorBase)).label;
  out.label = afterUpstreamExon ? `${anchor}+${out.d5}` : `${anchor}-${out.d3}`;
  return out;
}

const worse = (a: LocationClass, b: LocationClass) => (locationSeverity(a) <= locationSeverity(b) ? a : b);
const milder = (a: LocationClass, b: LocationClass) => (locationSeverity(a) >= locationSeverity(b) ? a : b);

/** The class of a change to coding bases: start or stop codon first, then frame. */
function codingChange(bases: Base[], delta: number): LocationClass {
  if (bases.some((b) => b.klass === 'start-lost')) return 'start-lost';
  if (bases.some((b) => b.klass === 'stop-codon')) return 'stop-codon';
  if (delta === 0) return 'coding';
  if (delta % 3 !== 0) return 'frameshift';
  return delta < 0 ? 'inframe-deletion' : 'inframe-insertion';
}

/** A variant's location on transcript t, or undefined when it lies beyond the flanks. */
export function locateOnTranscript(ix: TranscriptIndex, t: number, span: AffectedSpan): TranscriptLocation | undefined {
  const plus = ix.strand[t]! > 0;
  const prefix = ix.isCoding(t) ? 'c.' : 'n.';
  const insertion = span.end < span.start;
  const lo = insertion ? span.end : span.start;
  const hi = insertion ? span.start : span.end;
  if (hi < ix.txStart[t]! + 1 - FLANK_BP || lo > ix.txEnd[t]! + FLANK_BP) return undefined;
  if (!insertion && lo === hi && span.delta === 0) return single(ix, t, baseAt(ix, t, lo), prefix);
  // the bases to classify: every changed base (a long deletion is sampled at its ends and exon boundaries), or the two
  // flanks of an insertion
  const positions: number[] = [];
  if (insertion || hi - lo < 64) for (let p = lo; p <= hi; p += 1) positions.push(p);
  else {
    positions.push(lo, hi);
    for (let e = ix.exonOffsets[t]!; e < ix.exonOffsets[t + 1]!; e += 1) {
      for (const b of [ix.exonStarts[e]!, ix.exonStarts[e]! + 1, ix.exonStarts[e]! + 2, ix.exonEnds[e]! - 1, ix.exonEnds[e]!, ix.exonEnds[e]! + 1, ix.exonEnds[e]! + 2]) {
        if (b > lo && b < hi) positions.push(b);
      }
    }
    positions.sort((a, b) => a - b);
  }
  const bases = positions.map((p) => baseAt(ix, t, p));
  let klass: LocationClass;
  if (insertion) {
    const [a, b] = bases as [Base, Base];
    if (a.exonic && b.exonic && a.exon === b.exon) {
      if (!Number.isNaN(a.c) && !Number.isNaN(b.c)) {
        // inside the start or stop codon, or between two coding bases
        const inStart = Math.max(a.c, b.c) <= 3;
        const inStop = Math.min(a.c, b.c) > ix.cdsLength[t]! - 3;
        klass = inStart ? 'start-lost' : inStop ? 'stop-codon' : span.delta % 3 !== 0 ? 'frameshift' : 'inframe-insertion';
      } else {
        klass = milder(a.klass, b.klass);
      }
    } else if (a.exonic !== b.exonic) {
      klass = 'splice-region';
    } else {
      // both intronic (or outside): inside a canonical dinucleotide only when both flanks are in it
      klass = milder(a.klass, b.klass);
    }
  } else {
    const coding = bases.filter((b) => b.exonic && !Number.isNaN(b.c));
    klass = coding.length ? codingChange(coding, span.delta) : bases[0]!.klass;
    for (const b of bases) if (!(b.exonic && !Number.isNaN(b.c))) klass = worse(klass, b.klass);
  }
  const inside = bases.filter((b) => b.exon > 0 || b.intron > 0);
  // the first affected base in transcript order
  const ordered = plus ? inside : [...inside].reverse();
  const head = ordered[0];
  const tail = ordered[ordered.length - 1];
  let position: string | undefined;
  if (head && tail) position = head === tail && !insertion ? `${prefix}${head.label}` : `${prefix}${head.label}_${tail.label}`;
  return {
    transcript: ix.ids[t]!,
    ncbiGeneId: ix.ncbiGeneIds[t]!,
    symbol: ix.symbols[t]!,
    klass,
    position,
    exon: head && head.exon > 0 ? head.exon : undefined,
    intron: head && head.exon === 0 && head.intron > 0 ? head.intron : undefined,
    exonCount: ix.exonOffsets[t + 1]! - ix.exonOffsets[t]!,
    spliceRegion: bases.some((b) => b.edge || b.klass === 'splice-region'),
    preferred: ix.isPreferred(t),
    mane: ix.isMane(t),
  };
}

/** A single-base substitution (most records): its base's own class. */
function single(ix: TranscriptIndex, t: number, b: Base, prefix: string): TranscriptLocation {
  const inside = b.exon > 0 || b.intron > 0;
  return {
    transcript: ix.ids[t]!,
    ncbiGeneId: ix.ncbiGeneIds[t]!,
    symbol: ix.symbols[t]!,
    klass: b.klass,
    position: inside ? `${prefix}${b.label}` : undefined,
    exon: b.exon > 0 ? b.exon : undefined,
    intron: b.exon === 0 && b.intron > 0 ? b.intron : undefined,
    exonCount: ix.exonOffsets[t + 1]! - ix.exonOffsets[t]!,
    spliceRegion: b.edge || b.klass === 'splice-region',
    preferred: ix.isPreferred(t),
    mane: ix.isMane(t),
  };
}

/** Orders locations most severe first; among equals the preferred (MANE, else longest CDS) transcript first. */
export function compareLocations(a: TranscriptLocation, b: TranscriptLocation): number {
  const s = locationSeverity(a.klass) - locationSeverity(b.klass);
  if (s !== 0) return s;
  if (a.preferred !== b.preferred) return a.preferred ? -1 : 1;
  if (a.mane !== b.mane) return a.mane ? -1 : 1;
  return a.transcript < b.transcript ? -1 : a.transcript > b.transcript ? 1 : 0;
}

/**
 * The variant on every transcript within the flanks of chromosome `chrom` (no "chr"), or only on the transcripts of
 * the given NCBI genes; `scratch` is reused.
 */
export function locateVariant(ix: TranscriptIndex, chrom: string, pos: number, ref: string, alt: string, scratch: number[] = [], genes?: readonly number[]): TranscriptLocation[] {
  const span = affectedSpan(pos, ref, alt);
  const lo = Math.min(span.start, span.end);
  const hi = Math.max(span.start, span.end);
  const out: TranscriptLocation[] = [];
  ix.near(chrom, lo, hi, FLANK_BP, scratch);
  for (const t of scratch) {
    if (genes && !genes.includes(ix.ncbiGeneIds[t]!)) continue;
    const loc = locateOnTranscript(ix, t, span);
    if (loc) out.push(loc);
  }
  return out;
}

/**
 * The most severe location per NCBI gene (transcripts not matched to a gene are kept under id 0), for the genes the
 * caller asks about.
 */
export function mostSeverePerGene(locations: readonly TranscriptLocation[]): Map<number, TranscriptLocation> {
  const out = new Map<number, TranscriptLocation>();
  for (const l of locations) {
    const prev = out.get(l.ncbiGeneId);
    if (!prev || compareLocations(l, prev) < 0) out.set(l.ncbiGeneId, l);
  }
  return out;
}

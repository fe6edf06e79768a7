import { TRANSCRIPT_LIFTED, TRANSCRIPT_MANE, TRANSCRIPT_PREFERRED, type TranscriptColumns } from '../../graph-snapshot/snapshot/gene-models.js';

/**
 * The transcripts of one assembly in typed arrays, with an interval search: per chromosome the transcripts are sorted by
 * start, with a running maximum of ends, so a lookup is one binary search and a short backward scan however long the
 * genes are. Coordinates 0-based half-open; exons in absolute genomic coordinates.
 */
export class TranscriptIndex {
  readonly ids: string[];
  readonly symbols: string[];
  readonly ncbiGeneIds: Int32Array;
  readonly strand: Int8Array;
  readonly txStart: Int32Array;
  readonly txEnd: Int32Array;
  readonly cdsStart: Int32Array;
  readonly cdsEnd: Int32Array;
  readonly exonOffsets: Int32Array;
  readonly exonStarts: Int32Array;
  readonly exonEnds: Int32Array;
  readonly flags: Uint8Array;
  /** per exon (genomic order): exonic bases of the transcript's exons before it, in genomic order */
  readonly exonCum: Int32Array;
  /** per transcript: exonic length; for a coding one, the transcript position (n., 1-based in transcript order) of c.1 and the CDS length */
  readonly txLength: Int32Array;
  readonly cdsN1: Int32Array;
  readonly cdsLength: Int32Array;
  /** per chromosome: the range of transcript indexes (sorted by start) and the running maximum of their ends */
  private readonly ranges = new Map<string, { from: number; to: number }>();
  private readonly maxEnd: Int32Array;

  constructor(c: TranscriptColumns) {
    const n = c.ids.length;
    this.ids = c.ids;
    this.symbols = c.symbols;
    this.ncbiGeneIds = Int32Array.from(c.ncbiGeneIds);
    this.strand = Int8Array.from(c.strand);
    this.txStart = Int32Array.from(c.txStart);
    this.txEnd = Int32Array.from(c.txEnd);
    this.cdsStart = Int32Array.from(c.cdsStart);
    this.cdsEnd = Int32Array.from(c.cdsEnd);
    this.exonOffsets = Int32Array.from(c.exonOffsets);
    this.exonStarts = new Int32Array(c.exonStarts.length);
    this.exonEnds = new Int32Array(c.exonEnds.length);
    this.flags = Uint8Array.from(c.flags);
    for (let t = 0; t < n; t += 1) {
      for (let e = this.exonOffsets[t]!; e < this.exonOffsets[t + 1]!; e += 1) {
        this.exonStarts[e] = this.txStart[t]! + c.exonStarts[e]!;
        this.exonEnds[e] = this.txStart[t]! + c.exonEnds[e]!;
      }
    }
    this.exonCum = new Int32Array(this.exonStarts.length);
    this.txLength = new Int32Array(n);
    this.cdsN1 = new Int32Array(n);
    this.cdsLength = new Int32Array(n);
    for (let t = 0; t < n; t += 1) {
      let cum = 0;
      let cdsBefore = 0; // exonic bases before cdsStart (genomic order)
      let cds = 0;
      for (let e = this.exonOffsets[t]!; e < this.exonOffsets[t + 1]!; e += 1) {
        this.exonCum[e] = cum;
        const s = this.exonStarts[e]!;
        const x = this.exonEnds[e]!;
        cum += x - s;
        cdsBefore += Math.max(0, Math.min(x, this.cdsStart[t]!) - s);
        cds += Math.max(0, Math.min(x, this.cdsEnd[t]!) - Math.max(s, this.cdsStart[t]!));
      }
      this.txLength[t] = cum;
      this.cdsLength[t] = cds;
      // plus strand: c.1 is the first coding base; minus strand: the last coding base in genomic order
      this.cdsN1[t] = this.strand[t]! > 0 ? cdsBefore + 1 : cum - (cdsBefore + cds) + 1;
    }
    this.maxEnd = new Int32Array(n);
    let from = 0;
    for (let t = 0; t <= n; t += 1) {
      if (t === n || (t > from && c.chrom[t] !== c.chrom[from])) {
        this.ranges.set(c.chrom[from]!, { from, to: t });
        let m = 0;
        for (let k = from; k < t; k += 1) {
          m = Math.max(m, this.txEnd[k]!);
          this.maxEnd[k] = m;
        }
        from = t;
      }
    }
    if (n === 0) this.ranges.clear();
  }

  /** Per chromosome, the range of transcript indexes on it (sorted by start). */
  chromosomes(): IterableIterator<[string, { from: number; to: number }]> {
    return this.ranges.entries();
  }

  get size(): number {
    return this.ids.length;
  }

  isPreferred(t: number): boolean {
    return (this.flags[t]! & TRANSCRIPT_PREFERRED) !== 0;
  }

  isMane(t: number): boolean {
    return (this.flags[t]! & TRANSCRIPT_MANE) !== 0;
  }

  isLifted(t: number): boolean {
    return (this.flags[t]! & TRANSCRIPT_LIFTED) !== 0;
  }

  isCoding(t: number): boolean {
    return this.cdsEnd[t]! > this.cdsStart[t]!;
  }

  /**
   * Transcripts within `flank` bp of the 1-based closed interval [start, end] on `chrom`, into `out` (cleared); returns
   * the count. A reused output array keeps a genome-wide scan free of per-record allocations.
   */
  near(chrom: string, start: number, end: number, flank: number, out: number[]): number {
    out.length = 0;
    const r = this.ranges.get(chrom);
    if (!r) return 0;
    // transcripts overlap [start - flank, end + flank] (1-based) iff txStart < end + flank and txEnd >= start - flank
    const hiPos = end + flank;
    const loPos = start - flank;
    let lo = r.from;
    let hi = r.to - 1;
    let idx = r.from - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.txStart[mid]! < hiPos) {
        idx = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    for (let i = idx; i >= r.from && this.maxEnd[i]! >= loPos; i -= 1) if (this.txEnd[i]! >= loPos) out.push(i);
    return out.length;
  }
}

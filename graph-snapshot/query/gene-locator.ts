export interface GeneInterval {
  ncbiId: number;
  chrom: string;
  /** 1-based inclusive */
  start: number;
  end: number;
}

/**
 * Finds the genes whose span overlaps a position, by binary search over spans sorted by start, with a running
 * maximum of ends so that long genes containing many short ones are still found.
 */
export class GeneLocator {
  private readonly byChrom = new Map<string, { starts: Int32Array; ends: Int32Array; maxEnd: Int32Array; ids: Int32Array }>();

  constructor(intervals: readonly GeneInterval[]) {
    const groups = new Map<string, GeneInterval[]>();
    for (const g of intervals) {
      const list = groups.get(g.chrom);
      if (list) list.push(g);
      else groups.set(g.chrom, [g]);
    }
    for (const [chrom, list] of groups) {
      list.sort((a, b) => a.start - b.start || a.end - b.end);
      const starts = Int32Array.from(list, (g) => g.start);
      const ends = Int32Array.from(list, (g) => g.end);
      const ids = Int32Array.from(list, (g) => g.ncbiId);
      const maxEnd = new Int32Array(list.length);
      let m = 0;
      for (let i = 0; i < list.length; i += 1) {
        m = Math.max(m, ends[i]!);
        maxEnd[i] = m;
      }
      this.byChrom.set(chrom, { starts, ends, maxEnd, ids });
    }
  }

  /** NCBI gene ids of the spans overlapping [start, end] on `chrom` (no "chr" prefix). */
  overlapping(chrom: string, start: number, end: number): number[] {
    const t = this.byChrom.get(chrom);
    if (!t) return [];
    // last index with starts[i] <= end
    let lo = 0;
    let hi = t.starts.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (t.starts[mid]! <= end) {
        idx = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const out: number[] = [];
    for (let i = idx; i >= 0 && t.maxEnd[i]! >= start; i -= 1) if (t.ends[i]! >= start) out.push(t.ids[i]!);
    return out;
  }
}

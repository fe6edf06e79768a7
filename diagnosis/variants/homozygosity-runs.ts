/**
 * Regions of homozygosity (ROH) from the proband's own calls, without population frequencies: stretches of a
 * chromosome where the called variants are (almost) all homozygous. Long runs are autozygous — both copies from one
 * ancestor — and many long runs say the parents are related even when nobody said so. In such a family most recessive
 * disease is homozygous by descent, and its variant lies in one of the runs (the principle of homozygosity mapping).
 *
 * A simple segmentation suits exome and genome calls alike: a run grows from a homozygous call while its
 * heterozygous calls stay at most `maxHetShare` of its calls (isolated hets are usually call errors), and ends at its
 * last homozygous call; runs of at least `minCalls` calls over at least `minLengthBp` are kept. X and Y are left out
 * (a male is hemizygous on X). Measured on this repository's background exome (an outbred individual):
 * see README "Regions of homozygosity".
 */
export interface RohParameters {
  minCalls: number;
  minLengthBp: number;
  maxHetShare: number;
  /** total length of kept runs from which the parents are read as related (offspring of first cousins: ~6 % of the genome) */
  consanguinityTotalBp: number;
}

export const rohParameters: RohParameters = {
  minCalls: 25,
  minLengthBp: 2_000_000,
  maxHetShare: 0.05,
  consanguinityTotalBp: 50_000_000,
};

export interface HomozygousRegion {
  chrom: string;
  start: number;
  end: number;
  calls: number;
}

export interface HomozygosityRuns {
  regions: HomozygousRegion[];
  totalBp: number;
  /** the runs are long enough in total to read the parents as related */
  consanguinityLikely: boolean;
}

const AUTOSOME = /^(?:chr)?(?:[1-9]|1\d|2[0-2])$/i;

interface ChromCalls {
  pos: Int32Array;
  hom: Uint8Array;
  n: number;
}

/** Collects the proband's calls as they stream (any order), then segments each autosome. Typed arrays: a genome's 5M calls take ~25 MB. */
export class RohDetector {
  private readonly byChrom = new Map<string, ChromCalls>();
  /** the chromosome as the input spells it → its calls (null: not an autosome); one lookup per call on the hot path */
  private readonly bySpelling = new Map<string, ChromCalls | null>();

  add(chrom: string, pos: number, homozygous: boolean): void {
    let list = this.bySpelling.get(chrom);
    if (list === undefined) {
      const c = chrom.replace(/^chr/i, '');
      list = AUTOSOME.test(chrom) ? this.byChrom.get(c) ?? { pos: new Int32Array(1024), hom: new Uint8Array(1024), n: 0 } : null;
      if (list) this.byChrom.set(c, list);
      this.bySpelling.set(chrom, list);
    }
    if (list === null) return;
    if (list.n === list.pos.length) {
      const pos2 = new Int32Array(list.n * 2);
      pos2.set(list.pos);
      const hom2 = new Uint8Array(list.n * 2);
      hom2.set(list.hom);
      list.pos = pos2;
      list.hom = hom2;
    }
    list.pos[list.n] = pos;
    list.hom[list.n] = homozygous ? 1 : 0;
    list.n += 1;
  }

  runs(p: RohParameters = rohParameters): HomozygosityRuns {
    const regions: HomozygousRegion[] = [];
    for (const [chrom, list] of this.byChrom) {
      const order = Array.from({ length: list.n }, (_, i) => i).sort((a, b) => list.pos[a]! - list.pos[b]!);
      regions.push(...segment(chrom, order.map((i) => list.pos[i]!), order.map((i) => list.hom[i] === 1), p));
    }
    const totalBp = regions.reduce((s, r) => s + (r.end - r.start + 1), 0);
    return { regions, totalBp, consanguinityLikely: totalBp >= p.consanguinityTotalBp };
  }
}

/** Runs of one chromosome's calls (sorted by position). */
export function segment(chrom: string, pos: readonly number[], hom: readonly boolean[], p: RohParameters): HomozygousRegion[] {
  const out: HomozygousRegion[] = [];
  let i = 0;
  while (i < pos.length) {
    if (!hom[i]) {
      i += 1;
      continue;
    }
    let hets = 0;
    let last = i;
    let j = i + 1;
    for (; j < pos.length; j += 1) {
      if (hom[j]) {
        last = j;
        continue;
      }
      // one more het is allowed while hets stay within the share of the run's calls so far
      if (hets + 1 > p.maxHetShare * (j - i + 1)) break;
      hets += 1;
    }
    const calls = last - i + 1;
    if (calls >= p.minCalls && pos[last]! - pos[i]! + 1 >= p.minLengthBp) out.push({ chrom, start: pos[i]!, end: pos[last]!, calls });
    i = Math.max(last + 1, j);
  }
  return out;
}

/** Whether a position lies in one of the runs. */
export function inRun(runs: HomozygosityRuns, chrom: string, pos: number): boolean {
  const c = chrom.replace(/^chr/i, '');
  return runs.regions.some((r) => r.chrom === c && pos >= r.start && pos <= r.end);
}

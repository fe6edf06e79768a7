import type { VariantIndexTables } from '../../graph-snapshot/snapshot/variant-index.js';

export interface ClinVarEntry {
  key: string;
  key37: string;
  significance: string;
  stars: number;
  clinvarId: string;
  geneSymbol: string;
  hgvsC: string;
  hgvsP: string;
}

/** Where a variant lies relative to ClinVar's pathogenic and benign variants (ACMG PM5 / PM1-style evidence). */
export interface ClinVarNeighbourhood {
  /** bp to the nearest ClinVar P/LP variant at a different key (Infinity if none on the chromosome) */
  nearestPathogenic: number;
  /** whether a ClinVar benign / likely benign variant lies within `window` bp */
  benignNearby: boolean;
}

/** ClinVar by GRCh38 key, in memory, with sorted positions of its P/LP and B/LB variants per chromosome. */
export class ClinVarIndex {
  private readonly index = new Map<string, number>();
  /** every ClinVar position per chromosome: a number lookup rules out most variants before a string-key lookup */
  private readonly positions = new Map<string, Set<number>>();
  private readonly pathogenicPositions = new Map<string, Int32Array>();
  private readonly benignPositions = new Map<string, Int32Array>();

  constructor(private readonly t: VariantIndexTables) {
    const p = new Map<string, number[]>();
    const b = new Map<string, number[]>();
    t.keys.forEach((k, i) => {
      this.index.set(k, i);
      const c0 = k.indexOf(':');
      const chrom0 = k.slice(0, c0);
      (this.positions.get(chrom0) ?? this.positions.set(chrom0, new Set()).get(chrom0)!).add(Number(k.slice(c0 + 1, k.indexOf(':', c0 + 1))));
      const sig = t.significance[i]!;
      const target = sig === 'pathogenic' || sig === 'likely_pathogenic' ? p : sig === 'benign' || sig === 'likely_benign' ? b : undefined;
      if (!target) return;
      const colon = k.indexOf(':');
      const chrom = k.slice(0, colon);
      const pos = Number(k.slice(colon + 1, k.indexOf(':', colon + 1)));
      (target.get(chrom) ?? target.set(chrom, []).get(chrom)!).push(pos);
    });
    for (const [c, list] of p) this.pathogenicPositions.set(c, Int32Array.from(list).sort());
    for (const [c, list] of b) this.benignPositions.set(c, Int32Array.from(list).sort());
  }

  /** Distance to the nearest pathogenic ClinVar variant other than this exact one, and benign ones within `window`. */
  neighbourhood(chrom: string, pos: number, exactKeyIsPathogenic: boolean, window: number): ClinVarNeighbourhood {
    const nearest = (arr: Int32Array | undefined, skipSelf: boolean) => {
      if (!arr || arr.length === 0) return Infinity;
      let lo = 0;
      let hi = arr.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (arr[m]! < pos) lo = m + 1;
        else hi = m;
      }
      let best = Infinity;
      for (let i = Math.max(0, lo - 2); i < Math.min(arr.length, lo + 3); i += 1) {
        const d = Math.abs(arr[i]! - pos);
        if (skipSelf && d === 0) continue;
        best = Math.min(best, d);
      }
      return best;
    };
    // A different allele at the same position counts (distance 0) unless the only P/LP record there is this variant.
    const p = this.pathogenicPositions.get(chrom);
    let d = nearest(p, false);
    if (d === 0 && exactKeyIsPathogenic && p && countAt(p, pos) <= 1) d = nearest(p, true);
    return { nearestPathogenic: d, benignNearby: nearest(this.benignPositions.get(chrom), false) <= window };
  }

  get size(): number {
    return this.index.size;
  }

  /** The ClinVar record of a GRCh38 variant, if any. */
  find(chrom: string, pos: number, ref: string, alt: string): ClinVarEntry | undefined {
    if (!this.positions.get(chrom)?.has(pos)) return undefined;
    return this.lookup(`${chrom}:${pos}:${ref}:${alt}`);
  }

  lookup(key: string): ClinVarEntry | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const t = this.t;
    return {
      key,
      key37: t.keys37[i]!,
      significance: t.significance[i]!,
      stars: t.stars[i]!,
      clinvarId: t.clinvarIds[i]!,
      geneSymbol: t.geneSymbols[i]!,
      hgvsC: t.hgvsC[i]!,
      hgvsP: t.hgvsP[i]!,
    };
  }
}

function countAt(arr: Int32Array, pos: number): number {
  let n = 0;
  for (const x of arr) if (x === pos) n += 1;
  return n;
}

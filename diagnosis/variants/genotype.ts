export type Zygosity = 'heterozygous' | 'homozygous' | 'hemizygous';

export interface SampleGenotype {
  /** allele indexes per chromosome copy; null for a missing call ('.') */
  alleles: (number | null)[];
  phased: boolean;
}

/** Parses a VCF GT value: "0/1", "1|0", "1" (haploid), "./.", "0/2", "1/1/1" (polyploid is accepted). */
export function parseGenotype(gt: string): SampleGenotype | undefined {
  if (gt === '' ) return undefined;
  const phased = gt.includes('|');
  const parts = gt.split(/[/|]/);
  const alleles: (number | null)[] = [];
  for (const p of parts) {
    if (p === '.') alleles.push(null);
    else if (/^\d+$/.test(p)) alleles.push(Number(p));
    else return undefined;
  }
  return { alleles, phased: phased && parts.length > 1 };
}

export interface AlleleCall {
  /** copies of this ALT allele in the sample */
  copies: number;
  zygosity: Zygosity;
  /** for a phased heterozygous call: which haplotype (0 or 1) carries the allele */
  haplotype?: number;
}

/**
 * The sample's call for ALT allele `altIndex` (1-based, as in GT). Undefined when the sample does not carry it or the
 * call is missing. One copy on a haploid call is hemizygous; two copies, homozygous; one of two, heterozygous (the other
 * copy may be REF or another ALT).
 */
export function alleleCall(g: SampleGenotype, altIndex: number): AlleleCall | undefined {
  const called = g.alleles.filter((a) => a !== null);
  if (called.length === 0) return undefined;
  const copies = g.alleles.filter((a) => a === altIndex).length;
  if (copies === 0) return undefined;
  if (g.alleles.length === 1) return { copies, zygosity: 'hemizygous' };
  if (copies >= 2 && copies === called.length) return { copies, zygosity: 'homozygous' };
  const call: AlleleCall = { copies, zygosity: copies >= 2 ? 'homozygous' : 'heterozygous' };
  if (g.phased && copies === 1) call.haplotype = g.alleles.indexOf(altIndex);
  return call;
}

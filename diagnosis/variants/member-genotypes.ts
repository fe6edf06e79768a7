import { parseGenotype } from './genotype.js';

/**
 * A relative's call at a site the proband carries (multi-sample VCF): how many copies of the proband's ALT allele,
 * with the depth and genotype quality the inheritance checks need to trust a reference call (a parent "0/0" at 3x
 * depth is no evidence of a de novo variant).
 */
export interface MemberGenotype {
  /** VCF sample name */
  sample: string;
  /** the GT text as written ("0/1", "./.") for display */
  gt: string;
  /** copies of this ALT allele; null when the call is missing */
  copies: number | null;
  /** number of allele slots in the call (1 for a haploid call) */
  ploidy: number;
  /** for a phased call carrying one copy: which haplotype (0 or 1) */
  haplotype?: number;
  dp?: number;
  gq?: number;
  /** no record at the site in the member's own variant-only VCF (member-vcf.ts): no copy called, and no depth to trust it */
  absent?: true;
}

/** FORMAT positions of DP and GQ; cached per FORMAT text, which rarely varies within a file. */
interface FormatKeys {
  dp: number;
  gq: number;
}
const formatCache = new Map<string, FormatKeys>();

function formatKeys(format: string): FormatKeys {
  let keys = formatCache.get(format);
  if (!keys) {
    const names = format.split(':');
    keys = { dp: names.indexOf('DP'), gq: names.indexOf('GQ') };
    if (formatCache.size > 1000) formatCache.clear(); // a pathological file with a new FORMAT per line
    formatCache.set(format, keys);
  }
  return keys;
}

const numberOrUndefined = (s: string | undefined): number | undefined => {
  if (s === undefined || s === '' || s === '.') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};

/** One member's parsed sample field, before it is read per ALT allele. */
export interface MemberField {
  sample: string;
  gt: string;
  alleles: (number | null)[] | undefined;
  phased: boolean;
  dp?: number;
  gq?: number;
}

/** Parses a sample column (GT first, as the VCF specification requires) with its DP and GQ. */
export function readMemberField(sample: string, field: string, format: string): MemberField {
  const parts = field.split(':');
  const gt = parts[0] ?? '';
  const g = parseGenotype(gt);
  const keys = formatKeys(format);
  return {
    sample,
    gt,
    alleles: g?.alleles,
    phased: g?.phased ?? false,
    dp: keys.dp >= 0 ? numberOrUndefined(parts[keys.dp]) : undefined,
    gq: keys.gq >= 0 ? numberOrUndefined(parts[keys.gq]) : undefined,
  };
}

/** The member's call for ALT allele `altIndex` (1-based, as in GT). An unreadable or all-missing GT is a missing call. */
export function memberGenotype(f: MemberField, altIndex: number): MemberGenotype {
  const out: MemberGenotype = { sample: f.sample, gt: f.gt, copies: null, ploidy: f.alleles?.length ?? 0 };
  if (f.dp !== undefined) out.dp = f.dp;
  if (f.gq !== undefined) out.gq = f.gq;
  if (!f.alleles || f.alleles.every((a) => a === null)) return out;
  out.copies = f.alleles.filter((a) => a === altIndex).length;
  if (f.phased && out.copies === 1) out.haplotype = f.alleles.indexOf(altIndex);
  return out;
}

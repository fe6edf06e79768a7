import { normaliseChrom } from '../parsers/ncbi-gene-parser.js';
import type { ChainBlock, ChainFile } from './chain-parser.js';

/**
 * Why a position could not be lifted: its chromosome has no chain, it falls between aligned blocks (absent from
 * the target assembly), the allele crosses a block boundary, or it is an indel on a minus-strand chain.
 */
export type LiftFailure = 'chromosome-not-in-chain' | 'unmapped' | 'spans-gap' | 'minus-strand-indel';

export type LiftResult =
  | { ok: true; chrom: string; pos: number; ref: string; alt: string; strand: '+' | '-' }
  | { ok: false; reason: LiftFailure };

export interface LiftedInterval {
  chrom: string;
  /** 1-based inclusive */
  start: number;
  end: number;
  strand: '+' | '-';
}

const complement: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A', N: 'N' };

export function reverseComplement(seq: string): string {
  let out = '';
  for (let i = seq.length - 1; i >= 0; i -= 1) out += complement[seq[i]!.toUpperCase()] ?? 'N';
  return out;
}

/**
 * Coordinate liftover between assemblies with UCSC chains. Positions are 1-based like VCF, chromosome names are
 * given and returned without "chr". The mitochondrion is passed through unchanged: GRCh37 "MT" and GRCh38 "chrM"
 * are both the rCRS sequence (hg19's chrM is not, which is why the UCSC chain must not be used for it).
 */
export class Liftover {
  private readonly blocks = new Map<string, ChainBlock[]>();
  /** chromosome names as given → canonical, and each chain's target name, so a lift allocates no strings */
  private readonly names = new Map<string, string>();
  private readonly qChroms: string[];

  constructor(private readonly chainFile: ChainFile) {
    this.qChroms = chainFile.chains.map((c) => normaliseChrom(c.qName));
    for (const [name, list] of chainFile.blocksByChrom) {
      const key = normaliseChrom(name);
      // Keep the primary name if an alias collides (chr1 vs 1 in the same file does not happen in UCSC files).
      if (!this.blocks.has(key)) this.blocks.set(key, list);
    }
  }

  /** Lifts a closed interval; both ends must fall in the same ungapped block. */
  liftInterval(chrom: string, start: number, end: number): LiftedInterval | LiftFailure {
    let c = this.names.get(chrom);
    if (c === undefined) {
      c = normaliseChrom(chrom);
      this.names.set(chrom, c);
    }
    if (c === 'MT') return { chrom: c, start, end, strand: '+' };
    const list = this.blocks.get(c);
    if (!list) return 'chromosome-not-in-chain';
    const block = this.findBlock(list, start - 1);
    if (!block) return 'unmapped';
    if (end - 1 >= block.tEnd) return 'spans-gap';
    const chain = this.chainFile.chains[block.chainIndex]!;
    const qChrom = this.qChroms[block.chainIndex]!;
    const offsetStart = start - 1 - block.tStart;
    const offsetEnd = end - 1 - block.tStart;
    if (chain.qStrand === '+') {
      return { chrom: qChrom, start: block.qStart + offsetStart + 1, end: block.qStart + offsetEnd + 1, strand: '+' };
    }
    // On the minus strand, q coordinates count from the end of the query chromosome.
    const qs = chain.qSize - (block.qStart + offsetEnd) - 1;
    const qe = chain.qSize - (block.qStart + offsetStart) - 1;
    return { chrom: qChrom, start: qs + 1, end: qe + 1, strand: '-' };
  }

  /**
   * Lifts a VCF-style variant. Minus-strand SNVs and MNVs are reverse-complemented; minus-strand indels are refused
   * because re-anchoring them needs the target reference sequence, which the workstation does not ship.
   * The reference allele cannot be re-checked against the target genome for the same reason.
   */
  liftVariant(chrom: string, pos: number, ref: string, alt: string): LiftResult {
    const end = pos + Math.max(ref.length, 1) - 1;
    const lifted = this.liftInterval(chrom, pos, end);
    if (typeof lifted === 'string') return { ok: false, reason: lifted };
    if (lifted.strand === '+') return { ok: true, chrom: lifted.chrom, pos: lifted.start, ref, alt, strand: '+' };
    if (ref.length !== alt.length) return { ok: false, reason: 'minus-strand-indel' };
    return {
      ok: true,
      chrom: lifted.chrom,
      pos: lifted.start,
      ref: reverseComplement(ref),
      alt: reverseComplement(alt),
      strand: '-',
    };
  }

  private findBlock(list: ChainBlock[], pos0: number): ChainBlock | undefined {
    let lo = 0;
    let hi = list.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.tStart <= pos0) {
        idx = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    // Over.chain files are netted, so blocks rarely overlap; when they do, prefer the highest-scoring chain.
    let best: ChainBlock | undefined;
    for (let i = idx; i >= 0 && i > idx - 8; i -= 1) {
      const b = list[i]!;
      if (pos0 >= b.tStart && pos0 < b.tEnd) {
        if (!best || this.chainFile.chains[b.chainIndex]!.score > this.chainFile.chains[best.chainIndex]!.score) best = b;
      }
    }
    return best;
  }
}

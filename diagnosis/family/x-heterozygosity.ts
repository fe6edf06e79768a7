import type { Pedigree } from '../case-input/pedigree.js';
import type { MemberGenotype } from '../variants/member-genotypes.js';

/**
 * Sex check from the X (as peddy and somalier do): outside the pseudo-autosomal regions a man has one X, so his X
 * calls are almost never heterozygous, while a woman's are often. A pedigree sex that the VCF contradicts is a sample
 * swap or a data-entry error, and the X-linked checks would read the wrong genotypes: it is reported, not corrected.
 * The regions are those of both builds together (GRCh37 PAR1 ends at 2,699,520, GRCh38 at 2,781,479; PAR2 starts at
 * 154,931,044 / 155,701,383), so the check needs no build.
 */
const PAR1_END = 2_781_479;
const PAR2_START = 154_931_044;
/** too few X calls say nothing */
const MIN_X_CALLS = 30;
/** a man's share of heterozygous X calls above this, or a woman's below the other, contradicts the pedigree */
const MALE_MAX_HET = 0.3;
const FEMALE_MIN_HET = 0.05;

export class XHeterozygosity {
  private readonly calls: number[];
  private readonly hets: number[];

  constructor(private readonly samples: readonly string[]) {
    this.calls = samples.map(() => 0);
    this.hets = samples.map(() => 0);
  }

  /** One proband call with every member's genotype at it (VcfCall.members order). */
  add(chrom: string, pos: number, members: readonly MemberGenotype[] | undefined): void {
    if (chrom !== 'X' || pos <= PAR1_END || pos >= PAR2_START || !members) return;
    members.forEach((g, i) => {
      if (g.copies === null || g.copies === 0) return;
      this.calls[i]! += 1;
      if (g.ploidy === 2 && g.copies === 1) this.hets[i]! += 1;
    });
  }

  /** Members whose recorded sex the X calls contradict, as messages naming the pedigree source. */
  conflicts(pedigree: Pedigree, source: string): string[] {
    const out: string[] = [];
    this.samples.forEach((id, i) => {
      const m = pedigree.members.find((x) => x.id === id);
      const n = this.calls[i]!;
      if (!m || n < MIN_X_CALLS) return;
      const share = this.hets[i]! / n;
      const pct = `${Math.round(100 * share)} % of ${n} X calls heterozygous`;
      if (m.sex === 'MALE' && share > MALE_MAX_HET) out.push(`${m.source ?? source}: "${id}" is male in the pedigree but ${pct} (a sample swap?): X-linked findings for this family need checking`);
      if (m.sex === 'FEMALE' && share < FEMALE_MIN_HET) out.push(`${m.source ?? source}: "${id}" is female in the pedigree but ${pct} (a sample swap, or X monosomy?): X-linked findings for this family need checking`);
    });
    return out;
  }
}

import { adequate, type Carries, type MemberCall } from './family-calls.js';
import type { FamilyParameters } from './family-parameters.js';

/** Whether a member has at least `copies` copies of the variant (2 for a biallelic genotype); see carries(). */
export function hasCopies(c: MemberCall | undefined, copies: number, p: FamilyParameters): Carries {
  const g = c?.g;
  if (!g || g.copies === null) return 'unknown';
  if (g.copies >= copies) return 'yes';
  // one copy called is a definite "not two"; no copy needs a reference call good enough to trust
  if (g.copies > 0) return 'no';
  return adequate(g, p) ? 'no' : 'unknown';
}

export interface Segregation {
  lr: number;
  /** members whose genotype fits their status */
  fits: string[];
  /** members whose genotype contradicts their status, each with why */
  fails: string[];
}

export interface SegregationModel {
  /** P(a relative has the genotype by chance): ½ for one copy from a carrier parent, ¼ for a biallelic genotype */
  chance: number;
  /** P(an unaffected relative has the causal genotype): incomplete penetrance */
  penetranceFailure: number;
  /**
   * Whether a fitting affected relative is evidence (an inherited variant: each informative meiosis doubles the odds);
   * a de novo variant shared by an affected sibling (germline mosaicism) fits but is not counted.
   */
  countFits: boolean;
}

/**
 * Segregation across relatives with a known affected status: an affected relative should have the proband's causal
 * genotype, an unaffected one should not (up to penetrance). Each relative who contradicts it lowers the LR by the
 * chance of that contradiction under the hypothesis (phenocopy, non-penetrance) over its chance for a random variant;
 * relatives whose call is unknown say nothing.
 */
export function segregate(
  relatives: readonly MemberCall[],
  has: (c: MemberCall) => Carries,
  what: string,
  model: SegregationModel,
  p: FamilyParameters,
): Segregation {
  const out: Segregation = { lr: 1, fits: [], fails: [] };
  for (const r of relatives) {
    const status = r.member.affected;
    if (status === 'unknown') continue;
    const h = has(r);
    if (h === 'unknown') continue;
    const name = `${r.role} ${r.member.id}`;
    if (status === 'affected' && h === 'yes') {
      if (model.countFits) {
        out.fits.push(`affected ${name} has ${what}`);
        out.lr *= 1 / model.chance;
      }
    } else if (status === 'affected') {
      out.fails.push(`affected ${name} does not have ${what}`);
      out.lr *= p.phenocopy / (1 - model.chance);
    } else if (h === 'yes') {
      out.fails.push(`unaffected ${name} has ${what}`);
      out.lr *= model.penetranceFailure / model.chance;
    } else if (model.countFits) {
      // expected, and shown, but not counted: an unaffected non-carrier is likely for any variant
      out.fits.push(`unaffected ${name} does not have ${what}`);
    }
  }
  return out;
}

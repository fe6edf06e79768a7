import type { FamilyContext } from '../variants/family-samples.js';
import type { MemberGenotype } from '../variants/member-genotypes.js';
import { familyCalls } from './family-calls.js';
import { familyParameters, type FamilyParameters } from './family-parameters.js';
import { parentalOrigin } from './parental-origin.js';

/**
 * Counts, while the VCF streams, the proband's calls and those that look de novo by the same rule as the checks
 * (both parents called without them, adequately): the trio's own background rate of apparent de novo calls, which
 * every de novo candidate is weighed against (mode-checks.ts deNovoRate).
 */
export function deNovoCounter(family: FamilyContext, p: FamilyParameters = familyParameters): (members: MemberGenotype[] | undefined) => void {
  return (members) => {
    family.calls += 1;
    if (members && parentalOrigin(familyCalls({ members }, family), p).origin === 'de novo') family.apparentDeNovo += 1;
  };
}

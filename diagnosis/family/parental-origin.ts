import { carries, unknownWhy, type FamilyCalls } from './family-calls.js';
import type { FamilyParameters } from './family-parameters.js';

/**
 * Where the proband's copy of a variant came from, read from the parents' calls:
 * - `de novo`: both parents called without it, each with adequate depth and GQ;
 * - `possible de novo`: one parent called without it, the other's call missing, thin or not sequenced (a caution);
 * - `paternal` / `maternal` / `both parents`: the parent(s) carrying it;
 * - `unknown`: no parent says anything.
 */
export type ParentalOrigin = 'de novo' | 'possible de novo' | 'paternal' | 'maternal' | 'both parents' | 'unknown';

export interface OriginFinding {
  origin: ParentalOrigin;
  caution?: string;
}

export function parentalOrigin(calls: FamilyCalls, p: FamilyParameters): OriginFinding {
  const f = carries(calls.father, p);
  const m = carries(calls.mother, p);
  if (f === 'yes' && m === 'yes') return { origin: 'both parents' };
  if (f === 'yes') return m === 'unknown' && calls.mother ? { origin: 'paternal', caution: unknownWhy(calls.mother, 'mother', p) } : { origin: 'paternal' };
  if (m === 'yes') return f === 'unknown' && calls.father ? { origin: 'maternal', caution: unknownWhy(calls.father, 'father', p) } : { origin: 'maternal' };
  if (f === 'no' && m === 'no') return { origin: 'de novo' };
  if (f === 'no') return { origin: 'possible de novo', caution: unknownWhy(calls.mother, 'mother', p) };
  if (m === 'no') return { origin: 'possible de novo', caution: unknownWhy(calls.father, 'father', p) };
  return { origin: 'unknown', caution: `${unknownWhy(calls.father, 'father', p)}; ${unknownWhy(calls.mother, 'mother', p)}` };
}

/** The parent who passed the variant on alone (the phase of a compound heterozygote), else undefined. */
export function soleParent(o: ParentalOrigin): 'father' | 'mother' | undefined {
  return o === 'paternal' ? 'father' : o === 'maternal' ? 'mother' : undefined;
}

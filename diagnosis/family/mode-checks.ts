import { hasCopies, segregate, type Segregation } from './segregation.js';
import { carries, unknownWhy, type FamilyCalls, type MemberCall } from './family-calls.js';
import type { FamilyParameters } from './family-parameters.js';
import { parentalOrigin, soleParent } from './parental-origin.js';

/** What the family says about one candidate genotype under one mode: a factor on its LR, the finding and why. */
export interface ModeFinding {
  lr: number;
  finding: string;
  /** false: the family contradicts the mode (fails segregation, or in cis); undefined: it cannot tell */
  consistent?: boolean;
  caution?: string;
}

/** The trio's own background: P(a proband call looks de novo), its count shrunk toward the usual rate. */
export function deNovoRate(apparentDeNovo: number, calls: number, p: FamilyParameters): number {
  return (apparentDeNovo + p.deNovoRatePseudoCalls * p.backgroundDeNovoRate) / (calls + p.deNovoRatePseudoCalls);
}

const joinCautions = (...c: (string | undefined)[]) => c.filter(Boolean).join('; ') || undefined;

function withSegregation(f: ModeFinding, s: Segregation): ModeFinding {
  const out = { ...f, lr: f.lr * s.lr };
  if (s.fails.length) {
    out.consistent = false;
    out.finding += `; fails segregation: ${s.fails.join(', ')}`;
  } else if (s.fits.length) {
    out.finding += `; segregates: ${s.fits.join(', ')}`;
    if (out.consistent === undefined) out.consistent = true;
  }
  return out;
}

const parents = (c: FamilyCalls) => [c.father, c.mother].filter((x): x is MemberCall => x !== undefined);

/**
 * Autosomal (or X-linked) dominant, one allele: de novo is strong evidence (P(de novo | causal) over this trio's rate
 * of apparent de novo calls); inherited, it should come from an affected parent (an unaffected carrier parent fails
 * segregation up to incomplete penetrance); affected relatives should carry it and unaffected ones not.
 */
export function dominantCheck(calls: FamilyCalls, rate: number, p: FamilyParameters): ModeFinding {
  const o = parentalOrigin(calls, p);
  let f: ModeFinding;
  if (o.origin === 'de novo') {
    f = { lr: p.deNovoGivenDominant / rate, finding: 'de novo (absent in both parents)', consistent: true };
  } else if (o.origin === 'paternal' || o.origin === 'maternal' || o.origin === 'both parents') {
    // with no affected parent, the causal variant would have been de novo in deNovoGivenDominant of cases: an inherited
    // one is that much less likely (with an affected parent the family is familial and inheritance is expected)
    const familial = parents(calls).some((c) => c.member.affected === 'affected');
    const known = parents(calls).some((c) => c.member.affected === 'unaffected');
    const share = familial || !known ? 1 : 1 - p.deNovoGivenDominant;
    f = { lr: share, finding: `inherited from ${o.origin === 'both parents' ? 'both parents' : `the ${soleParent(o.origin)}`}`, caution: o.caution };
  } else {
    f = { lr: 1, finding: o.origin === 'possible de novo' ? 'possible de novo' : 'parental origin unknown', caution: o.caution };
  }
  const inherited = o.origin === 'paternal' || o.origin === 'maternal' || o.origin === 'both parents';
  const s = segregate([...parents(calls), ...calls.relatives], (c) => hasCopies(c, 1, p), 'the variant', { chance: 0.5, penetranceFailure: p.dominantPenetranceFailure, countFits: inherited }, p);
  return withSegregation(f, s);
}

/**
 * Recessive, homozygous: both parents should be carriers (a parent called without it means a deletion on the other
 * allele, uniparental disomy or a call error: a caution); an unaffected homozygous relative fails segregation;
 * consanguinity makes the homozygous route likelier.
 */
export function homozygousCheck(calls: FamilyCalls, consanguineous: boolean, p: FamilyParameters, why = 'consanguineous parents'): ModeFinding {
  const f = carries(calls.father, p);
  const m = carries(calls.mother, p);
  let out: ModeFinding;
  if (f === 'yes' && m === 'yes') out = { lr: 1, finding: 'homozygous, both parents carriers', consistent: true };
  else if (f === 'no' || m === 'no') {
    const who = f === 'no' && m === 'no' ? 'either parent' : f === 'no' ? 'the father' : 'the mother';
    out = { lr: 1, finding: `homozygous, not carried by ${who}`, caution: 'a deletion of the other allele, uniparental disomy or a call error: check' };
  } else {
    out = { lr: 1, finding: 'homozygous, parental carrier status unknown', caution: joinCautions(f === 'unknown' ? unknownWhy(calls.father, 'father', p) : undefined, m === 'unknown' ? unknownWhy(calls.mother, 'mother', p) : undefined) };
  }
  if (consanguineous) out = { ...out, lr: out.lr * p.consanguinityHomozygousLR, finding: `${out.finding} (${why})` };
  const biallelic = { chance: 0.25, penetranceFailure: p.recessivePenetranceFailure };
  const sp = segregate(parents(calls), (c) => hasCopies(c, 2, p), 'it homozygous', { ...biallelic, countFits: false }, p);
  const sr = segregate(calls.relatives, (c) => hasCopies(c, 2, p), 'it homozygous', { ...biallelic, countFits: true }, p);
  return withSegregation(out, { lr: sp.lr * sr.lr, fits: [...sp.fits, ...sr.fits], fails: [...sp.fails, ...sr.fails] });
}

/**
 * Recessive, two heterozygous alleles: in trans when each came from a different parent (P(trans | causal) = 1 against
 * ½ for two random alleles: ×2); in cis when both came from the same parent, which is not a biallelic genotype at all
 * (lr 0: the pair is dropped); one de novo and one inherited, or parents unknown: phase unknown. Affected siblings
 * should carry both, unaffected ones not.
 */
export function compoundCheck(a: FamilyCalls, b: FamilyCalls, otherKey: string, p: FamilyParameters): ModeFinding {
  const oa = parentalOrigin(a, p);
  const ob = parentalOrigin(b, p);
  const pa = soleParent(oa.origin);
  const pb = soleParent(ob.origin);
  let out: ModeFinding;
  if (pa && pb && pa !== pb) out = { lr: 2, finding: `compound heterozygous in trans with ${otherKey} (one allele from each parent)`, consistent: true };
  else if (pa && pb) return { lr: 0, finding: `in cis with ${otherKey} (both from the ${pa}): not biallelic`, consistent: false };
  else {
    const dn = [oa.origin, ob.origin].some((o) => o === 'de novo' || o === 'possible de novo');
    out = { lr: 1, finding: `with ${otherKey}, phase unknown${dn ? ' (one allele de novo)' : ''}`, caution: joinCautions(oa.caution, ob.caution) };
  }
  // the same relatives in the same order at both variants (familyCalls): a relative has the genotype with both alleles
  const atB = new Map(a.relatives.map((r, i) => [r, b.relatives[i]] as const));
  const both = (r: MemberCall) => {
    const x = hasCopies(r, 1, p);
    const y = hasCopies(atB.get(r), 1, p);
    return x === 'no' || y === 'no' ? 'no' : x === 'yes' && y === 'yes' ? 'yes' : 'unknown';
  };
  const s = segregate(a.relatives, both, 'both alleles', { chance: 0.25, penetranceFailure: p.recessivePenetranceFailure, countFits: true }, p);
  return withSegregation(out, s);
}

/**
 * X-linked recessive in a male: his X came from his mother, so a carrier mother fits (and says little: every X
 * variant of a son is hers); a mother called without it makes it de novo (about a third of cases); a hemizygous
 * unaffected male relative (the father included) fails segregation.
 */
export function xLinkedMaleCheck(calls: FamilyCalls, rate: number, p: FamilyParameters): ModeFinding {
  const m = carries(calls.mother, p);
  let out: ModeFinding;
  // every X allele of a son is his mother's: a carrier mother says only that the variant is not new
  if (m === 'yes') out = { lr: 1 - p.deNovoGivenXRecessiveMale, finding: 'hemizygous, from the carrier mother', consistent: true };
  else if (m === 'no') out = { lr: p.deNovoGivenXRecessiveMale / rate, finding: 'hemizygous, de novo (mother does not carry it)', consistent: true };
  else out = { lr: 1, finding: 'hemizygous, maternal carrier status unknown', caution: unknownWhy(calls.mother, 'mother', p) };
  const everyone = [...parents(calls), ...calls.relatives];
  const males = calls.relatives.filter((c) => c.member.sex === 'MALE');
  const females = everyone.filter((c) => c.member.sex === 'FEMALE');
  const hemizygous = { chance: 0.5, penetranceFailure: p.recessivePenetranceFailure };
  // the father passed his Y to the proband: his call can contradict (an unaffected hemizygous man) but never fit
  const sd = segregate(calls.father ? [calls.father] : [], (c) => hasCopies(c, 1, p), 'the variant', { ...hemizygous, countFits: false }, p);
  const sm = segregate(males, (c) => hasCopies(c, 1, p), 'the variant', { ...hemizygous, countFits: m === 'yes' }, p);
  // an unaffected carrier mother or sister is expected: only homozygous females are read
  const sf = segregate(females, (c) => hasCopies(c, 2, p), 'it homozygous', { chance: 0.25, penetranceFailure: p.recessivePenetranceFailure, countFits: false }, p);
  return withSegregation(out, { lr: sd.lr * sm.lr * sf.lr, fits: [...sd.fits, ...sm.fits, ...sf.fits], fails: [...sd.fails, ...sm.fails, ...sf.fails] });
}

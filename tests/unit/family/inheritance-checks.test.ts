import { describe, expect, it } from 'vitest';
import { familyCalls } from '../../../diagnosis/family/family-calls.js';
import { familyGenotypeLR } from '../../../diagnosis/family/family-genotype.js';
import { familyParameters as P } from '../../../diagnosis/family/family-parameters.js';
import { genotypeParameters as G } from '../../../diagnosis/variants/genotype-likelihood.js';
import { compoundCheck, deNovoRate, dominantCheck, homozygousCheck, xLinkedMaleCheck } from '../../../diagnosis/family/mode-checks.js';
import { parentalOrigin } from '../../../diagnosis/family/parental-origin.js';
import { family, trio, variant } from './trio-fixtures.js';

// Calls are written proband, father, mother (then siblings), as in the family lines; "GT:DP:GQ".
const rate = deNovoRate(30, 40_000, P);

describe('parental origin and de novo', () => {
  const t = trio();
  const origin = (calls: string[]) => parentalOrigin(familyCalls(variant('1:100:A:G', calls), t), P);

  it('de novo: absent in both parents with adequate depth and GQ', () => {
    expect(origin(['0/1:40:99', '0/0:35:99', '0/0:30:90'])).toEqual({ origin: 'de novo' });
    expect(origin(['0/1', '0/0', '0/0'])).toEqual({ origin: 'de novo' }); // no DP/GQ in the VCF: taken at its word
  });

  it('a missing or thin parental call is a caution, not a de novo', () => {
    expect(origin(['0/1:40:99', '0/0:35:99', './.'])).toEqual({ origin: 'possible de novo', caution: "the mother's call is missing (./.)" });
    expect(origin(['0/1:40:99', '0/0:4:99', '0/0:30:99'])).toEqual({ origin: 'possible de novo', caution: "the father's reference call is low quality (DP 4)" });
    expect(origin(['0/1:40:99', '0/0:30:7', '0/0:3:5'])).toMatchObject({ origin: 'unknown' });
    expect(origin(['0/1', './.', './.']).caution).toBe("the father's call is missing (./.); the mother's call is missing (./.)");
  });

  it('inherited: the carrying parent, with a caution when the other call is missing', () => {
    expect(origin(['0/1', '0/1', '0/0'])).toEqual({ origin: 'paternal' });
    expect(origin(['0/1', '0/0', '0/1'])).toEqual({ origin: 'maternal' });
    expect(origin(['0/1', './.', '0/1'])).toEqual({ origin: 'maternal', caution: "the father's call is missing (./.)" });
    expect(origin(['1/1', '0/1', '0/1'])).toEqual({ origin: 'both parents' });
  });

  it('an unsequenced parent (not in the VCF) is unknown', () => {
    const duo = family(['kid F A dad mum', 'dad M U', 'mum F U']);
    duo.memberIndex.delete('mum');
    expect(parentalOrigin(familyCalls(variant('1:1:A:G', ['0/1', '0/0']), duo), P)).toEqual({ origin: 'possible de novo', caution: 'the mother was not sequenced' });
  });
});

describe('autosomal dominant', () => {
  const t = trio();
  const check = (calls: string[], fam = t) => dominantCheck(familyCalls(variant('1:100:A:G', calls), fam), rate, P);

  it('de novo is strong evidence, weighed against the trio\'s rate of apparent de novo calls', () => {
    const f = check(['0/1:40:99', '0/0:35:99', '0/0:30:90']);
    expect(f).toMatchObject({ consistent: true, finding: 'de novo (absent in both parents)' });
    expect(f.lr).toBeCloseTo(P.deNovoGivenDominant / rate);
    expect(f.lr).toBeGreaterThan(100);
    // a noisy trio (400 apparent de novo calls) makes each of them weaker
    expect(P.deNovoGivenDominant / deNovoRate(400, 40_000, P)).toBeLessThan(f.lr / 5);
  });

  it('inherited from an unaffected parent fails segregation; from an affected parent it fits', () => {
    const fromHealthy = check(['0/1', '0/1', '0/0']);
    expect(fromHealthy).toMatchObject({ consistent: false, finding: expect.stringContaining('fails segregation: unaffected father dad has the variant') });
    // inherited at all (no affected parent: it would have been de novo half the time), then from a non-penetrant parent
    expect(fromHealthy.lr).toBeCloseTo((1 - P.deNovoGivenDominant) * (P.dominantPenetranceFailure / 0.5));
    const affectedDad = family(['kid F A dad mum', 'dad M A', 'mum F U']);
    const fromAffected = check(['0/1', '0/1', '0/0'], affectedDad);
    expect(fromAffected).toMatchObject({ consistent: true, lr: 2, finding: 'inherited from the father; segregates: affected father dad has the variant, unaffected mother mum does not have the variant' });
  });

  it('segregation across siblings: affected sibs carry it, unaffected ones do not', () => {
    const fam = family(['kid F A dad mum', 'dad M A', 'mum F U', 'sis F A dad mum', 'bro M U dad mum']);
    expect(check(['0/1', '0/1', '0/0', '0/1', '0/0'], fam).lr).toBeCloseTo(4);
    const fails = check(['0/1', '0/1', '0/0', '0/0', '0/1'], fam);
    expect(fails.consistent).toBe(false);
    expect(fails.finding).toContain('affected sibling sis does not have the variant');
    expect(fails.finding).toContain('unaffected sibling bro has the variant');
    expect(fails.lr).toBeLessThan(0.1);
  });

  it('a missing parental call says nothing either way', () => {
    expect(check(['0/1', '0/0', './.'])).toMatchObject({ lr: 1, finding: 'possible de novo', caution: "the mother's call is missing (./.)" });
    expect(check(['0/1', './.', './.'])).toMatchObject({ lr: 1, finding: 'parental origin unknown' });
  });
});

describe('autosomal recessive', () => {
  const t = trio();
  const calls = (c: string[]) => familyCalls(variant('1:1:A:G', c), t);

  it('compound heterozygous in trans: one allele from each parent', () => {
    const f = compoundCheck(calls(['0/1', '0/1', '0/0']), calls(['0/1', '0/0', '0/1']), '1:2:C:T', P);
    expect(f).toMatchObject({ lr: 2, consistent: true, finding: 'compound heterozygous in trans with 1:2:C:T (one allele from each parent)' });
  });

  it('in cis: both alleles from the same parent is not a biallelic genotype', () => {
    expect(compoundCheck(calls(['0/1', '0/1', '0/0']), calls(['0/1', '0/1', '0/0']), '1:2:C:T', P)).toMatchObject({ lr: 0, consistent: false, finding: 'in cis with 1:2:C:T (both from the father): not biallelic' });
  });

  it('phase unknown with a missing parental call or a de novo allele', () => {
    expect(compoundCheck(calls(['0/1', '0/1', './.']), calls(['0/1', './.', './.']), 'b', P)).toMatchObject({ lr: 1, finding: 'with b, phase unknown' });
    expect(compoundCheck(calls(['0/1', '0/1', '0/0']), calls(['0/1', '0/0', '0/0']), 'b', P)).toMatchObject({ lr: 1, finding: 'with b, phase unknown (one allele de novo)' });
  });

  it('compound heterozygous: an unaffected sibling with both alleles fails segregation, an affected one fits', () => {
    const fam = family(['kid F A dad mum', 'dad M U', 'mum F U', 'sis F A dad mum', 'bro M U dad mum']);
    const at = (c: string[]) => familyCalls(variant('1:1:A:G', c), fam);
    const fits = compoundCheck(at(['0/1', '0/1', '0/0', '0/1', '0/1']), at(['0/1', '0/0', '0/1', '0/1', '0/0']), 'b', P);
    expect(fits).toMatchObject({ lr: 2 * 4, consistent: true, finding: expect.stringContaining('segregates: affected sibling sis has both alleles') });
    const fails = compoundCheck(at(['0/1', '0/1', '0/0', '0/1', '0/1']), at(['0/1', '0/0', '0/1', '0/1', '0/1']), 'b', P);
    expect(fails.consistent).toBe(false);
    expect(fails.finding).toContain('unaffected sibling bro has both alleles');
  });

  it('homozygous with both parents carriers; a parent without it is a caution; an unaffected homozygous parent fails', () => {
    expect(homozygousCheck(calls(['1/1', '0/1', '0/1']), false, P)).toMatchObject({ lr: 1, consistent: true, finding: 'homozygous, both parents carriers' });
    expect(homozygousCheck(calls(['1/1', '0/1', '0/0:30:99']), false, P)).toMatchObject({ lr: 1, finding: 'homozygous, not carried by the mother', caution: expect.stringContaining('uniparental disomy') });
    const healthyHom = homozygousCheck(calls(['1/1', '1/1', '0/1']), false, P);
    expect(healthyHom.consistent).toBe(false);
    expect(healthyHom.lr).toBeLessThan(0.1);
    expect(homozygousCheck(calls(['1/1', '0/1', './.']), false, P)).toMatchObject({ lr: 1, caution: "the mother's call is missing (./.)" });
  });

  it('consanguinity raises homozygous candidates', () => {
    expect(homozygousCheck(calls(['1/1', '0/1', '0/1']), true, P)).toMatchObject({ lr: P.consanguinityHomozygousLR, finding: 'homozygous, both parents carriers (consanguineous parents)' });
  });

  it('gene level: the trans pair beats the singleton pair; a cis pair leaves a carrier; consanguinity favours the homozygote', () => {
    const a = variant('1:10:A:G', ['0/1', '0/1', '0/0'], 200);
    const b = variant('1:20:C:T', ['0/1', '0/0', '0/1'], 50);
    const trans = familyGenotypeLR([a, b], ['recessive'], 'FEMALE', t);
    expect(trans).toMatchObject({ mode: 'recessive', satisfied: true, lr: 200 * G.biallelicRecessiveFactor });
    expect(trans.inheritance!.map((i) => i.finding)).toEqual([
      'compound heterozygous in trans with 1:20:C:T (one allele from each parent)',
      'compound heterozygous in trans with 1:10:A:G (one allele from each parent)',
    ]);
    expect(trans.inheritance![0]!.members).toEqual([
      { id: 'kid', role: 'proband', affected: 'affected', gt: '0/1' },
      { id: 'dad', role: 'father', affected: 'unaffected', gt: '0/1' },
      { id: 'mum', role: 'mother', affected: 'unaffected', gt: '0/0' },
    ]);
    const cisB = variant('1:20:C:T', ['0/1', '0/1', '0/0'], 50);
    expect(familyGenotypeLR([a, cisB], ['recessive'], 'FEMALE', t)).toMatchObject({ satisfied: false, lr: 200 * G.singleRecessiveAlleleFactor, reason: 'one heterozygous allele only: the disease needs two' });
    const hom = variant('1:30:G:A', ['1/1', '0/1', '0/1'], 100);
    const outbred = familyGenotypeLR([a, b, hom], ['recessive'], 'FEMALE', t);
    expect(outbred.variants.map((v) => v.key)).toEqual(['1:10:A:G', '1:20:C:T']);
    const related = familyGenotypeLR([a, b, hom], ['recessive'], 'FEMALE', trio('F', { consanguineous: true }));
    expect(related).toMatchObject({ lr: 300 * G.biallelicRecessiveFactor, variants: [hom] });
  });
});

describe('X-linked recessive in a male', () => {
  const t = trio('M');
  const check = (calls: string[], fam = t) => xLinkedMaleCheck(familyCalls(variant('X:100:A:G', calls), fam), rate, P);

  it('from the carrier mother fits; a non-carrier mother makes it de novo', () => {
    expect(check(['1', '0', '0/1'])).toMatchObject({ lr: 1 - P.deNovoGivenXRecessiveMale, consistent: true, finding: 'hemizygous, from the carrier mother' });
    const dn = check(['1', '0', '0/0:30:99']);
    expect(dn.finding).toBe('hemizygous, de novo (mother does not carry it)');
    expect(dn.lr).toBeCloseTo(P.deNovoGivenXRecessiveMale / rate);
    expect(check(['1', '0', './.'])).toMatchObject({ lr: 1, caution: "the mother's call is missing (./.)" });
  });

  it('an unaffected hemizygous father or brother fails segregation; an affected brother who carries it fits', () => {
    expect(check(['1', '1', '0/1']).consistent).toBe(false);
    const fam = family(['kid M A dad mum', 'dad M U', 'mum F U', 'bro M A dad mum', 'bro2 M U dad mum']);
    expect(check(['1', '0', '0/1', '1', '0'], fam)).toMatchObject({ lr: 2 * (1 - P.deNovoGivenXRecessiveMale), consistent: true });
    expect(check(['1', '0', '0/1', '1', '1'], fam).consistent).toBe(false);
  });

  it('gene level: a male uses the X-linked check (on the X only), a female the recessive one', () => {
    const autosomal = variant('6:100:A:G', ['0/1', '0/1', '0/0'], 200);
    expect(familyGenotypeLR([autosomal], ['x-recessive'], 'MALE', t)).toMatchObject({ satisfied: false, lr: 200 * G.singleRecessiveAlleleFactor, reason: 'no qualifying variant on the X chromosome' });
    const v = variant('X:100:A:G', ['1', '0', '0/1'], 200);
    expect(familyGenotypeLR([v], ['x-recessive'], 'MALE', t)).toMatchObject({ satisfied: true, lr: 200 * (1 - P.deNovoGivenXRecessiveMale), inheritance: [expect.objectContaining({ finding: 'hemizygous, from the carrier mother' })] });
    const het = variant('X:100:A:G', ['0/1', '0', '0/1'], 200);
    expect(familyGenotypeLR([het], ['x-recessive'], 'FEMALE', trio('F'))).toMatchObject({ satisfied: false, lr: 200 * G.singleRecessiveAlleleFactor });
  });
});

describe('gene level, dominant', () => {
  it('a de novo candidate outranks an inherited one of a stronger tier; failing segregation is not satisfied', () => {
    const t = trio();
    const dn = variant('1:10:A:G', ['0/1:40:99', '0/0:30:99', '0/0:30:99'], 2);
    const inherited = variant('1:20:C:T', ['0/1', '0/1', '0/0'], 200);
    const r = familyGenotypeLR([dn, inherited], ['dominant'], 'FEMALE', t);
    expect(r.variants).toEqual([dn]);
    expect(r.lr).toBeCloseTo(2 * P.deNovoGivenDominant / rate);
    const only = familyGenotypeLR([inherited], ['dominant'], 'FEMALE', t);
    expect(only.satisfied).toBe(false);
    expect(only.lr).toBeCloseTo(200 * 0.5 * 0.2);
    expect(only.reason).toContain('fails segregation');
  });
});

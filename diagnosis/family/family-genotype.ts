import type { Sex } from '../case-input/case-findings.js';
import type { FamilyContext } from '../variants/family-samples.js';
import { genotypeLR, genotypeParameters, type GenotypeCheck, type VariantInheritance } from '../variants/genotype-likelihood.js';
import type { InheritanceMode } from '../variants/inheritance-modes.js';
import type { AnnotatedVariant } from '../variants/variant-annotator.js';
import { familyCalls, membersOut, type FamilyCalls } from './family-calls.js';
import { familyParameters, type FamilyParameters } from './family-parameters.js';
import { compoundCheck, deNovoRate, dominantCheck, homozygousCheck, xLinkedMaleCheck, type ModeFinding } from './mode-checks.js';

interface Candidate {
  lr: number;
  variants: AnnotatedVariant[];
  findings: ModeFinding[];
  reason: string;
}

const onX = (v: AnnotatedVariant) => v.key.startsWith('X:');
const byLR = (a: AnnotatedVariant, b: AnnotatedVariant) => b.assessment.lr - a.assessment.lr;

/**
 * The genotype LR of one gene for a disease with the given modes, when the proband's family was sequenced: the
 * singleton check of genotype-likelihood.ts (tier LR of the best allele, homozygote or pair that fits the mode), with
 * each candidate's tier LR multiplied by what the family says of it (mode-checks.ts): de novo in a dominant gene is
 * strong against this trio's own rate of apparent de novo calls, an inherited candidate failing segregation drops, a
 * pair in cis is no biallelic genotype, consanguinity raises homozygotes. The best fitting candidate over the modes
 * wins, as in the singleton check; its inheritance findings come with every member's call.
 */
export function familyGenotypeLR(
  variants: AnnotatedVariant[],
  modes: readonly InheritanceMode[],
  sex: Sex | undefined,
  family: FamilyContext,
  p: FamilyParameters = familyParameters,
): GenotypeCheck {
  const qualifying = variants.filter((v) => v.assessment.lr > 0);
  if (qualifying.length === 0) return genotypeLR(variants, modes, sex);
  const rate = deNovoRate(family.apparentDeNovo, family.calls, p);
  const calls = new Map<AnnotatedVariant, FamilyCalls>(qualifying.map((v) => [v, familyCalls(v, family)]));
  const c = (v: AnnotatedVariant) => calls.get(v)!;
  let best: GenotypeCheck | undefined;
  for (const mode of modes) {
    let cand: Candidate | undefined;
    let satisfied = true;
    if (mode === 'dominant' || mode === 'x-dominant') {
      for (const v of qualifying) cand = better(cand, one(v, dominantCheck(c(v), rate, p), `${v.call.zygosity} allele`));
    } else if (mode === 'x-recessive' && sex === 'MALE') {
      // only a variant on the X is hemizygous in a son (a disease whose mode is open is checked this way too)
      for (const v of qualifying) if (onX(v)) cand = better(cand, one(v, xLinkedMaleCheck(c(v), rate, p), 'hemizygous allele in a male'));
      if (!cand) {
        const v = [...qualifying].sort(byLR)[0]!;
        cand = { lr: v.assessment.lr * genotypeParameters.singleRecessiveAlleleFactor, variants: [v], findings: [], reason: 'no qualifying variant on the X chromosome' };
        satisfied = false;
      }
    } else if (mode === 'recessive' || mode === 'x-recessive') {
      cand = recessive(qualifying, c, family.pedigree.consanguineous, p);
      if (cand) cand = { ...cand, lr: cand.lr * genotypeParameters.biallelicRecessiveFactor };
      else {
        const v = [...qualifying].sort(byLR)[0]!;
        cand = { lr: v.assessment.lr * genotypeParameters.singleRecessiveAlleleFactor, variants: [v], findings: [], reason: 'one heterozygous allele only: the disease needs two' };
        satisfied = false;
      }
    } else {
      // mitochondrial, Y-linked: the singleton check (the family is not read for these modes)
      const check = genotypeLR(qualifying, [mode], sex);
      if (!best || check.lr > best.lr) best = check;
      continue;
    }
    if (!cand) continue;
    const failing = cand.findings.some((f) => f.consistent === false);
    const check: GenotypeCheck = {
      mode,
      satisfied: satisfied && !failing,
      lr: cand.lr,
      variants: cand.variants,
      reason: `${cand.reason}${cand.findings.length ? `: ${cand.findings.map((f) => f.finding).join('; ')}` : ''}`,
      inheritance: cand.variants.map((v, i) => inheritanceOut(v, cand.findings[i], c(v))),
    };
    if (!best || check.lr > best.lr) best = check;
  }
  return best ?? genotypeLR(variants, modes, sex);
}

function one(v: AnnotatedVariant, f: ModeFinding, reason: string): Candidate {
  return { lr: v.assessment.lr * f.lr, variants: [v], findings: [f], reason };
}

function better(a: Candidate | undefined, b: Candidate): Candidate {
  return !a || b.lr > a.lr ? b : a;
}

/** The best biallelic candidate: a homozygote, or a pair of heterozygotes not in cis (phased or by the parents). */
function recessive(all: AnnotatedVariant[], c: (v: AnnotatedVariant) => FamilyCalls, consanguineous: boolean, p: FamilyParameters): Candidate | undefined {
  // an extra copy (a duplication) is not a lost allele: neither a homozygote nor half of a pair (as in the singleton check)
  const qualifying = all.filter((v) => !v.assessment.dosageGain);
  let cand: Candidate | undefined;
  for (const v of qualifying) {
    // stated consanguinity, or runs of homozygosity around this homozygote that say the parents are related
    if (v.call.copies >= 2 || v.call.zygosity === 'hemizygous') cand = better(cand, one(v, homozygousCheck(c(v), consanguineous || v.autozygous === true, p, consanguineous ? undefined : 'in a region of homozygosity: parents likely related'), `${v.call.zygosity} allele`));
  }
  const hets = qualifying.filter((v) => v.call.zygosity === 'heterozygous');
  for (let i = 0; i < hets.length; i += 1) {
    for (let j = i + 1; j < hets.length; j += 1) {
      const a = hets[i]!;
      const b = hets[j]!;
      if (a.call.haplotype !== undefined && b.call.haplotype !== undefined && a.call.haplotype === b.call.haplotype) continue;
      const fa = compoundCheck(c(a), c(b), b.key, p);
      if (fa.lr === 0) continue; // in cis, by the parents
      const fb = compoundCheck(c(b), c(a), a.key, p);
      // the pair's factor once (fa), on the geometric mean of the two alleles' tier LRs, as in the singleton check
      const lr = Math.sqrt(a.assessment.lr * b.assessment.lr) * fa.lr;
      cand = better(cand, { lr, variants: [a, b], findings: [fa, { ...fb, lr: fa.lr }], reason: 'two heterozygous alleles' });
    }
  }
  return cand;
}

function inheritanceOut(v: AnnotatedVariant, f: ModeFinding | undefined, calls: FamilyCalls): VariantInheritance {
  return {
    key: v.key,
    finding: f?.finding ?? 'not checked',
    lr: f?.lr ?? 1,
    ...(f?.consistent !== undefined ? { consistent: f.consistent } : {}),
    ...(f?.caution ? { caution: f.caution } : {}),
    members: membersOut(calls),
  };
}

import { genotypeParameters } from '../variants/genotype-likelihood.js';

/**
 * Constants of the family (trio, pedigree) evidence. Global, like every ranker constant: none is specific to a gene or
 * a disease. Each is a probability or a ratio a clinical geneticist can check; the factors they give multiply the
 * variant's tier LR (variant-pathogenicity.ts) in the genotype check.
 */
export const familyParameters = {
  /** a parent's reference call counts as "does not carry" only with at least this depth and genotype quality */
  minDepth: 10,
  minGenotypeQuality: 20,
  /**
   * P(the causal variant arose de novo | the disease is dominant and this variant causes it): most patients with a
   * severe dominant disorder seen in a genetics clinic carry a de novo variant; familial cases are the rest.
   */
  deNovoGivenDominant: 0.5,
  /** the same for an X-linked recessive disease in a male (Haldane: about a third of the mutant X are new) */
  deNovoGivenXRecessiveMale: 1 / 3,
  /**
   * The background rate of apparent de novo calls when a trio's own rate cannot be measured: a few dozen per exome of
   * ~40,000 calls (true de novo plus errors). A trio's rate is its own count shrunk toward this with
   * `deNovoRatePseudoCalls` calls, so a noisy trio (hundreds of apparent de novo calls) weakens every one of them.
   */
  backgroundDeNovoRate: 30 / 40_000,
  deNovoRatePseudoCalls: 4_000,
  /**
   * Incomplete penetrance: P(an unaffected carrier | the variant causes a dominant disease). An unaffected parent or
   * sibling carrying the candidate is evidence against it by this over the ½ chance of carrying a random variant.
   */
  dominantPenetranceFailure: 0.1,
  /** the same for a biallelic genotype of a recessive disease (rarely non-penetrant) */
  recessivePenetranceFailure: 0.02,
  /** P(an affected relative does not share the causal genotype): a phenocopy, a misassigned status */
  phenocopy: 0.05,
  /**
   * In a consanguineous family most recessive disease is homozygous by descent: the homozygous route is this many
   * times likelier than in an outbred family, where it and the compound heterozygous route are taken as equal.
   */
  consanguinityHomozygousLR: genotypeParameters.autozygousHomozygousLR,
};

export type FamilyParameters = typeof familyParameters;

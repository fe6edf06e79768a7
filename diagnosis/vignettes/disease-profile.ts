import type { DiseaseModes } from '../ranking/genotype-scores.js';
import type { InheritanceMode } from '../variants/inheritance-modes.js';
import type { OnsetModel } from '../ranking/onset.js';
import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import { frequencyDistribution, meanFrequency, type FrequencyDistribution } from './feature-frequency.js';
import type { VignetteParameters } from './vignette-parameters.js';

export interface ProfileFeature {
  /** the annotation (index into the model's annotation arrays) and its term */
  annotation: number;
  term: number;
  frequency: FrequencyDistribution;
  /** youngest age at which the feature appears (−Infinity when the source gives no onset) */
  onsetLow: number;
}

/** What a disease's synthetic patients are drawn from. */
export interface DiseaseProfile {
  disease: number;
  /** positive phenotypic-abnormality annotations (clinical course, inheritance and modifiers are not findings) */
  features: ProfileFeature[];
  /** terms the disease is annotated NOT to have (NOT rows, class "Excluded"): candidates for excluded findings */
  absent: number[];
  /** the disease's onset classes as age ranges in years (empty: unknown) */
  onsetRanges: (readonly [number, number])[];
  /** P(the patient is male) from the modes of inheritance */
  maleProbability: number;
}

/**
 * The profile of disease `d`, or undefined when it has no phenotypic feature to draw (no vignette can be made).
 * The modes of inheritance are the ranker's (the disease's own HPO terms, else its MONDO twin's, else its genes'
 * other diseases'), so a synthetic patient's sex follows the same knowledge the ranker reads.
 */
export function diseaseProfile(m: PhenotypeModel, onset: OnsetModel, modes: DiseaseModes, d: number, p: VignetteParameters): DiseaseProfile | undefined {
  const features: ProfileFeature[] = [];
  const absent: number[] = [];
  for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
    const term = m.annTerm[a]!;
    if (m.termAspects[term] !== 'P') continue;
    if (m.isNegative(a)) {
      absent.push(term);
      continue;
    }
    features.push({ annotation: a, term, frequency: frequencyDistribution(m.frequencyEvidence(a), p), onsetLow: onset.featureOnsetLow[a]! });
  }
  if (features.length === 0) return undefined;
  return { disease: d, features, absent, onsetRanges: onset.diseaseRanges[d]!, maleProbability: maleProbability(modes.sets[modes.setOf[d]!]!, p) };
}

/**
 * P(male) from the modes of inheritance: the mean over the disease's modes (X-linked recessive mostly males, X-linked
 * dominant two females for one male, Y-linked males only, the others even). A disease whose modes are unknown (the
 * ranker leaves every mode open) is even too.
 */
function maleProbability(set: readonly InheritanceMode[], p: VignetteParameters): number {
  if (set.length === 0 || set.length >= ALL_MODES) return 0.5;
  const male = (x: InheritanceMode) => (x === 'x-recessive' ? p.xRecessiveMale : x === 'x-dominant' ? p.xDominantMale : x === 'y-linked' ? 1 : 0.5);
  return set.reduce((s, x) => s + male(x), 0) / set.length;
}

/** modesOf() lists every mode (six) when a disease's inheritance is unknown */
const ALL_MODES = 6;

/** The expected number of the disease's features a patient has (a profile's richness, for reports). */
export const expectedFeatureCount = (profile: DiseaseProfile) => profile.features.reduce((s, f) => s + meanFrequency(f.frequency), 0);

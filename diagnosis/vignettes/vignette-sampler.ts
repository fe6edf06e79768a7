import { diseaseModes, type DiseaseModes } from '../ranking/genotype-scores.js';
import { OnsetModel } from '../ranking/onset.js';
import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import { CommonFindings } from './common-findings.js';
import { diseaseProfile, type DiseaseProfile } from './disease-profile.js';
import { drawFrequency, meanFrequency } from './feature-frequency.js';
import { Imprecision } from './imprecision.js';
import { below, exponential, keyedRandom, pickDistinct, uniform, type Random } from './seeded-random.js';
import type { Vignette } from './vignette.js';
import { defaultVignetteParameters, type VignetteParameters } from './vignette-parameters.js';

/** Attempts at drawing a patient with at least minReported recorded features before one is made to have one. */
const MAX_ATTEMPTS = 50;

/**
 * Synthetic vignettes from a snapshot's knowledge (the phenotype model of its ranking tables). A vignette of disease
 * D is drawn as a patient of D would be seen:
 *
 * 1. sex from D's modes of inheritance, age from its onset classes plus a delay (none when D has no onset);
 * 2. each of D's phenotypic features independently, with a chance drawn from what the source says about its frequency
 *    (feature-frequency.ts); a sex-specific feature only in that sex; a feature not yet due at the age is absent;
 * 3. omissions: each feature the patient has is recorded with probability reportRate, at most maxReported; a patient
 *    with fewer than minReported recorded features is drawn again (a patient comes to attention with a finding);
 * 4. imprecision: a recorded feature is given as an ancestor with probability imprecisionRate (imprecision.ts);
 * 5. noise: noiseMin..noiseMax unrelated common findings (common-findings.ts);
 * 6. excluded findings: 0..maxExcluded of D's features this patient lacks (the rare ones, mostly) and of the terms D is
 *    annotated NOT to have, never one that a present finding implies.
 *
 * Everything random comes from keyedRandom(seed, disease id, vignette number): reproducible and order-free.
 */
export class VignetteSampler {
  readonly onset: OnsetModel;
  readonly modes: DiseaseModes;
  readonly parameters: VignetteParameters;
  private readonly common: CommonFindings;
  private readonly imprecision: Imprecision;
  private readonly profiles = new Map<number, DiseaseProfile | null>();

  constructor(
    readonly model: PhenotypeModel,
    parameters: Partial<VignetteParameters> = {},
  ) {
    this.parameters = { ...defaultVignetteParameters, ...parameters };
    this.onset = new OnsetModel(model);
    this.modes = diseaseModes(model);
    this.common = new CommonFindings(model, this.parameters);
    this.imprecision = new Imprecision(model, this.parameters);
  }

  /** The disease's profile (cached), or undefined when it has no phenotypic feature. */
  profile(diseaseId: string): DiseaseProfile | undefined {
    const d = this.model.diseaseIndex.get(diseaseId);
    if (d === undefined) return undefined;
    let p = this.profiles.get(d);
    if (p === undefined) {
      p = diseaseProfile(this.model, this.onset, this.modes, d, this.parameters) ?? null;
      this.profiles.set(d, p);
    }
    return p ?? undefined;
  }

  /** Ids of every disease a vignette can be drawn for, in the model's order. */
  diseasesWithProfile(): string[] {
    return this.model.diseaseIds.filter((id) => this.profile(id) !== undefined);
  }

  /** Vignette `index` of a disease; undefined when the disease has no profile in this knowledge. */
  sample(diseaseId: string, index: number, seed: number): Vignette | undefined {
    const profile = this.profile(diseaseId);
    if (!profile) return undefined;
    const m = this.model;
    const p = this.parameters;
    const r = keyedRandom(seed, diseaseId, index);
    const sex = r() < profile.maleProbability ? 'MALE' : 'FEMALE';
    const ageYears = drawAge(r, profile, p.meanDiagnosticDelay);
    const forSex = profile.features.filter((f) => m.appliesToSex(f.annotation, sex));
    const dueNow = forSex.filter((f) => ageYears === undefined || f.onsetLow <= ageYears);
    // a patient seen before any feature is due (or of the other sex than every feature) is seen with what there is
    const due = dueNow.length ? dueNow : forSex.length ? forSex : profile.features;

    // 2-3: the features the patient has, and those recorded
    const need = Math.min(p.minReported, due.length);
    let has: boolean[] = [];
    let recorded: number[] = [];
    for (let attempt = 1; ; attempt += 1) {
      has = due.map((f) => r() < drawFrequency(f.frequency, r));
      recorded = pickDistinct(r, due.flatMap((f, i) => (has[i] && r() < p.reportRate ? [i] : [])), p.maxReported);
      if (recorded.length >= need || attempt >= MAX_ATTEMPTS) break;
    }
    if (recorded.length < need) {
      // the rare disease whose every feature is improbable: the patient shows its most frequent one
      const best = due.reduce((b, f, i) => (meanFrequency(f.frequency) > meanFrequency(due[b]!.frequency) ? i : b), 0);
      has[best] = true;
      recorded = [best];
    }

    // 4: imprecision
    const present: number[] = [];
    const origin: Vignette['origin'] = [];
    for (const i of recorded) {
      const t = due[i]!.term;
      const given = r() < p.imprecisionRate ? this.imprecision.generalise(t, r) : t;
      // two features given as the same ancestor are one finding
      if (present.includes(given)) continue;
      present.push(given);
      origin.push(given === t ? 'feature' : 'imprecise');
    }

    // 5: unrelated common findings
    const noise = this.common.draw(r, profile.features.map((f) => f.term), p.noiseMin + below(r, p.noiseMax - p.noiseMin + 1));
    for (const t of noise) {
      present.push(t);
      origin.push('unrelated');
    }

    // 6: excluded findings, never implied by what the patient has (a present term or one of its descendants)
    const hasTerms = [...due.filter((_, i) => has[i]).map((f) => f.term), ...present];
    const lacks = [...due.filter((_, i) => !has[i]).map((f) => f.term), ...profile.absent];
    const candidates = [...new Set(lacks)].filter((t) => !hasTerms.some((h) => m.isAncestorOrSelf(t, h)));
    const excluded = pickDistinct(r, candidates, below(r, p.maxExcluded + 1));

    return {
      diseaseId,
      index,
      present: present.map((t) => m.termIds[t]!),
      excluded: excluded.map((t) => m.termIds[t]!),
      sex,
      ...(ageYears === undefined ? {} : { ageYears }),
      origin,
    };
  }
}

/**
 * Age in years: an onset drawn from one of the disease's onset classes (uniform in its range; antenatal onsets are
 * seen at birth), plus an exponential delay to the recorded visit, at most 90. Unknown onset: unknown age.
 */
function drawAge(r: Random, profile: DiseaseProfile, meanDelay: number): number | undefined {
  const ranges = profile.onsetRanges;
  if (ranges.length === 0) return undefined;
  const [low, high] = ranges[below(r, ranges.length)]!;
  const onset = Math.max(0, uniform(r, low, high));
  return Math.round(Math.min(90, onset + exponential(r, meanDelay)) * 100) / 100;
}

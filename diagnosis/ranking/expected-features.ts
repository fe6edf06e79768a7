import type { FrequencyTables } from './frequency-tables.js';
import type { OnsetModel } from './onset.js';
import type { PhenotypeModel } from './phenotype-model.js';

export interface ExpectedFeatureParameters {
  /** only features at least this frequent (effective frequency) count as expected */
  expectedMinFrequency: number;
  /** at most this many of a disease's expected features are weighed (its hallmarks: frequency × specificity) */
  expectedMaxFeatures: number;
  /** P(a feature the patient has goes unreported) for a general feature (IC 0) ... */
  missRateGeneral: number;
  /** ... and for a most specific one (IC of a single-disease term): specific hallmarks are reported more reliably */
  missRateSpecific: number;
  /** the most the unreported features may lower a disease, as ln LR (a bound: reports are incomplete) */
  expectedPenaltyCap: number;
}

/**
 * Expected but not reported: a disease's hallmark features that the patient was not said to have or to lack.
 *
 * A clinician reports most of a patient's striking findings but not all, so an unreported feature is weak evidence
 * that it is absent: with f = P(feature | disease), r = P(a present feature goes unreported) and bg its background
 * frequency, P(not reported | D) / P(not reported | other) = (1 − f(1 − r)) / (1 − bg(1 − r)). This is much weaker than
 * an explicit exclusion ((1 − f) / (1 − bg)), grows with the frequency of the feature and with its specificity (r is
 * lower for specific hallmarks), and is bounded overall. Only the disease's most characteristic features count
 * (frequent, the top few by frequency × information content), a feature related to any reported term (an ancestor or
 * descendant of a present or excluded one) is covered by that term, and a feature not yet due at the patient's age is
 * not expected. This replaces the profile-coverage factor, which punished well-described diseases for their long
 * annotation lists.
 */
export class ExpectedFeatures {
  /** per disease, its hallmark annotations, most characteristic first: hallAnn[hallOffsets[d] .. hallOffsets[d+1]) */
  private readonly hallOffsets: Int32Array;
  private readonly hallAnn: Int32Array;
  private readonly hallTerm: Int32Array;
  /** ln LR of each hallmark when unreported, precomputed (it does not depend on the case) */
  private readonly hallLn: Float64Array;
  /**
   * For each term x, the distinct hallmark terms at or under it (whose closure holds x): a reported term relates every
   * hallmark under it. CSR: underTerms[underOffsets[x] .. underOffsets[x+1]).
   */
  private readonly underOffsets: Int32Array;
  private readonly underTerms: Int32Array;
  /** per term, this case's state when stamped with this case's generation: 1 related, 2 covered */
  private readonly state: Uint8Array;
  private readonly stateStamp: Int32Array;
  /** the hallmark entries of each term (CSR over hall indexes) and the disease of each entry */
  private readonly termHallOffsets: Int32Array;
  private readonly termHall: Int32Array;
  private readonly hallDisease: Int32Array;
  /** per disease, the ln LR of all its hallmarks unreported (the case subtracts the related ones) */
  private readonly totalLn: Float64Array;
  /** hallmark entries with an annotated onset (few): the only ones whose expectation depends on the patient's age */
  private readonly timedHall: Int32Array;
  /** per-case work arrays: the related ln LR and the covered hallmarks of each disease */
  private readonly relatedLn: Float64Array;
  private readonly seen: Int32Array;
  private readonly icMax: number;
  private readonly mentioned: Int32Array;
  private readonly relatedStamp: Int32Array;
  private readonly relatedMemo: Uint8Array;
  private readonly reportedMark: Int32Array;
  private readonly presentMark: Int32Array;
  private readonly presentAncestor: Int32Array;
  private readonly coveredStamp: Int32Array;
  private readonly coveredMemo: Uint8Array;
  private generation = 0;
  private presentList: readonly number[] = [];
  private reportedList: readonly number[] = [];

  constructor(
    private readonly m: PhenotypeModel,
    private readonly f: FrequencyTables,
    private readonly onset: OnsetModel,
    private readonly p: ExpectedFeatureParameters,
  ) {
    this.icMax = Math.log(m.annotatedDiseases);
    this.mentioned = new Int32Array(m.termCount);
    this.relatedStamp = new Int32Array(m.termCount);
    this.relatedMemo = new Uint8Array(m.termCount);
    this.reportedMark = new Int32Array(m.termCount);
    this.presentMark = new Int32Array(m.termCount);
    this.presentAncestor = new Int32Array(m.termCount);
    this.coveredStamp = new Int32Array(m.termCount);
    this.coveredMemo = new Uint8Array(m.termCount);
    const all: number[] = [];
    this.hallOffsets = new Int32Array(m.diseaseCount + 1);
    for (let d = 0; d < m.diseaseCount; d += 1) {
      const list: number[] = [];
      for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
        if (m.termAspects[m.annTerm[a]!] !== 'P' || f.annF[a]! < p.expectedMinFrequency) continue;
        list.push(a);
      }
      list.sort((x, y) => this.weight(y) - this.weight(x) || x - y);
      all.push(...list.slice(0, p.expectedMaxFeatures));
      this.hallOffsets[d + 1] = all.length;
    }
    this.hallAnn = Int32Array.from(all);
    this.hallTerm = Int32Array.from(all, (a) => m.annTerm[a]!);
    this.hallLn = Float64Array.from(all, (a) => this.featureLnLR(a));
    const distinct = [...new Set(this.hallTerm)];
    const counts = new Int32Array(m.termCount + 1);
    for (const h of distinct) for (let k = m.closureOffsets[h]!; k < m.closureOffsets[h + 1]!; k += 1) counts[m.closure[k]! + 1]! += 1;
    this.underOffsets = new Int32Array(m.termCount + 1);
    for (let x = 0; x < m.termCount; x += 1) this.underOffsets[x + 1] = this.underOffsets[x]! + counts[x + 1]!;
    this.underTerms = new Int32Array(this.underOffsets[m.termCount]!);
    const cursor = this.underOffsets.slice(0, m.termCount);
    for (const h of distinct) for (let k = m.closureOffsets[h]!; k < m.closureOffsets[h + 1]!; k += 1) this.underTerms[cursor[m.closure[k]!]!++] = h;
    this.state = new Uint8Array(m.termCount);
    this.stateStamp = new Int32Array(m.termCount);
    this.hallDisease = new Int32Array(all.length);
    for (let d = 0; d < m.diseaseCount; d += 1) this.hallDisease.fill(d, this.hallOffsets[d]!, this.hallOffsets[d + 1]!);
    const perTerm = new Int32Array(m.termCount + 1);
    for (const t of this.hallTerm) perTerm[t + 1]! += 1;
    this.termHallOffsets = new Int32Array(m.termCount + 1);
    for (let t = 0; t < m.termCount; t += 1) this.termHallOffsets[t + 1] = this.termHallOffsets[t]! + perTerm[t + 1]!;
    this.termHall = new Int32Array(all.length);
    const next = this.termHallOffsets.slice(0, m.termCount);
    this.hallTerm.forEach((t, k) => (this.termHall[next[t]!++] = k));
    this.totalLn = new Float64Array(m.diseaseCount);
    for (let k = 0; k < all.length; k += 1) this.totalLn[this.hallDisease[k]!]! += this.hallLn[k]!;
    // latest onset first: a case visits only the hallmarks not yet due at its age, then stops
    this.timedHall = Int32Array.from(
      all
        .map((a, k) => (Number.isFinite(onset.featureOnsetLow[a]!) ? k : -1))
        .filter((k) => k >= 0)
        .sort((x, y) => onset.featureOnsetLow[all[y]!]! - onset.featureOnsetLow[all[x]!]!),
    );
    this.relatedLn = new Float64Array(m.diseaseCount);
    this.seen = new Int32Array(m.diseaseCount);
  }

  private weight(a: number): number {
    return this.f.annF[a]! * this.m.ic[this.m.annTerm[a]!]!;
  }

  /** The hallmark annotations of a disease, most characteristic first. */
  hallmarksOf(d: number): Int32Array {
    return this.hallAnn.subarray(this.hallOffsets[d]!, this.hallOffsets[d + 1]!);
  }

  /**
   * Sets the case's reported terms. A disease feature is related to them when it is a reported term, an ancestor of one
   * or a descendant of one (any reported term in its closure); it is covered when that holds for a present term.
   */
  setReported(present: readonly number[], excluded: readonly number[] = []): void {
    this.generation += 1;
    this.presentList = present;
    this.reportedList = [...present, ...excluded];
    const g = this.generation;
    const m = this.m;
    for (const t of [...present, ...excluded]) {
      for (let k = m.closureOffsets[t]!; k < m.closureOffsets[t + 1]!; k += 1) this.mentioned[m.closure[k]!] = g;
      this.reportedMark[t] = g;
    }
    for (const t of present) {
      for (let k = m.closureOffsets[t]!; k < m.closureOffsets[t + 1]!; k += 1) this.presentAncestor[m.closure[k]!] = g;
      this.presentMark[t] = g;
    }
  }

  /** Whether a disease feature is related to a reported term (present or excluded): itself, an ancestor or a descendant. */
  related(t: number): boolean {
    const g = this.generation;
    if (this.mentioned[t] === g) return true;
    if (this.relatedStamp[t] === g) return this.relatedMemo[t] === 1;
    const hit = this.closureHas(t, this.reportedMark);
    this.relatedStamp[t] = g;
    this.relatedMemo[t] = hit ? 1 : 0;
    return hit;
  }

  /** Whether a disease feature is covered by a present term (itself, an ancestor or a descendant of one). */
  covered(t: number): boolean {
    const g = this.generation;
    if (this.presentAncestor[t] === g) return true;
    if (this.coveredStamp[t] === g) return this.coveredMemo[t] === 1;
    const hit = this.closureHas(t, this.presentMark);
    this.coveredStamp[t] = g;
    this.coveredMemo[t] = hit ? 1 : 0;
    return hit;
  }

  /** Whether a term of t's closure (t or an ancestor) carries this case's mark. */
  private closureHas(t: number, mark: Int32Array): boolean {
    const m = this.m;
    const g = this.generation;
    for (let k = m.closureOffsets[t]!; k < m.closureOffsets[t + 1]!; k += 1) if (mark[m.closure[k]!] === g) return true;
    return false;
  }

  /** The share of the disease's hallmarks covered by the present findings. */
  coverage(d: number): number {
    const lo = this.hallOffsets[d]!;
    const hi = this.hallOffsets[d + 1]!;
    if (hi === lo) return 0;
    let seen = 0;
    for (let k = lo; k < hi; k += 1) if (this.covered(this.hallTerm[k]!)) seen += 1;
    return seen / (hi - lo);
  }

  /**
   * Every disease at once (the ranker's hot path): the bounded ln LR of its expected but unreported hallmarks into
   * `penalty`, the share of its hallmarks the present findings cover into `coverage`.
   */
  scoreAll(ageYears: number | undefined, penalty: Float64Array, coverage: Float64Array): void {
    // Every hallmark counts as unreported (totalLn) except those a reported term relates: itself and its ancestors,
    // and the hallmark terms under it (the inverted index). Only the related hallmarks are visited, then one pass over
    // the diseases subtracts them, so a case costs little more than the number of diseases.
    const g = this.generation;
    const state = this.state;
    const stamp = this.stateStamp;
    const m = this.m;
    const touched: number[] = [];
    const mark = (t: number, value: number) => {
      if (stamp[t] !== g) {
        stamp[t] = g;
        state[t] = value;
        if (this.termHallOffsets[t + 1]! > this.termHallOffsets[t]!) touched.push(t);
      } else if (state[t]! < value) state[t] = value;
    };
    for (const [terms, value] of [
      [this.reportedList, 1],
      [this.presentList, 2],
    ] as const) {
      for (const q of terms) {
        for (let k = m.closureOffsets[q]!; k < m.closureOffsets[q + 1]!; k += 1) mark(m.closure[k]!, value);
        for (let k = this.underOffsets[q]!; k < this.underOffsets[q + 1]!; k += 1) mark(this.underTerms[k]!, value);
      }
    }
    const rel = this.relatedLn;
    const seen = this.seen;
    rel.fill(0);
    seen.fill(0);
    for (const t of touched) {
      const covered = state[t] === 2;
      for (let i = this.termHallOffsets[t]!; i < this.termHallOffsets[t + 1]!; i += 1) {
        const k = this.termHall[i]!;
        const d = this.hallDisease[k]!;
        rel[d]! += this.hallLn[k]!;
        if (covered) seen[d]! += 1;
      }
    }
    // hallmarks not yet due at the patient's age are not expected either (unless already subtracted as related)
    if (ageYears !== undefined) {
      const onsetLow = this.onset.featureOnsetLow;
      for (const k of this.timedHall) {
        if (onsetLow[this.hallAnn[k]!]! <= ageYears) break;
        if (stamp[this.hallTerm[k]!] !== g) rel[this.hallDisease[k]!]! += this.hallLn[k]!;
      }
    }
    const cap = -this.p.expectedPenaltyCap;
    const offsets = this.hallOffsets;
    for (let d = 0; d < penalty.length; d += 1) {
      const sum = this.totalLn[d]! - rel[d]!;
      penalty[d] = sum > cap ? sum : cap;
      const n = offsets[d + 1]! - offsets[d]!;
      coverage[d] = n > 0 ? seen[d]! / n : 0;
    }
  }

  /** ln LR of one unreported feature (≤ 0). */
  featureLnLR(a: number): number {
    const m = this.m;
    const t = m.annTerm[a]!;
    const specificity = m.specificity(t);
    const r = this.p.missRateGeneral + (this.p.missRateSpecific - this.p.missRateGeneral) * specificity;
    const f = this.f.annF[a]!;
    const bg = this.f.bg[t]!;
    return Math.min(0, Math.log((1 - f * (1 - r)) / (1 - bg * (1 - r))));
  }

  /** Whether a hallmark is expected of this patient: unreported, and due at the patient's age. */
  expected(a: number, ageYears: number | undefined): boolean {
    if (this.related(this.m.annTerm[a]!)) return false;
    return ageYears === undefined || this.onset.featureOnsetLow[a]! <= ageYears;
  }

  /** ln LR of all the disease's expected but unreported hallmarks, bounded by the cap. */
  lnLR(d: number, ageYears: number | undefined): number {
    let sum = 0;
    for (let k = this.hallOffsets[d]!; k < this.hallOffsets[d + 1]!; k += 1) if (this.expected(this.hallAnn[k]!, ageYears)) sum += this.hallLn[k]!;
    return Math.max(sum, -this.p.expectedPenaltyCap);
  }
}

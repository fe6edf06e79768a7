import type { Sex } from '../case-input/case-findings.js';
import { estimateFrequency } from './annotation-frequency.js';
import type { ExcludedMatch, ObservedMatch } from './likelihood-ratio.js';
import type { PhenotypeModel } from './phenotype-model.js';
import type { ExpectedFeatures } from './expected-features.js';
import type { FrequencyTables } from './frequency-tables.js';
import type { QueryTerm } from './query-terms.js';
import type { RankerParameters } from './ranker-parameters.js';
import { matchExcluded, matchObserved } from './term-match.js';

export interface TermRef {
  id: string;
  label: string;
}

export interface ObservedTermExplanation extends TermRef {
  match: ObservedMatch;
  /** the disease annotation the evidence rests on */
  diseaseTerm?: TermRef;
  /** the ancestor shared by patient and disease, for indirect matches */
  via?: TermRef;
  /** P(feature | disease) used, and what it rests on ("3/5 patients → 57 %", "Very frequent (80-99 %)") */
  frequency: number;
  frequencyText?: string;
  frequencyKnown: boolean;
  /** P(feature | other diseases) used */
  background: number;
  lr: number;
}

export interface ExcludedTermExplanation extends TermRef {
  match: ExcludedMatch;
  diseaseTerm?: TermRef;
  frequency: number;
  frequencyText?: string;
  frequencyKnown: boolean;
  background: number;
  /** the feature is not yet due at the patient's age: its absence was not held against the disease */
  notYetDue?: boolean;
  lr: number;
}

export interface MissingFeature extends TermRef {
  /** P(feature | disease) used, and what it rests on */
  frequency: number;
  frequencyText: string;
  informationContent: number;
  /** the LR its not being reported contributed (≤ 1) */
  lr: number;
}

/** Why a disease scored what it did, per term, in the style of LIRICAL's per-term likelihood ratios. */
export interface CandidateExplanation {
  observed: ObservedTermExplanation[];
  excluded: ExcludedTermExplanation[];
  /** the disease's hallmark features the patient was not reported to have or to lack, most telling first */
  notReported: MissingFeature[];
  inheritance: TermRef[];
  /** the disease's onset classes */
  onset: TermRef[];
}

const ref = (m: PhenotypeModel, t: number | undefined): TermRef | undefined =>
  t === undefined || t < 0 ? undefined : { id: m.termIds[t]!, label: m.termLabels[t]! };

/** What an explanation needs of the ranker: its parameters and its frequency view for the patient's sex. */
export interface ExplanationContext {
  readonly parameters: RankerParameters;
  view(sex: Sex | undefined): { frequencies: FrequencyTables; expected: ExpectedFeatures };
}

export function explainCandidate(
  m: PhenotypeModel,
  ranker: ExplanationContext,
  d: number,
  present: QueryTerm[],
  excluded: QueryTerm[],
  patient: { sex?: Sex; ageYears?: number } = {},
  maxNotReported = 8,
): CandidateExplanation {
  const p = ranker.parameters;
  const view = ranker.view(patient.sex);
  const f = view.frequencies;
  const describe = (a: number | undefined) => (a === undefined || a < 0 ? undefined : estimateFrequency(m.frequencyEvidence(a), p));
  const observed = present.map((q): ObservedTermExplanation => {
    const e = matchObserved(m, f, p, q.index, d);
    const est = describe(e.annotation);
    return {
      id: q.id,
      label: q.label,
      match: e.match,
      diseaseTerm: ref(m, e.diseaseTerm),
      via: ref(m, e.via),
      frequency: e.frequency,
      frequencyText: e.match === 'contradicted' ? 'the disease is annotated NOT to have it' : est?.text,
      frequencyKnown: est !== undefined && est.basis !== 'unknown',
      background: e.background,
      lr: e.lr,
    };
  });
  const excl = excluded.map((q): ExcludedTermExplanation => {
    const e = matchExcluded(m, f, p, q.index, d, patient.ageYears);
    const est = e.match === 'annotated' ? describe(e.annotation) : undefined;
    return {
      id: q.id,
      label: q.label,
      match: e.match,
      diseaseTerm: ref(m, e.diseaseTerm),
      frequency: e.frequency,
      frequencyText: est?.text,
      frequencyKnown: est !== undefined && est.basis !== 'unknown',
      background: e.background,
      ...(e.notYetDue ? { notYetDue: true } : {}),
      lr: e.lr,
    };
  });
  const e = view.expected;
  e.setReported(
    present.map((q) => q.index),
    excluded.map((q) => q.index),
  );
  const notReported: MissingFeature[] = [];
  for (const a of e.hallmarksOf(d)) {
    if (!e.expected(a, patient.ageYears)) continue;
    const t = m.annTerm[a]!;
    const est = describe(a)!;
    notReported.push({ id: m.termIds[t]!, label: m.termLabels[t]!, frequency: f.annF[a]!, frequencyText: est.text, informationContent: m.ic[t]!, lr: Math.exp(e.featureLnLR(a)) });
  }
  notReported.sort((x, y) => x.lr - y.lr || x.id.localeCompare(y.id));
  const onset: TermRef[] = [];
  const onsetRoot = m.resolveTerm('HP:0003674')?.index;
  for (let a = m.annOffsets[d]!; a < m.annOffsets[d + 1]!; a += 1) {
    const t = m.annTerm[a]!;
    if (onsetRoot !== undefined && t !== onsetRoot && !m.isNegative(a) && m.isAncestorOrSelf(onsetRoot, t)) onset.push(ref(m, t)!);
  }
  return {
    observed,
    excluded: excl,
    notReported: notReported.slice(0, maxNotReported),
    inheritance: m.inheritance[d]!.map((t) => ref(m, t)!),
    onset,
  };
}

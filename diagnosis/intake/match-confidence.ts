import type { NameSource } from './lexicon-names.js';

/**
 * Confidence that a finding names the right HPO term for the right words (not whether the patient has it: that is
 * the status). A product of factors, each a rough probability that the kind of evidence is right, so that a
 * reader can see why one finding is trusted less than another:
 *
 * - the name's source: the term's label 0.95, an EXACT synonym 0.92, a PhenoTagger variant 0.85 (mostly
 *   lemmatised forms of the names), an obsolete term's label 0.8, NARROW / RELATED / BROAD synonyms 0.7 / 0.65 /
 *   0.55 (they mean something near, not the same), an abbreviation resolved from its context 0.75, a measurement
 *   compared with a reference range 0.9, a normal statement ("normal hearing") 0.8;
 * - ×0.97 when the words needed stemming or a spelling rewrite, ×0.9 when the name was matched in a derived form
 *   ("kidney abnormality" for "Abnormality of the kidney"), ×0.8 for a single short word (four letters or fewer), ×0.85 for a name
 *   that is an abbreviation, ×0.75 when the same words name other, unrelated terms too.
 */
export const sourceConfidence: Readonly<Record<NameSource, number>> = {
  label: 0.95,
  exact: 0.92,
  variant: 0.85,
  obsolete: 0.8,
  narrow: 0.7,
  related: 0.65,
  broad: 0.55,
};

export const ABBREVIATION_CONFIDENCE = 0.75;
export const MEASUREMENT_CONFIDENCE = 0.9;
export const NORMAL_STATEMENT_CONFIDENCE = 0.8;

export interface ConfidenceFactors {
  source: NameSource;
  exact: boolean;
  derived: boolean;
  /** characters of the matched text */
  length: number;
  words: number;
  abbreviation: boolean;
  ambiguous: boolean;
}

export function matchConfidence(f: ConfidenceFactors): number {
  let c = sourceConfidence[f.source];
  if (!f.exact) c *= 0.97;
  if (f.derived) c *= 0.9;
  if (f.words === 1 && f.length <= 4) c *= 0.8;
  if (f.abbreviation) c *= 0.85;
  if (f.ambiguous) c *= 0.75;
  return roundConfidence(c);
}

export const roundConfidence = (c: number) => Math.round(Math.min(0.99, Math.max(0.01, c)) * 100) / 100;

/**
 * What the intake reports for each HPO concept found in a text.
 *
 * - present: the patient has it (also when only historical: see `historical`);
 * - excluded: the text says the patient does not have it ("no seizures", "normal hearing");
 * - uncertain: possible, suspected, to be ruled out;
 * - family: said of a relative, not of the patient (whether the relative has it or not).
 */
export type FindingStatus = 'present' | 'excluded' | 'uncertain' | 'family';

/**
 * How the finding was recognised: a name or synonym of the term, an abbreviation (given the context), a
 * measurement outside its reference range ("CK 5000 U/L"), or a statement that something is normal ("normal
 * hearing"), which excludes the corresponding abnormality.
 */
export type FindingBasis = 'name' | 'abbreviation' | 'measurement' | 'normal-statement';

/** Non-phenotypic evidence a finding rests on, when the text reports it as such. */
export type EvidenceKind = 'lab' | 'imaging' | 'procedure';

export interface ExtractedFinding {
  hpoId: string;
  label: string;
  status: FindingStatus;
  /** character offsets into the original text, end exclusive */
  start: number;
  end: number;
  /** the original text between start and end */
  text: string;
  /** how far the recognition (term and span, not the status) is trusted, 0..1: see match-confidence.ts */
  confidence: number;
  basis: FindingBasis;
  /** said of the past ("history of", "previously"): kept as present or uncertain, flagged */
  historical?: true;
  evidence?: EvidenceKind;
  /** a name inside a longer finding that implies it (only when asked for: ExtractOptions.nestedMentions) */
  nested?: true;
}

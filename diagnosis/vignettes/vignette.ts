/**
 * A synthetic patient of a known disease: HPO ids (not indexes, so the same vignette can be ranked by another
 * snapshot), demographics, and what each present term is, for reports and tests.
 */
export interface Vignette {
  diseaseId: string;
  /** the vignette's number for this disease (its random stream is keyed by seed, disease id and this number) */
  index: number;
  present: string[];
  excluded: string[];
  sex: 'MALE' | 'FEMALE';
  /** undefined when the disease has no onset annotation (nothing to fit the age to) */
  ageYears?: number;
  /** per present term: a feature of the disease as annotated, given less precisely, or an unrelated common finding */
  origin: ('feature' | 'imprecise' | 'unrelated')[];
}

/** Where one version puts a vignette's disease. */
export interface VignetteOutcome {
  /** 1 = first; 0 when this version cannot rank it (unknown disease, or no term of the vignette it knows) */
  rank: number;
  /** the first candidate's id ('' when nothing was ranked): who outranks the disease when it is not first */
  first: string;
}

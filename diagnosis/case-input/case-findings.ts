/** What the ranker reads about a patient: observed and excluded HPO terms, and demographics when known. */
export type Sex = 'MALE' | 'FEMALE' | 'OTHER_SEX' | 'UNKNOWN_SEX';

export interface CaseFindings {
  id: string;
  /** observed (present) HPO ids, as given (may include alt or obsolete ids) */
  present: string[];
  /** explicitly excluded HPO ids */
  excluded: string[];
  sex?: Sex;
  /** age at last encounter in years, when known */
  ageYears?: number;
}

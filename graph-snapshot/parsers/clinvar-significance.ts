/** ClinVar germline classification, collapsed to one value per variant for ranking and display. */
export type ClinicalSignificance =
  | 'pathogenic'
  | 'likely_pathogenic'
  | 'uncertain'
  | 'likely_benign'
  | 'benign'
  | 'conflicting'
  | 'other';

const tokenise = (raw: string) =>
  raw
    .toLowerCase()
    .split(/[|/,;]|\.\./)
    .map((s) => s.replace(/_/g, ' ').trim())
    .filter(Boolean);

/**
 * Collapses ClinVar's significance strings ("Pathogenic|not_provided", "Pathogenic/Likely_pathogenic",
 * "Conflicting_interpretations_of_pathogenicity", ...) into one class. P/LP together with B/LB is "conflicting",
 * the way ClinVar's own aggregate does it.
 */
export function summariseSignificance(raw: string): ClinicalSignificance {
  const tokens = new Set(tokenise(raw));
  const has = (t: string) => tokens.has(t);
  const pathogenic = has('pathogenic');
  const likelyPathogenic = has('likely pathogenic');
  const benign = has('benign');
  const likelyBenign = has('likely benign');
  if ([...tokens].some((t) => t.startsWith('conflicting'))) return 'conflicting';
  if ((pathogenic || likelyPathogenic) && (benign || likelyBenign)) return 'conflicting';
  if (pathogenic) return 'pathogenic';
  if (likelyPathogenic) return 'likely_pathogenic';
  if (has('uncertain significance')) return 'uncertain';
  if (benign) return 'benign';
  if (likelyBenign) return 'likely_benign';
  return 'other';
}

/**
 * ClinVar review status → gold stars, as on ClinVar's pages: practice guideline 4, expert panel 3,
 * multiple submitters without conflicts 2, single submitter or conflicting 1, otherwise 0.
 */
export function reviewStars(raw: string): number {
  const s = raw.toLowerCase().replace(/[_.,\s]+/g, ' ').trim();
  if (s.includes('practice guideline')) return 4;
  if (s.includes('reviewed by expert panel')) return 3;
  if (s.includes('criteria provided') && s.includes('multiple submitters') && s.includes('no conflicts')) return 2;
  if (s.includes('criteria provided') && (s.includes('single submitter') || s.includes('conflicting'))) return 1;
  return 0;
}

export function isPathogenicClass(s: ClinicalSignificance): boolean {
  return s === 'pathogenic' || s === 'likely_pathogenic';
}

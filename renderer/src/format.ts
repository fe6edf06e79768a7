import { caseStatus, type CaseSummary, type DecisionView, type FindingView } from '../../diagnosis/contract/api-schemas.js';

export const sexLabels: Record<NonNullable<CaseSummary['sex']>, string> = {
  FEMALE: 'Female',
  MALE: 'Male',
  OTHER_SEX: 'Other',
  UNKNOWN_SEX: 'Unknown',
};

/** The case statuses, in the contract's order (read from its schema, so a new status needs no UI change). */
export const caseStatuses = caseStatus.options as readonly CaseSummary['status'][];

const knownStatusLabels: Record<string, string> = { new: 'New', open: 'Open', 'in-progress': 'In progress', in_progress: 'In progress', solved: 'Solved', unsolved: 'Unsolved', closed: 'Closed' };

export function statusLabel(status: string): string {
  const known = knownStatusLabels[status];
  if (known) return known;
  const words = status.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const findingStatusLabels: Record<FindingView['status'], string> = {
  present: 'present',
  excluded: 'excluded',
  uncertain: 'uncertain',
  family: 'family history',
};

/** A post-test probability as a clinician reads it: "93.3 %", "0.04 %", "< 0.01 %". */
export function formatProbability(p: number): string {
  if (p > 0.999) return '> 99.9 %';
  if (p >= 0.001) return `${(p * 100).toFixed(p >= 0.1 ? 1 : 2)} %`;
  return '< 0.1 %';
}

/** A likelihood ratio with sensible precision: 2323, 25.2, 1.00, 0.20, 0.010. */
export function formatLr(lr: number): string {
  if (!Number.isFinite(lr)) return String(lr);
  if (lr >= 100) return Math.round(lr).toLocaleString('en');
  if (lr >= 10) return lr.toFixed(1);
  if (lr >= 0.1) return lr.toFixed(2);
  return lr.toPrecision(2);
}

/** A likelihood ratio as signed evidence, log10: "+2.51" for, "−0.70" against (a minus sign, not a hyphen). */
export function formatLogLr(lr: number): string {
  if (!Number.isFinite(lr) || lr <= 0) return String(lr);
  const x = Math.log10(lr);
  if (Math.abs(x) < 0.005) return '0.00';
  return `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
}

/** What a calibrated probability means, in one sentence a clinician can check. */
export const probabilityMeaning =
  'Probabilities are calibrated on published cases: among past cases shown with 70 %, about 70 % had that diagnosis.';

export function formatAge(years: number | undefined): string {
  if (years === undefined) return '';
  if (years < 2) {
    const months = Math.round(years * 12);
    return `${months} mo`;
  }
  return `${Number.isInteger(years) ? years : years.toFixed(1)} y`;
}

/** A moment in the user's locale and time zone (never a raw UTC timestamp). */
export function formatDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A time of day in the user's locale. */
export const formatTime = (d: Date) => d.toLocaleTimeString(undefined, { timeStyle: 'short' });

/** A calendar day as sources state releases (YYYY-MM-DD), in the user's locale; anything else as given. */
export function formatDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
}

export const decisionLabels: Record<DecisionView['kind'], string> = {
  accept: 'Accepted',
  reject: 'Rejected',
  exclude: 'Considered and excluded',
  'final-diagnosis': 'Final diagnosis',
  'mark-solved': 'Marked solved',
  'mark-unsolved': 'Marked unsolved',
  reopen: 'Reopened',
  close: 'Closed',
};

export const classificationLabels: Record<NonNullable<DecisionView['classification']>, string> = {
  pathogenic: 'Pathogenic',
  'likely-pathogenic': 'Likely pathogenic',
  'uncertain-significance': 'Uncertain significance (VUS)',
  'likely-benign': 'Likely benign',
  benign: 'Benign',
};

export const certaintyLabels: Record<NonNullable<DecisionView['certainty']>, string> = { confirmed: 'Confirmed', probable: 'Probable', possible: 'Possible' };

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

export const formatCount = (n: number) => n.toLocaleString('en');

/** Readable names for the ranker's match kinds. */
export function matchLabel(match: string): string {
  return (
    {
      exact: 'exact',
      'disease-more-specific': 'disease more specific',
      'patient-more-specific': 'patient more specific',
      'common-ancestor': 'common ancestor',
      'no-match': 'not a feature',
      contradicted: 'contradicted',
      annotated: 'feature of the disease',
      unrelated: 'not a feature',
    }[match] ?? match.replace(/-/g, ' ')
  );
}

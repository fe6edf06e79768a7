import type { CaseFindings } from '../case/case-findings.js';
import type { CaseStatus } from './case-types.js';

/** What a ranking function is given: the case as the ranker reads it. */
export interface CaseInputs {
  caseId: string;
  /** present and excluded HPO ids, sex, age in years (from the recorded age, else from the date of birth) */
  findings: CaseFindings;
  /** uncertain findings: not ranked, listed so a run's inputs are complete */
  uncertain: string[];
  /** the most recently attached VCF */
  vcf: { path: string; sha256: string; sample: string | null; build: 'GRCh37' | 'GRCh38' | null } | null;
}

export interface RankedCase {
  snapshotId: string;
  /** disease ids, best first */
  topCandidates: string[];
  /** stored as the run's results (JSON) */
  result: unknown;
  parameters?: Record<string, unknown>;
  timings?: Record<string, number>;
  modelId?: string;
  hardware?: Record<string, unknown>;
}

/** Ranks one case. Injected, so the store does not depend on how (deterministic engine, LLM, a test fake). */
export type RankCaseFunction = (inputs: CaseInputs) => Promise<RankedCase>;

export interface ReanalysisOptions {
  /** the snapshot the ranking function uses: cases whose last run used it are up to date */
  snapshotId: string;
  /** which cases to re-run (default: unsolved only) */
  statuses?: CaseStatus[];
  /** called after each case, for a progress bar */
  onCase?: (done: number, total: number, caseId: string) => void;
}

export interface ReanalysisFlag {
  caseId: string;
  label: string;
  previousRunId: number;
  previousSnapshotId: string;
  runId: number;
  snapshotId: string;
  previousTop: string[];
  top: string[];
  /** in the new top 5 and not in the old one, and the reverse */
  entered: string[];
  left: string[];
}

export interface ReanalysisReport {
  snapshotId: string;
  /** cases re-run (a run stored for each) */
  rerun: number;
  /** cases whose last run already used this snapshot */
  upToDate: number;
  /** cases never run: nothing to compare, left alone */
  neverRun: number;
  /** cases whose top 5 changed */
  flagged: ReanalysisFlag[];
  /** cases the ranking function failed on; no run stored */
  errors: { caseId: string; message: string }[];
}

/** How many leading candidates are compared. */
export const TOP_COMPARED = 5;

/** The top-5 sets differ: a candidate entered or left (a re-ordering within the top 5 alone is not flagged). */
export function topChange(previous: string[], current: string[]): { changed: boolean; entered: string[]; left: string[] } {
  const before = new Set(previous.slice(0, TOP_COMPARED));
  const after = new Set(current.slice(0, TOP_COMPARED));
  const entered = [...after].filter((id) => !before.has(id));
  const left = [...before].filter((id) => !after.has(id));
  return { changed: entered.length > 0 || left.length > 0, entered, left };
}

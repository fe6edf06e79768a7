import type { StoredCaseInputs } from '../case-store/case-types.js';
import type { CaseRunInputs, RunResult } from './run-types.js';
import { runView, type DiseaseLabelOf } from './run-view.js';

/** The case store's record of a run (`CaseStore.recordRun`): the same for the app, `diagnose --save` and re-analysis. */
export interface RunRecord {
  kind: 'manual' | 'reanalysis';
  snapshotId: string;
  modelId?: string;
  hardware?: Record<string, unknown>;
  /** what the run saw: ranked and shown findings, demographics, the VCF and its hash */
  inputs: Record<string, unknown>;
  /** the stamp: program, ranker parameters, model and its hash */
  parameters: Record<string, unknown>;
  /** the run as the UI shows it (contract RunView) */
  results: unknown;
  topCandidates: string[];
  /** the leading candidate's name (the case list shows it) */
  topLabel?: string;
  timings: Record<string, number>;
  startedAt: string;
  finishedAt: string;
}

export function runRecord(run: RunResult, kind: RunRecord['kind'] = 'manual', labelOf?: DiseaseLabelOf): RunRecord {
  const ids = (status: string) => [...new Set(run.findings.filter((f) => f.status === status).map((f) => f.hpoId))];
  const { ranking, stamp } = run;
  const view = runView('', run, labelOf);
  return {
    kind,
    snapshotId: stamp.snapshotId,
    ...(stamp.model ? { modelId: stamp.model.id } : {}),
    ...(stamp.hardware ? { hardware: stamp.hardware } : {}),
    inputs: {
      present: ranking.present.map((q) => q.id),
      excluded: ranking.excluded.map((q) => q.id),
      uncertain: ids('uncertain'),
      skipped: ranking.skipped,
      ...(stamp.vcf ? { vcf: stamp.vcf } : {}),
    },
    parameters: { application: stamp.application, ranker: stamp.parameters.ranker, top: stamp.parameters.top, explain: stamp.parameters.explain, ...(stamp.model ? { model: stamp.model } : {}) },
    results: view,
    // the ids the run shows (one per concept, OMIM preferred), so decisions and re-analysis compare like with like
    topCandidates: view.candidates.map((c) => c.id),
    ...(view.candidates[0] ? { topLabel: view.candidates[0].label } : {}),
    timings: Object.fromEntries(Object.entries(run.timings).map(([k, v]) => [k, Math.max(0, v)])),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

/**
 * Whether the case's family applies to its VCF: the VCF holds more than the proband's sample (a trio's joint calls), or
 * its attachment did not record its samples (the run then checks the members against the VCF and names what is not in
 * it). A pedigree beside a single-sample VCF describes the family without calls: the VCF is read as the proband's alone.
 */
export function pedigreeAppliesToVcf(vcf: NonNullable<StoredCaseInputs['vcf']>): boolean {
  return vcf.samples === undefined || vcf.samples.length > 1;
}

/**
 * A stored case as run inputs: its present, excluded and uncertain findings, demographics and latest VCF; its family
 * with a multi-sample VCF; its lab's candidate list when it has no VCF (a VCF, when attached, is the fuller evidence).
 */
export function runInputsOfStoredCase(c: StoredCaseInputs, narrative?: string): CaseRunInputs {
  const f = c.findings;
  // what the case holds but this run will not read is said, never dropped silently
  const notUsed = [
    ...(c.vcf && c.pedigree && !pedigreeAppliesToVcf(c.vcf) ? [`the family (${c.pedigree.source}) was not read: the VCF has one sample (${c.vcf.samples!.join(', ')}), so it holds no relative's calls`] : []),
    ...(c.vcf && c.candidateVariants ? [`the candidate variant list (${c.candidateVariants.source}) was not weighed: the case has a VCF, whose calls are used instead`] : []),
  ];
  return {
    caseId: c.caseId,
    origin: `case ${c.caseId}`,
    sex: f.sex,
    ageYears: f.ageYears,
    narrative,
    findings: [
      ...f.present.map((hpoId) => ({ hpoId, status: 'present' as const, source: 'typed' as const })),
      ...f.excluded.map((hpoId) => ({ hpoId, status: 'excluded' as const, source: 'typed' as const })),
      ...c.uncertain.map((hpoId) => ({ hpoId, status: 'uncertain' as const, source: 'typed' as const })),
    ],
    ...(c.vcf ? { variants: { path: c.vcf.path, sha256: c.vcf.sha256, sample: c.vcf.sample ?? undefined, assembly: c.vcf.build ?? undefined } } : {}),
    ...(c.vcf && c.pedigree && pedigreeAppliesToVcf(c.vcf) ? { pedigree: c.pedigree } : {}),
    ...(!c.vcf && c.candidateVariants ? { candidateVariants: c.candidateVariants } : {}),
    ...(notUsed.length ? { notUsed } : {}),
  };
}

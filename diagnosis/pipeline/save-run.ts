import type { CaseStore } from '../case-store/case-store.js';
import type { FindingInput } from '../case-store/case-inputs.js';
import type { DiagnosisRun } from '../case-store/case-types.js';
import { yearsToDuration } from '../case-input/iso8601-duration.js';
import { runRecord } from './run-record.js';
import type { CaseRunInputs, RunFinding, RunResult } from './run-types.js';

/**
 * The findings a run used, as the store keeps them: one per term, with the status the run ranked it with (present wins
 * over excluded, then uncertain; findings of relatives are not the patient's and are not stored) and, for extracted
 * ones, the span of their first mention.
 */
export function findingsToStore(findings: readonly RunFinding[]): { typed: FindingInput[]; extracted: FindingInput[] } {
  const order = { present: 0, excluded: 1, uncertain: 2 } as const;
  const best = new Map<string, RunFinding & { status: keyof typeof order }>();
  for (const f of findings) {
    if (f.status === 'family') continue;
    const status = f.status;
    const kept = best.get(f.hpoId);
    if (!kept || order[status] < order[kept.status]) best.set(f.hpoId, { ...f, status });
  }
  const typed: FindingInput[] = [];
  const extracted: FindingInput[] = [];
  for (const f of best.values()) {
    if (f.source === 'extracted' && f.start !== undefined && f.end !== undefined) {
      extracted.push({ hpoId: f.hpoId, label: f.label, status: f.status, source: 'extracted', span: { start: f.start, end: f.end, text: f.text } });
    } else {
      typed.push({ hpoId: f.hpoId, label: f.label, status: f.status, source: f.source === 'extracted' ? 'typed' : f.source });
    }
  }
  return { typed, extracted };
}

/**
 * Stores a run made outside the app (`rarediag diagnose --save`) as a new case: demographics, the narrative with the
 * findings extracted from it, typed findings, the VCF the run read, and the run itself, each in its own transaction
 * and audit-log entry, as if a clinician had entered them.
 */
export function saveRunAsNewCase(store: CaseStore, inputs: CaseRunInputs, run: RunResult): { caseId: string; run: DiagnosisRun } {
  const { typed, extracted } = findingsToStore(run.findings);
  const created = store.createCase({
    label: inputs.caseId,
    sex: inputs.sex,
    ...(inputs.ageYears !== undefined ? { age: yearsToDuration(inputs.ageYears) } : {}),
    findings: typed,
  });
  const caseId = created.case.id;
  if (inputs.narrative?.trim()) store.addNarrative(caseId, { text: inputs.narrative, source: inputs.origin ?? 'case file' }, extracted);
  const vcf = run.stamp.vcf;
  const s = run.ranking.vcf;
  if (vcf && 'sha256' in vcf && s) {
    store.attachVcf(caseId, { path: vcf.path, sha256: vcf.sha256, sample: s.sample, build: s.build, summary: { records: s.records, passed: s.passed, lifted: s.lifted, unlifted: s.unlifted, inGenes: s.inGenes, dropped: s.dropped } });
  }
  return { caseId, run: store.recordRun(caseId, runRecord(run)) };
}

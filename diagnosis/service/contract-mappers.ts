import type { CaseDetail as StoreCase, CaseSummary as StoreSummary, Decision, StoredCandidateList, StoredFinding, StoredPedigree } from '../case-store/case-types.js';
import { pedigreeOf } from '../case-store/family-records.js';
import type { CandidateListView, CaseDetail, CaseSummary, DecisionView, FindingView, PedigreeView, VcfSummary } from '../contract/api-schemas.js';
import { PedigreeError } from '../case-input/pedigree.js';
import { durationToYears } from '../case-input/iso8601-duration.js';

export { yearsToDuration } from '../case-input/iso8601-duration.js';

const ageYears = (age: string | null) => (age ? durationToYears(age) : undefined);

export function toContractFinding(f: StoredFinding): FindingView {
  return {
    hpoId: f.hpoId,
    label: f.label,
    status: f.status,
    source: f.source,
    ...(f.span ? { start: f.span.start, end: f.span.end, text: f.span.text } : {}),
  };
}

export function toContractSummary(s: StoreSummary): CaseSummary {
  return {
    id: s.id,
    label: s.label,
    status: s.status,
    sex: s.sex,
    ageYears: ageYears(s.age),
    updatedAt: s.updatedAt,
    findingCount: s.present + s.excluded + s.uncertain,
    topCandidate: s.lastRun?.topCandidate ?? undefined,
    topCandidateLabel: s.lastRun?.topLabel ?? undefined,
    finalDiagnosis: s.finalDiagnosis ? { diseaseId: s.finalDiagnosis.id, label: s.finalDiagnosis.label ?? s.finalDiagnosis.id } : undefined,
  };
}

/** A stored decision as the contract shows it (absent values left out, ids as strings). */
export function toDecisionView(d: Decision): DecisionView {
  const opt = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : ({ [key]: value } as Record<K, V>));
  return {
    id: String(d.id),
    kind: d.kind,
    ...opt('diseaseId', d.candidateId),
    ...opt('label', d.candidateLabel),
    ...opt('runId', d.runId === null ? null : String(d.runId)),
    note: d.note,
    ...opt('gene', d.gene),
    ...opt('variant', d.variant),
    ...opt('classification', d.classification),
    ...opt('certainty', d.certainty),
    decidedAt: d.decidedAt,
    decidedBy: d.decidedBy,
  };
}

function vcfOf(c: StoreCase): VcfSummary | undefined {
  const v = c.vcfs[c.vcfs.length - 1];
  if (!v) return undefined;
  const s = v.summary as Partial<Record<string, unknown>>;
  const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : 0);
  return {
    path: v.path,
    sample: v.sample ?? String(s['sample'] ?? ''),
    build: v.build ?? String(s['build'] ?? ''),
    records: n('records'),
    passed: n('passed'),
    lifted: n('lifted'),
    unlifted: n('unlifted'),
    inGenes: n('inGenes'),
    dropped: (s['dropped'] as Record<string, number> | undefined) ?? {},
    ...(Array.isArray(s['samples']) ? { samples: (s['samples'] as unknown[]).map(String) } : {}),
  };
}

/** Absent values left out (the contract's optional fields). */
const defined = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

export function toPedigreeView(p: StoredPedigree): PedigreeView {
  let notes: string[];
  try {
    notes = pedigreeOf(p).setAside;
  } catch (err) {
    // stored families were checked when saved; a reader that changed since says so rather than failing the case
    if (!(err instanceof PedigreeError)) throw err;
    notes = [err.message];
  }
  return {
    familyId: p.familyId,
    consanguineous: p.consanguineous,
    source: p.source,
    members: p.members.map((m) => ({ id: m.id, sex: m.sex, affected: m.affected, ...(m.fatherId ? { fatherId: m.fatherId } : {}), ...(m.motherId ? { motherId: m.motherId } : {}), proband: m.proband })),
    notes,
  };
}

export function toCandidateListView(list: StoredCandidateList): CandidateListView {
  return { source: list.source, variants: list.variants.map((v) => defined({ ...v }) as CandidateListView['variants'][number]) };
}

export function toContractCase(c: StoreCase): CaseDetail {
  const last = c.runs[c.runs.length - 1];
  return {
    id: c.case.id,
    label: c.case.label,
    status: c.case.status,
    sex: c.case.sex,
    ageYears: ageYears(c.case.age),
    updatedAt: c.case.updatedAt,
    findingCount: c.findings.length,
    topCandidate: last?.topCandidates[0],
    topCandidateLabel: last?.topLabel ?? undefined,
    indication: c.case.indication ?? undefined,
    referrer: c.case.referrer ?? undefined,
    narrative: c.narratives[c.narratives.length - 1]?.text ?? '',
    findings: c.findings.map(toContractFinding),
    vcf: vcfOf(c),
    notes: c.notes[c.notes.length - 1]?.text ?? '',
    finalDiagnosis: c.finalDiagnosis ? { ...toDecisionView(c.finalDiagnosis), diseaseId: c.finalDiagnosis.candidateId!, label: c.finalDiagnosis.candidateLabel ?? c.finalDiagnosis.candidateId! } : undefined,
    decisions: c.decisions.map(toDecisionView),
    ...(c.pedigree ? { pedigree: toPedigreeView(c.pedigree) } : {}),
    ...(c.candidateVariants ? { candidateVariants: toCandidateListView(c.candidateVariants) } : {}),
    runs: c.runs.map((r) => ({
      id: String(r.id),
      createdAt: r.finishedAt,
      snapshotId: r.snapshotId,
      modelId: r.modelId ?? undefined,
      kind: r.kind,
      topCandidate: r.topCandidates[0],
      topCandidateLabel: r.topLabel ?? undefined,
    })),
  };
}

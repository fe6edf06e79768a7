import type { ApiHandlers } from '../contract/api.js';
import { ApiCallError } from '../contract/api.js';
import type { FindingView } from '../contract/api-schemas.js';
import { toContractCase, toContractSummary, yearsToDuration } from './contract-mappers.js';
import { diseaseLabel, type ServiceContext } from './service-context.js';

type CaseMethods = 'cases.list' | 'cases.get' | 'cases.create' | 'cases.update' | 'cases.setFindings' | 'decisions.record';

/** Cases, their findings and the clinician's decisions: the case store behind the contract. */
export function caseHandlers(ctx: ServiceContext): Pick<ApiHandlers, CaseMethods> {
  const { store } = ctx;
  return {
    'cases.list': ({ search }) => {
      const q = search?.trim() ?? '';
      const all = store.listCases();
      if (!q) return all.map(toContractSummary);
      const hits = new Set(store.search(q).map((h) => h.caseId));
      const lower = q.toLowerCase();
      return all.filter((c) => hits.has(c.id) || c.label.toLowerCase().includes(lower)).map(toContractSummary);
    },
    'cases.get': ({ id }) => toContractCase(store.getCase(id)),
    'cases.create': ({ label, sex, ageYears }) => toContractCase(store.createCase({ label, sex, age: ageYears === undefined ? undefined : yearsToDuration(ageYears) })),
    'cases.update': (req) => {
      const { id } = req;
      const patch: { label?: string; sex?: typeof req.sex; age?: string } = {};
      if (req.label !== undefined) patch.label = req.label;
      if (req.sex !== undefined) patch.sex = req.sex;
      if (req.ageYears !== undefined) patch.age = yearsToDuration(req.ageYears);
      if (Object.keys(patch).length) store.updateCase(id, patch);
      const current = store.getCase(id);
      if (req.narrative !== undefined && req.narrative.trim() && req.narrative !== (current.narratives.at(-1)?.text ?? '')) {
        store.addNarrative(id, { text: req.narrative, source: 'clinician narrative' });
      }
      if (req.notes !== undefined && req.notes.trim() && req.notes !== (current.notes.at(-1)?.text ?? '')) store.addNote(id, { text: req.notes });
      if (req.status && req.status !== current.case.status) {
        if (req.status === 'unsolved') store.recordDecision(id, { kind: 'mark-unsolved' });
        else if (req.status === 'in-progress') store.recordDecision(id, { kind: 'reopen' });
        else store.recordDecision(id, { kind: 'mark-solved' });
      }
      if (req.finalDiagnosis) store.recordDecision(id, { kind: 'final-diagnosis', candidateId: req.finalDiagnosis, candidateLabel: diseaseLabel(ctx, req.finalDiagnosis) });
      return toContractCase(store.getCase(id));
    },
    'cases.setFindings': ({ id, findings }) => {
      setFindings(ctx, id, findings);
      return toContractCase(store.getCase(id));
    },
    'decisions.record': ({ caseId, runId, diseaseId, decision, note }) => {
      store.recordDecision(caseId, { kind: decision, candidateId: diseaseId, candidateLabel: diseaseLabel(ctx, diseaseId), runId: Number(runId), note: note ?? '' });
      return { ok: true as const };
    },
  };
}

/** Replaces the case's findings with the given list in one transaction (extracted ones refer to the latest narrative). */
function setFindings(ctx: ServiceContext, caseId: string, findings: FindingView[]): void {
  const current = ctx.store.getCase(caseId);
  const family = findings.find((f) => f.status === 'family');
  if (family) throw new ApiCallError(`${family.hpoId}: a finding in a relative is not a finding of the patient; keep it in the notes`, 'bad-request');
  const narrativeId = current.narratives.at(-1)?.id;
  ctx.store.replaceFindings(
    caseId,
    findings.map((f) => {
      const span = f.source === 'extracted' && narrativeId !== undefined && f.start !== undefined && f.end !== undefined ? { narrativeId, start: f.start, end: f.end } : undefined;
      return {
        hpoId: f.hpoId,
        label: f.label,
        status: f.status as 'present' | 'excluded' | 'uncertain',
        // an extracted finding without a span in the saved narrative is kept as typed
        source: f.source === 'extracted' && !span ? 'typed' : f.source,
        ...(span ? { span } : {}),
      };
    }),
  );
}

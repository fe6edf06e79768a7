import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ApiHandlers } from '../contract/api.js';
import { ApiCallError } from '../contract/api.js';
import type { FindingView } from '../contract/api-schemas.js';
import { toContractCase, toContractSummary, yearsToDuration } from './contract-mappers.js';
import { fileOfRequest } from './file-sources.js';
import { diseaseLabel, type ServiceContext } from './service-context.js';

type CaseMethods = 'cases.list' | 'cases.get' | 'cases.create' | 'cases.update' | 'cases.setFindings' | 'cases.importPhenopacket';

/** A phenopacket is one JSON document of a few kilobytes; anything far larger is not one. */
const MAX_PHENOPACKET_BYTES = 20 * 1024 * 1024;

/** The status a case is set to through `cases.update`, as the decision that records it. */
const statusDecision = { unsolved: 'mark-unsolved', 'in-progress': 'reopen', solved: 'mark-solved', closed: 'close' } as const;

/** Cases and their findings: the case store behind the contract. */
export function caseHandlers(ctx: ServiceContext): Pick<ApiHandlers, CaseMethods> {
  const { store } = ctx;
  const blank = (s: string | undefined) => (s === undefined ? undefined : s.trim() ? s.trim() : null);
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
    'cases.create': ({ label, sex, ageYears, indication, referrer }) =>
      toContractCase(
        store.createCase({
          label,
          sex,
          age: ageYears === undefined ? undefined : yearsToDuration(ageYears),
          ...(indication?.trim() ? { indication: indication.trim() } : {}),
          ...(referrer?.trim() ? { referrer: referrer.trim() } : {}),
        }),
      ),
    'cases.update': (req) => {
      const { id } = req;
      const patch: { label?: string; sex?: typeof req.sex; age?: string; indication?: string | null; referrer?: string | null } = {};
      if (req.label !== undefined) patch.label = req.label;
      if (req.sex !== undefined) patch.sex = req.sex;
      if (req.ageYears !== undefined) patch.age = yearsToDuration(req.ageYears);
      const current = store.getCase(id);
      const indication = blank(req.indication);
      const referrer = blank(req.referrer);
      if (indication !== undefined && indication !== current.case.indication) patch.indication = indication;
      if (referrer !== undefined && referrer !== current.case.referrer) patch.referrer = referrer;
      if (Object.keys(patch).length) store.updateCase(id, patch);
      if (req.narrative !== undefined && req.narrative.trim() && req.narrative !== (current.narratives.at(-1)?.text ?? '')) {
        store.addNarrative(id, { text: req.narrative, source: 'clinician narrative' });
      }
      if (req.notes !== undefined && req.notes.trim() && req.notes !== (current.notes.at(-1)?.text ?? '')) store.addNote(id, { text: req.notes });
      if (req.status && req.status !== current.case.status) store.recordDecision(id, { kind: statusDecision[req.status] });
      return toContractCase(store.getCase(id));
    },
    'cases.setFindings': ({ id, findings }) => {
      setFindings(ctx, id, findings);
      return toContractCase(store.getCase(id));
    },
    'cases.importPhenopacket': async (req) => {
      const file = fileOfRequest(ctx, req);
      const size = (await stat(file).catch(() => undefined))?.size;
      if (size === undefined) throw new ApiCallError(`${basename(file)}: file not found`, 'bad-input');
      if (size > MAX_PHENOPACKET_BYTES) throw new ApiCallError(`${basename(file)}: ${size} bytes is too large for a phenopacket`, 'bad-input');
      let value: unknown;
      try {
        value = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        throw new ApiCallError(`${basename(file)}: not JSON (${(err as Error).message})`, 'bad-input');
      }
      return toContractCase(store.importPhenopacket(value, { file: basename(file) }));
    },
  };
}

/** The clinician's decisions: one candidate accepted, rejected or excluded with the reason; the final diagnosis. */
export function decisionHandlers(ctx: ServiceContext): Pick<ApiHandlers, 'decisions.record' | 'decisions.finalize'> {
  const { store } = ctx;
  const runNumber = (runId: string | undefined) => (runId === undefined ? {} : { runId: Number(runId) });
  return {
    'decisions.record': ({ caseId, runId, diseaseId, decision, note }) => {
      store.recordDecision(caseId, { kind: decision, candidateId: diseaseId, candidateLabel: diseaseLabel(ctx, diseaseId), ...runNumber(runId), note: note?.trim() ?? '' });
      return toContractCase(store.getCase(caseId));
    },
    'decisions.finalize': ({ caseId, runId, diseaseId, gene, variant, classification, certainty, note }) => {
      store.recordDecision(caseId, {
        kind: 'final-diagnosis',
        candidateId: diseaseId,
        candidateLabel: diseaseLabel(ctx, diseaseId),
        ...runNumber(runId),
        note: note?.trim() ?? '',
        ...(gene?.trim() ? { gene: gene.trim() } : {}),
        ...(variant?.trim() ? { variant: variant.trim() } : {}),
        ...(classification ? { classification } : {}),
        certainty,
      });
      return toContractCase(store.getCase(caseId));
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

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { CaseDetail, FindingView, TermHit, VcfSummary } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { ErrorText, LabelOptions, PageHeading } from '../components/common.js';
import { FindingChips } from '../components/FindingChips.js';
import { NarrativeSection, type Proposal } from '../components/NarrativeSection.js';
import { RunSection } from '../components/RunSection.js';
import { TermPicker, type AddStatus } from '../components/TermPicker.js';
import { VcfSection } from '../components/VcfSection.js';
import { CandidateVariantsSection } from '../components/CandidateVariantsSection.js';
import { FamilySection } from '../components/FamilySection.js';
import { GrowthSection } from '../components/GrowthSection.js';
import { candidateProblems, candidatesDraftOf, candidatesRequest, type CandidatesDraft } from '../family/candidate-draft.js';
import { familyDraftOf, familyProblems, familyRequest, type FamilyDraft } from '../family/family-draft.js';
import { DiagnosisPanel } from '../components/DiagnosisPanel.js';
import { caseStatuses, findingStatusLabels, formatDate, formatTime, sexLabels, statusLabel } from '../format.js';
import { isTyping, useShortcut } from '../hooks.js';
import { href } from '../router.js';
import { useApi, useApp } from '../state/app-context.js';

type Sex = NonNullable<CaseDetail['sex']>;

/** What the clinician edits; saved with cases.update + cases.setFindings. */
interface Draft {
  label: string;
  sex: Sex | '';
  age: string;
  status: CaseDetail['status'];
  indication: string;
  referrer: string;
  narrative: string;
  notes: string;
  findings: FindingView[];
  /** the family and the lab's candidate variants (saved with cases.setPedigree / cases.setCandidateVariants) */
  family: FamilyDraft;
  candidates: CandidatesDraft;
}

/** What an undo restores: the findings and the review of the extraction, as they were before one change. */
interface UndoStep {
  what: string;
  findings: FindingView[];
  proposals: Proposal[];
  rejected: ReadonlySet<string>;
}

const draftOf = (c: CaseDetail): Draft => ({
  label: c.label,
  sex: c.sex ?? '',
  age: c.ageYears !== undefined ? String(Math.round(c.ageYears * 100) / 100) : '',
  status: c.status,
  indication: c.indication ?? '',
  referrer: c.referrer ?? '',
  narrative: c.narrative,
  notes: c.notes,
  findings: c.findings,
  family: familyDraftOf(c.pedigree),
  candidates: candidatesDraftOf(c.candidateVariants),
});

const same = (a: Draft | undefined, b: Draft | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** Keeps each extracted finding's span pointing at its words when the narrative was edited; drops it if they are gone. */
function reanchor(findings: FindingView[], narrative: string): FindingView[] {
  return findings.map((f) => {
    if (f.start === undefined || f.end === undefined || !f.text) return f;
    if (narrative.slice(f.start, f.end) === f.text) return f;
    let best = -1;
    for (let i = narrative.indexOf(f.text); i >= 0; i = narrative.indexOf(f.text, i + 1)) {
      if (best < 0 || Math.abs(i - f.start) < Math.abs(best - f.start)) best = i;
    }
    if (best >= 0) return { ...f, start: best, end: best + f.text.length };
    const { start: _s, end: _e, ...rest } = f;
    return rest;
  });
}

function parseAge(age: string): number | undefined | 'invalid' {
  if (!age.trim()) return undefined;
  const n = Number(age.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 && n <= 130 ? n : 'invalid';
}

const proposalKey = (f: FindingView, i: number) => `${f.hpoId}@${f.start ?? `i${i}`}-${f.end ?? ''}`;

export function CasePage({ caseId }: { caseId: string }) {
  const api = useApi();
  const { notify } = useApp();
  const [detail, setDetail] = useState<CaseDetail>();
  const [loadError, setLoadError] = useState<ApiCallError>();
  const [draft, setDraft] = useState<Draft>();
  const [saved, setSaved] = useState<Draft>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiCallError | string>();
  const [savedAt, setSavedAt] = useState<Date>();
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [rejected, setRejected] = useState<ReadonlySet<string>>(new Set());
  const [extractedFrom, setExtractedFrom] = useState<string>();
  const [extracting, setExtracting] = useState(false);
  const [extractError, setExtractError] = useState<ApiCallError>();
  const [undoStack, setUndoStack] = useState<UndoStep[]>([]);
  const dirty = draft !== undefined && !same(draft, saved);

  const adopt = useCallback((c: CaseDetail) => {
    setDetail(c);
    setDraft(draftOf(c));
    setSaved(draftOf(c));
    const spans = c.findings.filter((f) => f.source !== 'typed' && f.start !== undefined && f.end !== undefined && c.narrative.slice(f.start, f.end) === (f.text ?? c.narrative.slice(f.start, f.end)));
    setProposals(spans.map((f, i) => ({ ...f, key: proposalKey(f, i) })).sort((a, b) => (a.start ?? 0) - (b.start ?? 0)));
    setRejected(new Set());
    setExtractedFrom(spans.length > 0 ? c.narrative : undefined);
    setUndoStack([]);
  }, []);

  useEffect(() => {
    let live = true;
    api.call('cases.get', { id: caseId }).then(
      (c) => live && adopt(c),
      (err: unknown) => live && setLoadError(toApiError(err, 'cases.get')),
    );
    return () => {
      live = false;
    };
  }, [api, caseId, adopt]);

  // Latest values for callbacks that outlive a render (save on leave, shortcuts).
  const latest = useRef({ draft, saved });
  latest.current = { draft, saved };
  const savingRef = useRef<Promise<boolean> | undefined>(undefined);

  const persist = useCallback(
    async (d: Draft, before?: Draft): Promise<Draft> => {
      const ageYears = parseAge(d.age);
      if (ageYears === 'invalid') throw toApiError({ error: 'Age must be a number of years between 0 and 130.', kind: 'bad-request' });
      if (!d.label.trim()) throw toApiError({ error: 'The case needs a label.', kind: 'bad-request' });
      // the family and the list are checked here first: a save never stores half of what the clinician typed
      const unsaved = [...familyProblems(d.family).map((p) => `Family: ${p}`), ...candidateProblems(d.candidates).map((p) => `Candidate variants: ${p}`)];
      if (unsaved.length) throw toApiError({ error: `Not saved. ${unsaved.join(' ')}`, kind: 'bad-request' });
      const findings = reanchor(d.findings, d.narrative);
      await api.call('cases.update', {
        id: caseId,
        label: d.label.trim(),
        ...(d.sex ? { sex: d.sex } : {}),
        ...(ageYears !== undefined ? { ageYears } : {}),
        ...(d.status !== 'new' ? { status: d.status } : {}),
        indication: d.indication,
        referrer: d.referrer,
        narrative: d.narrative,
        notes: d.notes,
      });
      let after = await api.call('cases.setFindings', { id: caseId, findings });
      const familyEdited = JSON.stringify(d.family) !== JSON.stringify(before?.family);
      if (familyEdited) after = await api.call('cases.setPedigree', { caseId, pedigree: familyRequest(d.family, true) });
      if (JSON.stringify(d.candidates) !== JSON.stringify(before?.candidates)) after = await api.call('cases.setCandidateVariants', { caseId, ...candidatesRequest(d.candidates, true) });
      setDetail(after);
      // what the engine stored (a typed family's source, ids trimmed), so the page and the store agree
      return { ...d, label: d.label.trim(), findings, family: familyDraftOf(after.pedigree), candidates: candidatesDraftOf(after.candidateVariants) };
    },
    [api, caseId],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (savingRef.current) await savingRef.current;
    const { draft: d, saved: s } = latest.current;
    if (!d) return false;
    if (same(d, s)) return true;
    const job = (async () => {
      setSaving(true);
      try {
        const sent = await persist(d, s);
        setSaved(sent);
        setDraft((cur) => (cur === d ? sent : cur));
        setSavedAt(new Date());
        setSaveError(undefined);
        return true;
      } catch (err) {
        setSaveError(toApiError(err, 'save'));
        return false;
      } finally {
        setSaving(false);
      }
    })();
    savingRef.current = job;
    const ok = await job;
    savingRef.current = undefined;
    return ok;
  }, [persist]);

  // Leaving the page saves what was not saved; closing the window asks first.
  useEffect(() => {
    return () => {
      const { draft: d, saved: s } = latest.current;
      if (d && !same(d, s)) persist(d, s).catch((err: unknown) => notify('error', `The case “${d.label}” could not be saved when leaving it: ${toApiError(err).message}`));
    };
  }, [persist, notify]);
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [dirty]);

  useShortcut(
    useCallback((e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's', []),
    useCallback(() => void save(), [save]),
  );

  const edit = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const upsert = (f: FindingView) =>
    setDraft((d) => {
      if (!d) return d;
      const i = d.findings.findIndex((x) => x.hpoId === f.hpoId);
      const findings = i < 0 ? [...d.findings, f] : d.findings.map((x, j) => (j === i ? { ...x, ...f } : x));
      return { ...d, findings };
    });
  const setStatus = (hpoId: string, status: FindingView['status']) => setDraft((d) => (d ? { ...d, findings: d.findings.map((f) => (f.hpoId === hpoId ? { ...f, status } : f)) } : d));
  const remove = (hpoId: string) => {
    remember(`removed ${draft?.findings.find((f) => f.hpoId === hpoId)?.label ?? hpoId}`);
    setDraft((d) => (d ? { ...d, findings: d.findings.filter((f) => f.hpoId !== hpoId) } : d));
  };

  // Undo: rejecting, flipping and removing findings can be taken back, one step at a time (the last 50).
  const remember = (what: string) => {
    if (!draft) return;
    setUndoStack((stack) => [...stack.slice(-49), { what, findings: draft.findings, proposals, rejected }]);
  };
  const undo = useCallback(() => {
    setUndoStack((stack) => {
      const last = stack.at(-1);
      if (!last) return stack;
      setDraft((d) => (d ? { ...d, findings: last.findings } : d));
      setProposals(last.proposals);
      setRejected(last.rejected);
      return stack.slice(0, -1);
    });
  }, []);
  useShortcut(
    useCallback((e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !isTyping(e), []),
    undo,
  );

  const findings = draft?.findings ?? [];
  const isAccepted = useCallback((p: Proposal) => findings.some((f) => f.hpoId === p.hpoId && f.status === p.status), [findings]);
  const asFinding = (p: Proposal, status = p.status): FindingView => {
    const { key: _key, ...f } = p;
    return { ...f, status, source: 'extracted' };
  };

  const extract = async () => {
    const text = draft?.narrative ?? '';
    if (!text.trim() || extracting) return;
    setExtracting(true);
    setExtractError(undefined);
    try {
      const found = await api.call('intake.extract', { text });
      const next = found.map((f, i) => ({ ...f, source: 'extracted' as const, key: proposalKey(f, i) }));
      setProposals(next);
      setRejected(new Set());
      setExtractedFrom(text);
      // findings already accepted keep their status and take the new spans
      setDraft((d) => {
        if (!d) return d;
        return {
          ...d,
          findings: d.findings.map((f) => {
            const again = next.find((p) => p.hpoId === f.hpoId && p.status === f.status);
            return again && f.source === 'extracted' ? { ...f, start: again.start, end: again.end, text: again.text } : f;
          }),
        };
      });
    } catch (err) {
      setExtractError(toApiError(err, 'intake.extract'));
    } finally {
      setExtracting(false);
    }
  };

  const onPick = (hit: TermHit, status: AddStatus) => upsert({ hpoId: hit.id, label: hit.label, status, source: 'typed' });
  const existing = useMemo(() => new Map(findings.map((f) => [f.hpoId, findingStatusLabels[f.status]])), [findings]);

  const onImported = useCallback((summary: VcfSummary) => setDetail((d) => (d ? { ...d, vcf: summary } : d)), []);
  // a PED or list file is stored by the engine as it is read: the page takes the stored family or list as saved
  const onFamilyImported = useCallback((c: CaseDetail) => {
    setDetail(c);
    const family = familyDraftOf(c.pedigree);
    setDraft((d) => (d ? { ...d, family } : d));
    setSaved((s) => (s ? { ...s, family } : s));
  }, []);
  const onCandidatesImported = useCallback((c: CaseDetail) => {
    setDetail(c);
    const candidates = candidatesDraftOf(c.candidateVariants);
    setDraft((d) => (d ? { ...d, candidates } : d));
    setSaved((s) => (s ? { ...s, candidates } : s));
  }, []);

  if (loadError) {
    return (
      <div className="page">
        <nav className="breadcrumb" aria-label="Breadcrumb">
          <a href={href({ name: 'cases' })}>Cases</a>
        </nav>
        <PageHeading>Case not available</PageHeading>
        <ErrorText error={loadError} />
      </div>
    );
  }
  if (!detail || !draft) {
    return (
      <div className="page">
        <p className="muted" role="status">
          Loading the case…
        </p>
      </div>
    );
  }

  const presentCount = findings.filter((f) => f.status === 'present').length;
  const ageState = parseAge(draft.age);
  const saveState = saving ? 'Saving…' : dirty ? 'Unsaved changes' : savedAt ? `Saved at ${formatTime(savedAt)}` : `Last changed ${formatDate(detail.updatedAt)}`;

  return (
    <div className="page page-case">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={href({ name: 'cases' })}>Cases</a> <span aria-hidden="true">›</span> <span aria-current="page">{detail.label}</span>
      </nav>
      <div className="page-head">
        <PageHeading>{draft.label.trim() || detail.label}</PageHeading>
        <label className="field inline">
          <span>Status</span>
          <select value={draft.status} onChange={(e) => edit({ status: e.target.value as Draft['status'] })} aria-describedby="status-hint">
            {caseStatuses.map((v) => (
              // a case is new until its first run or decision, and solved by a final diagnosis (recorded from the results)
              <option key={v} value={v} disabled={v === 'new' || (v === 'solved' && !detail.finalDiagnosis)}>
                {statusLabel(v)}
              </option>
            ))}
          </select>
        </label>
        <span className="grow" />
        <span className={`save-state${dirty ? ' dirty' : ''}`} role="status" aria-live="polite">
          {saveState}
        </span>
        <button type="button" className="primary" onClick={() => void save()} disabled={saving || !dirty} aria-keyshortcuts="Control+S">
          Save
        </button>
      </div>
      <ErrorText error={saveError} />
      <div className="case-grid">
        <div className="column">
          <section className="panel" aria-labelledby="patient-title">
            <h2 id="patient-title">Patient</h2>
            <div className="row">
              <label className="field grow">
                <span>Label</span>
                <input value={draft.label} onChange={(e) => edit({ label: e.target.value })} maxLength={200} required name="label" />
              </label>
              <label className="field">
                <span>Sex</span>
                <select value={draft.sex} onChange={(e) => edit({ sex: e.target.value as Draft['sex'] })} name="sex">
                  {!saved?.sex && <option value="">Not recorded</option>}
                  <LabelOptions labels={sexLabels} />
                </select>
              </label>
              <label className="field">
                <span>Age (years)</span>
                <input value={draft.age} onChange={(e) => edit({ age: e.target.value })} inputMode="decimal" size={7} name="age" aria-invalid={ageState === 'invalid'} aria-describedby="age-hint" />
              </label>
            </div>
            <p id="age-hint" className="muted small">
              {ageState === 'invalid' ? <span className="error-inline">Age must be a number of years (0–130); 14 months = 1.17.</span> : 'Decimal years: 14 months = 1.17.'}
            </p>
            <div className="row">
              <label className="field grow">
                <span>Referred by</span>
                <input value={draft.referrer} onChange={(e) => edit({ referrer: e.target.value })} maxLength={500} name="referrer" placeholder="e.g. Dr A. Smith, paediatrics" />
              </label>
            </div>
            <label className="field">
              <span>Indication (reason for referral)</span>
              <textarea value={draft.indication} onChange={(e) => edit({ indication: e.target.value })} rows={2} maxLength={10_000} name="indication" placeholder="e.g. disproportionate short stature, suspected skeletal dysplasia" />
            </label>
          </section>
          <NarrativeSection
            narrative={draft.narrative}
            onNarrative={(narrative) => edit({ narrative })}
            onExtract={() => void extract()}
            extracting={extracting}
            error={extractError}
            proposals={proposals}
            extractedFrom={extractedFrom}
            isAccepted={isAccepted}
            rejected={rejected}
            onAccept={(p) => upsert(asFinding(p))}
            onReject={(p) => {
              remember(`rejected ${p.label}`);
              setRejected((r) => new Set([...r, p.key]));
              if (isAccepted(p)) setDraft((d) => (d ? { ...d, findings: d.findings.filter((f) => !(f.hpoId === p.hpoId && f.status === p.status && f.source === 'extracted')) } : d));
            }}
            onFlip={(p) => {
              remember(`flipped ${p.label}`);
              const status: FindingView['status'] = p.status === 'excluded' ? 'present' : 'excluded';
              setProposals((list) => list.map((x) => (x.key === p.key ? { ...x, status } : x)));
              upsert(asFinding(p, status));
            }}
            onAcceptAll={() => proposals.filter((p) => !rejected.has(p.key) && !isAccepted(p)).forEach((p) => upsert(asFinding(p)))}
            undoLabel={undoStack.at(-1)?.what}
            onUndo={undo}
          />
          <section className="panel" aria-labelledby="notes-title">
            <h2 id="notes-title">Clinician notes</h2>
            <label className="field">
              <span className="visually-hidden">Clinician notes</span>
              <textarea value={draft.notes} onChange={(e) => edit({ notes: e.target.value })} rows={3} name="notes" placeholder="Working notes, family history, tests ordered…" />
            </label>
          </section>
        </div>
        <div className="column">
          <section className="panel" aria-labelledby="findings-title">
            <h2 id="findings-title">
              Findings <span className="count">({findings.length})</span>
            </h2>
            <TermPicker onPick={onPick} existing={existing} />
            <FindingChips findings={findings} onStatus={setStatus} onRemove={remove} />
          </section>
          <GrowthSection
            ageYears={typeof ageState === 'number' ? ageState : undefined}
            sex={draft.sex || undefined}
            existing={new Set(findings.map((f) => f.hpoId))}
            onAdd={(hpoId, label) => upsert({ hpoId, label, status: 'present', source: 'typed' })}
          />
          <DiagnosisPanel detail={detail} />
          <VcfSection caseId={caseId} current={detail.vcf} onImported={onImported} />
          <RunSection caseId={caseId} runs={detail.runs} presentCount={presentCount} ensureSaved={save} />
        </div>
      </div>
      <div className="case-wide">
        <FamilySection
          caseId={caseId}
          draft={draft.family}
          onChange={(family) => edit({ family })}
          probandSex={draft.sex || 'UNKNOWN_SEX'}
          vcfSamples={detail.vcf?.samples}
          notes={detail.pedigree?.notes ?? []}
          onImported={onFamilyImported}
        />
        <CandidateVariantsSection caseId={caseId} draft={draft.candidates} onChange={(candidates) => edit({ candidates })} hasVcf={!!detail.vcf} onImported={onCandidatesImported} />
      </div>
      <p id="status-hint" className="muted small shortcuts">
        Keys: Ctrl+S save · Ctrl+Z undo a reject, flip or removal · Ctrl+Enter in the narrative extracts · in the term picker Enter adds, Shift+Enter adds as excluded. A case is
        solved by recording its final diagnosis from the results.
      </p>
    </div>
  );
}

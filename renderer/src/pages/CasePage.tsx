import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { CaseDetail, FindingView, TermHit, VcfSummary } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { ErrorText, PageHeading } from '../components/common.js';
import { FindingChips } from '../components/FindingChips.js';
import { NarrativeSection, type Proposal } from '../components/NarrativeSection.js';
import { RunSection } from '../components/RunSection.js';
import { TermPicker, type AddStatus } from '../components/TermPicker.js';
import { VcfSection } from '../components/VcfSection.js';
import { caseStatuses, findingStatusLabels, formatDate, sexLabels, statusLabel } from '../format.js';
import { useShortcut } from '../hooks.js';
import { href } from '../router.js';
import { useApi, useApp } from '../state/app-context.js';

type Sex = NonNullable<CaseDetail['sex']>;

/** What the clinician edits; saved with cases.update + cases.setFindings. */
interface Draft {
  label: string;
  sex: Sex | '';
  age: string;
  status: CaseDetail['status'];
  narrative: string;
  notes: string;
  finalDiagnosis: string;
  findings: FindingView[];
}

const draftOf = (c: CaseDetail): Draft => ({
  label: c.label,
  sex: c.sex ?? '',
  age: c.ageYears !== undefined ? String(Math.round(c.ageYears * 100) / 100) : '',
  status: c.status,
  narrative: c.narrative,
  notes: c.notes,
  finalDiagnosis: c.finalDiagnosis ?? '',
  findings: c.findings,
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
  const dirty = draft !== undefined && !same(draft, saved);

  const adopt = useCallback((c: CaseDetail) => {
    setDetail(c);
    setDraft(draftOf(c));
    setSaved(draftOf(c));
    const spans = c.findings.filter((f) => f.source !== 'typed' && f.start !== undefined && f.end !== undefined && c.narrative.slice(f.start, f.end) === (f.text ?? c.narrative.slice(f.start, f.end)));
    setProposals(spans.map((f, i) => ({ ...f, key: proposalKey(f, i) })).sort((a, b) => (a.start ?? 0) - (b.start ?? 0)));
    setRejected(new Set());
    setExtractedFrom(spans.length > 0 ? c.narrative : undefined);
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
    async (d: Draft): Promise<Draft> => {
      const ageYears = parseAge(d.age);
      if (ageYears === 'invalid') throw toApiError({ error: 'Age must be a number of years between 0 and 130.', kind: 'bad-request' });
      if (!d.label.trim()) throw toApiError({ error: 'The case needs a label.', kind: 'bad-request' });
      const findings = reanchor(d.findings, d.narrative);
      await api.call('cases.update', {
        id: caseId,
        label: d.label.trim(),
        ...(d.sex ? { sex: d.sex } : {}),
        ...(ageYears !== undefined ? { ageYears } : {}),
        status: d.status,
        narrative: d.narrative,
        notes: d.notes,
        ...(d.finalDiagnosis.trim() ? { finalDiagnosis: d.finalDiagnosis.trim() } : {}),
      });
      const after = await api.call('cases.setFindings', { id: caseId, findings });
      setDetail(after);
      return { ...d, label: d.label.trim(), findings };
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
        const sent = await persist(d);
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
      if (d && !same(d, s)) persist(d).catch((err: unknown) => notify('error', `The case “${d.label}” could not be saved when leaving it: ${toApiError(err).message}`));
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
  const remove = (hpoId: string) => setDraft((d) => (d ? { ...d, findings: d.findings.filter((f) => f.hpoId !== hpoId) } : d));

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
  const saveState = saving ? 'Saving…' : dirty ? 'Unsaved changes' : savedAt ? `Saved at ${savedAt.toLocaleTimeString('en-GB')}` : `Last changed ${formatDate(detail.updatedAt)}`;

  return (
    <div className="page page-case">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={href({ name: 'cases' })}>Cases</a> <span aria-hidden="true">›</span> <span aria-current="page">{detail.label}</span>
      </nav>
      <div className="page-head">
        <PageHeading>{draft.label.trim() || detail.label}</PageHeading>
        <label className="field inline">
          <span>Status</span>
          <select value={draft.status} onChange={(e) => edit({ status: e.target.value as Draft['status'] })}>
            {caseStatuses.map((v) => (
              <option key={v} value={v}>
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
                  {Object.entries(sexLabels).map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
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
            <label className="field">
              <span>Final diagnosis (when the case is solved)</span>
              <input value={draft.finalDiagnosis} onChange={(e) => edit({ finalDiagnosis: e.target.value })} name="final-diagnosis" placeholder="e.g. Achondroplasia (OMIM:100800), FGFR3 c.1138G>A" />
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
              setRejected((r) => new Set([...r, p.key]));
              if (isAccepted(p)) setDraft((d) => (d ? { ...d, findings: d.findings.filter((f) => !(f.hpoId === p.hpoId && f.status === p.status && f.source === 'extracted')) } : d));
            }}
            onFlip={(p) => {
              const status: FindingView['status'] = p.status === 'excluded' ? 'present' : 'excluded';
              setProposals((list) => list.map((x) => (x.key === p.key ? { ...x, status } : x)));
              upsert(asFinding(p, status));
            }}
            onAcceptAll={() => proposals.filter((p) => !rejected.has(p.key) && !isAccepted(p)).forEach((p) => upsert(asFinding(p)))}
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
          <VcfSection caseId={caseId} current={detail.vcf} onImported={onImported} />
          <RunSection caseId={caseId} runs={detail.runs} presentCount={presentCount} ensureSaved={save} />
        </div>
      </div>
      <p className="muted small shortcuts">Keys: Ctrl+S save · Ctrl+Enter in the narrative extracts · in the term picker Enter adds, Shift+Enter adds as excluded.</p>
    </div>
  );
}

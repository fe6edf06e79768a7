import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { Candidate, CaseDetail, DecisionView, RunView } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { CandidateEvidence } from '../components/CandidateEvidence.js';
import { ErrorText, PageHeading } from '../components/common.js';
import { DiseaseInfoPanel } from '../components/DiseaseInfoPanel.js';
import { ReasoningPanel } from '../components/ReasoningPanel.js';
import { decisionLabels, formatDate, formatLr, formatProbability, probabilityMeaning } from '../format.js';
import { isTyping, useShortcut } from '../hooks.js';
import { href } from '../router.js';
import { useApi, useApiQuery, useApp } from '../state/app-context.js';

/** A candidate is named by any id of its concept (the scored entry, OMIM, ORPHA). */
const isOf = (c: Candidate, id: string | undefined) => !!id && (c.id === id || c.ids.includes(id) || c.entryId === id);

export function ResultsPage({ caseId, runId }: { caseId: string; runId: string }) {
  const run = useApiQuery('runs.get', { runId }, runId);
  const detail = useApiQuery('cases.get', { id: caseId }, caseId);
  const [selectedId, setSelectedId] = useState<string>();
  const [highlightId, setHighlightId] = useState<string>();
  const [focusRequest, setFocusRequest] = useState<{ id: string; n: number }>();
  const [showAll, setShowAll] = useState(false);
  const [tab, setTab] = useState<'evidence' | 'disease'>('evidence');
  const evidenceRef = useRef<HTMLElement>(null);

  const data = run.data;
  const candidates = data?.candidates ?? [];
  const selected = candidates.find((c) => c.id === selectedId) ?? candidates[0];
  const SHOWN = 20;
  const selectedIndex = candidates.findIndex((c) => c.id === selected?.id);
  const shown = showAll || selectedIndex >= SHOWN ? candidates : candidates.slice(0, SHOWN);
  const decisions = detail.data?.decisions ?? [];
  const decisionsOn = (c: Candidate): DecisionView[] => decisions.filter((d) => ['accept', 'reject', 'exclude', 'final-diagnosis'].includes(d.kind) && isOf(c, d.diseaseId));
  const finalDiagnosis = detail.data?.finalDiagnosis;

  // A citation: select the candidate it belongs to, then scroll to and highlight the cited item.
  const cite = (evidenceId: string, diseaseId?: string) => {
    const kind = evidenceId.split(':')[0] ?? '';
    const entryOf = (c: Candidate) => c.entryId ?? c.id;
    let target = candidates.find((c) => evidenceId === `D:${entryOf(c)}` || evidenceId.startsWith(`${kind}:${entryOf(c)}:`));
    if (!target && kind === 'V') {
      const has = (c: Candidate) => c.genotype?.variants.some((v) => `V:${v.grch38}` === evidenceId);
      target = [candidates.find((c) => isOf(c, diseaseId)), selected, ...candidates].find((c) => c && has(c));
    }
    if (target) setSelectedId(target.id);
    setTab('evidence');
    setHighlightId(evidenceId);
    setFocusRequest({ id: evidenceId, n: Date.now() });
  };

  useEffect(() => {
    if (!focusRequest) return;
    const sel = CSS.escape(focusRequest.id);
    const el = evidenceRef.current?.querySelector<HTMLElement>(`[data-evidence-id="${sel}"]`) ?? document.querySelector<HTMLElement>(`[data-cited-id="${sel}"]`);
    if (!el) return;
    const details = el.closest('details');
    if (details && !details.open) details.open = true;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.focus({ preventScroll: true });
  }, [focusRequest, selected?.id]);

  const onCase = (c: CaseDetail) => detail.setData(c);

  // Keyboard: ↑↓ on the list, and J / K (next / previous) anywhere on the page that is not a text field.
  const move = useCallback(
    (step: number) => {
      const i = shown.findIndex((c) => c.id === selected?.id);
      const next = shown[Math.max(0, Math.min(shown.length - 1, i + step))];
      if (!next) return;
      setSelectedId(next.id);
      document.querySelector<HTMLElement>(`[data-candidate="${CSS.escape(next.id)}"]`)?.focus();
      evidenceRef.current?.scrollTo({ top: 0 });
    },
    [shown, selected?.id],
  );
  useShortcut(
    useCallback((e: globalThis.KeyboardEvent) => !isTyping(e) && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === 'j' || e.key === 'k'), []),
    useCallback((e: globalThis.KeyboardEvent) => move(e.key === 'j' ? 1 : -1), [move]),
  );
  const onRowsKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    move(e.key === 'ArrowDown' ? 1 : -1);
  };

  const label = detail.data?.label ?? caseId;
  return (
    <div className="page page-results">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={href({ name: 'cases' })}>Cases</a> <span aria-hidden="true">›</span> <a href={href({ name: 'case', caseId })}>{label}</a> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">Results</span>
      </nav>
      <div className="page-head">
        <PageHeading>Differential: {label}</PageHeading>
        {finalDiagnosis && (
          <span className="tag tag-solved" title={`${finalDiagnosis.diseaseId}, ${finalDiagnosis.decidedBy}`}>
            Final diagnosis: {finalDiagnosis.label}
          </span>
        )}
        <span className="grow" />
        <a className="button" href={href({ name: 'case', caseId })}>
          Back to the case
        </a>
        <a className="button primary" href={href({ name: 'report', caseId, runId })}>
          Report
        </a>
      </div>
      {data && (
        <p className="muted small run-meta">
          Run {data.id} of {formatDate(data.createdAt)} · knowledge snapshot <span className="mono">{data.snapshotId}</span>
          {data.reasoning ? ` · model ${data.reasoning.modelId}` : ' · ranking only'}
          {data.vcf
            ? data.vcf.file.startsWith('candidate list')
              ? ` · ${data.vcf.file}: ${data.vcf.passed.toLocaleString()} of ${data.vcf.records.toLocaleString()} variants placed in genes`
              : ` · VCF ${data.vcf.file} (${data.vcf.passed.toLocaleString()} variants passed)`
            : ' · no VCF'}
          {data.timings['rankMs'] !== undefined && ` · ranked in ${data.timings['rankMs'].toFixed(0)} ms`}
        </p>
      )}
      {data?.setAside && data.setAside.length > 0 && (
        <details className="small set-aside-run">
          <summary>Set aside by this run: {data.setAside.length} (pedigree members, list rows)</summary>
          <ul className="plain set-aside">
            {data.setAside.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </details>
      )}
      <ErrorText error={run.error ?? detail.error} />
      {!data && !run.error && (
        <p className="muted" role="status">
          Loading the results…
        </p>
      )}
      {data && (
        <div className="results-grid">
          <div className="column">
            <section className="panel" aria-labelledby="differential-title">
              <h2 id="differential-title">Ranked differential</h2>
              {candidates.length === 0 ? (
                <p className="muted">No candidate: the findings matched no annotated disease.</p>
              ) : (
                <table className="data-table differential">
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        #
                      </th>
                      <th scope="col">Disease · genes</th>
                      <th scope="col" className="num">
                        Probability
                      </th>
                      <th scope="col" className="num" title="share of the disease's hallmark features (frequent and specific) covered by the patient's present findings">
                        Hallmarks
                      </th>
                    </tr>
                  </thead>
                  <tbody onKeyDown={onRowsKey}>
                    {shown.map((c) => {
                      const isSel = c.id === selected?.id;
                      const decision = decisionsOn(c).at(-1);
                      const final = !!finalDiagnosis && isOf(c, finalDiagnosis.diseaseId);
                      return (
                        <tr key={c.id} className={`candidate-row${isSel ? ' selected' : ''}${highlightId === `D:${c.entryId ?? c.id}` ? ' cited' : ''}`} onClick={() => setSelectedId(c.id)}>
                          <td className="num">{c.rank}</td>
                          <td>
                            <button type="button" className="link-button" data-candidate={c.id} aria-pressed={isSel} onClick={() => setSelectedId(c.id)} aria-controls="evidence-panel">
                              {c.label}
                            </button>
                            {c.profile && (
                              <span className="tag tag-muted" title={`scored from the annotated diseases of its genes: ${c.profile.borrowedFrom.join(', ')}`}>
                                no curated phenotype profile
                              </span>
                            )}
                            {final ? (
                              <span className="tag tag-solved">final diagnosis</span>
                            ) : (
                              decision && <span className={`tag ${decision.kind === 'accept' ? 'tag-ok' : 'tag-bad'}`}>{decisionLabels[decision.kind].toLowerCase()}</span>
                            )}
                            <div className="muted small">
                              {c.genes.length > 0 ? <b className="genes">{c.genes.map((g) => g.symbol).join(', ')}</b> : 'no gene'}
                              {c.genotype?.satisfied && c.genotype.lr > 1 && (
                                <span className={`tag small-tag ${c.genotype.lr >= 100 ? 'tag-bad' : 'tag-muted'}`} title={`genotype in ${c.genotype.gene}: ${c.genotype.reason}, ${c.genotype.mode} inheritance fits`}>
                                  variant LR {formatLr(c.genotype.lr)}
                                </span>
                              )}{' '}
                              · <span className="mono">{c.id}</span>
                              {c.ids.length > 1 && <span className="mono"> (also {c.ids.filter((x) => x !== c.id).join(', ')})</span>}
                            </div>
                          </td>
                          <td className="num">
                            <span className="prob">{formatProbability(c.probability)}</span>
                            <span className="prob-bar" aria-hidden="true">
                              <span style={{ width: `${Math.max(c.probability * 100, c.probability > 0 ? 1 : 0)}%` }} />
                            </span>
                          </td>
                          <td className="num">{c.profile ? '–' : `${Math.round(c.coverage * 100)} %`}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
              {candidates.length > shown.length && (
                <button type="button" className="show-all" onClick={() => setShowAll(true)}>
                  Show all {candidates.length} candidates
                </button>
              )}
              <p className="muted small">
                {probabilityMeaning}
                {data.unlistedProbability !== undefined && data.unlistedProbability >= 0.001 && <> A disease this knowledge snapshot does not contain: {formatProbability(data.unlistedProbability)}.</>}
              </p>
              <p className="muted small" id="candidate-keys">
                ↑↓ on the list, or J / K anywhere: next and previous candidate; the evidence of the selected one stays on the right.
              </p>
            </section>
            {data.reasoning && <ReasoningPanel reasoning={data.reasoning} highlightId={highlightId} onCite={cite} />}
            <CheckNext caseId={caseId} run={data} />
            <GenesPanel run={data} />
          </div>
          <div className="column">
            <section className="panel evidence-panel" id="evidence-panel" ref={evidenceRef} aria-labelledby="evidence-title" aria-live="off">
              {selected ? (
                <>
                  <div className="tabs" role="tablist" aria-label="About the selected candidate">
                    <button type="button" role="tab" aria-selected={tab === 'evidence'} onClick={() => setTab('evidence')}>
                      Evidence and decision
                    </button>
                    <button type="button" role="tab" aria-selected={tab === 'disease'} onClick={() => setTab('disease')}>
                      About the disease
                    </button>
                  </div>
                  {tab === 'evidence' ? (
                    <CandidateEvidence key={selected.id} caseId={caseId} run={data} candidate={selected} highlightId={highlightId} decisions={decisionsOn(selected)} finalDiagnosis={finalDiagnosis} onCase={onCase} />
                  ) : (
                    <>
                      <h2 id="evidence-title">
                        <span className="rank-badge">{selected.rank}</span> {selected.label}
                      </h2>
                      <DiseaseInfoPanel key={selected.id} diseaseId={selected.id} />
                    </>
                  )}
                </>
              ) : (
                <p className="muted" id="evidence-title">
                  No candidate selected.
                </p>
              )}
            </section>
          </div>
        </div>
      )}
    </div>
  );
}

/** The findings that would best separate the leading candidates, with a quick way to record the answer on the case. */
function CheckNext({ caseId, run }: { caseId: string; run: RunView }) {
  const api = useApi();
  const { notify } = useApp();
  const [recorded, setRecorded] = useState<Map<string, 'present' | 'excluded'>>(new Map());
  const [error, setError] = useState<ApiCallError>();
  const name = (id: string) => run.candidates.find((c) => c.id === id)?.label ?? id;
  const record = async (hpoId: string, label: string, status: 'present' | 'excluded') => {
    setError(undefined);
    try {
      const c = await api.call('cases.get', { id: caseId });
      const findings = [...c.findings.filter((f) => f.hpoId !== hpoId), { hpoId, label, status, source: 'typed' as const }];
      await api.call('cases.setFindings', { id: caseId, findings });
      setRecorded((m) => new Map(m).set(hpoId, status));
      notify('info', `${label} recorded as ${status}. Run the diagnosis again to update the ranking.`);
    } catch (err) {
      setError(toApiError(err, 'cases.setFindings'));
    }
  };
  return (
    <section className="panel" aria-labelledby="check-next-title">
      <h2 id="check-next-title">Check next</h2>
      {run.discriminating.length === 0 ? (
        <p className="muted small">No finding separates the leading candidates.</p>
      ) : (
        <ul className="check-next">
          {run.discriminating.map((d) => (
            <li key={d.hpoId}>
              <div>
                <b>{d.label}</b> <span className="muted mono small">{d.hpoId}</span>
              </div>
              <div className="muted small">
                expected in {d.presentIn.map(name).join(', ') || '—'}; not in {d.absentIn.map(name).join(', ') || '—'}
              </div>
              <div className="row tight">
                {recorded.get(d.hpoId) ? (
                  <span className="small">
                    Recorded as {recorded.get(d.hpoId)} · <a href={href({ name: 'case', caseId })}>run again from the case</a>
                  </span>
                ) : (
                  <>
                    <button type="button" className="small-btn" onClick={() => void record(d.hpoId, d.label, 'present')} aria-label={`Record ${d.label} as present`}>
                      Present
                    </button>
                    <button type="button" className="small-btn" onClick={() => void record(d.hpoId, d.label, 'excluded')} aria-label={`Record ${d.label} as absent`}>
                      Absent
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={error} />
    </section>
  );
}

function GenesPanel({ run }: { run: RunView }) {
  const genes = run.genes.slice(0, 10);
  if (genes.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="genes-title">
      <h2 id="genes-title">Genes</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Gene</th>
            <th scope="col" className="num">
              Probability
            </th>
            <th scope="col" className="num">
              Genotype LR
            </th>
          </tr>
        </thead>
        <tbody>
          {genes.map((g) => (
            <tr key={g.symbol}>
              <td className="num">{g.rank}</td>
              <td>
                <b>{g.symbol}</b>
              </td>
              <td className="num">{formatProbability(g.probability)}</td>
              <td className="num">{g.genotypeLR !== undefined ? formatLr(g.genotypeLR) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

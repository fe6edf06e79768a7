import { useCallback, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { CaseSummary } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { ErrorText, LabelOptions, PageHeading, Progress, StatusTag } from '../components/common.js';
import { FileDrop, type FileChoice } from '../components/FileDrop.js';
import { checkFileName, sendFile } from '../file-transfer.js';
import { caseStatuses, formatAge, formatDate, sexLabels, statusLabel } from '../format.js';
import { isTyping, useDebouncedValue, useShortcut } from '../hooks.js';
import { href, navigate } from '../router.js';
import { useApi, useApiQuery } from '../state/app-context.js';

type StatusFilter = CaseSummary['status'] | 'all';

export function CaseListPage() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const debounced = useDebouncedValue(search.trim(), 250);
  const list = useApiQuery('cases.list', debounced ? { search: debounced } : {}, debounced);
  const searchRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useShortcut(
    useCallback((e: KeyboardEvent) => e.key === '/' && !isTyping(e) && !e.ctrlKey && !e.metaKey, []),
    useCallback(() => searchRef.current?.focus(), []),
  );
  useShortcut(
    useCallback((e: KeyboardEvent) => e.key === 'n' && !isTyping(e) && !e.ctrlKey && !e.metaKey && !e.altKey, []),
    useCallback(() => dialogRef.current?.showModal(), []),
  );

  const cases = (list.data ?? []).filter((c) => status === 'all' || c.status === status);
  const searching = list.loading || search.trim() !== debounced;

  return (
    <div className="page page-cases">
      <div className="page-head">
        <PageHeading>Cases</PageHeading>
        <button type="button" className="primary" onClick={() => dialogRef.current?.showModal()} aria-keyshortcuts="N">
          New case
        </button>
      </div>
      <div className="toolbar" role="search">
        <label className="field grow">
          <span>Search cases</span>
          <input
            ref={searchRef}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Label, narrative text or finding  ( / )"
            aria-keyshortcuts="/"
            aria-describedby="case-search-status"
          />
        </label>
        <label className="field">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="all">All</option>
            {caseStatuses.map((value) => (
              <option key={value} value={value}>
                {statusLabel(value)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id="case-search-status" className="muted status-line" aria-live="polite">
        {searching ? 'Searching…' : list.data ? `${cases.length} case${cases.length === 1 ? '' : 's'}${debounced ? ` matching “${debounced}”` : ''}` : ''}
      </p>
      <ErrorText error={list.error} />
      <div className="panel table-panel">
        <table className="data-table case-table">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Status</th>
              <th scope="col">Sex</th>
              <th scope="col">Age</th>
              <th scope="col" className="num">
                Findings
              </th>
              <th scope="col">Diagnosis or leading candidate</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} onClick={(e) => (e.target as HTMLElement).tagName !== 'A' && navigate({ name: 'case', caseId: c.id })} className="clickable">
                <td>
                  <a href={href({ name: 'case', caseId: c.id })} className="strong">
                    {c.label}
                  </a>
                </td>
                <td>
                  <StatusTag status={c.status}>{statusLabel(c.status)}</StatusTag>
                </td>
                <td>{c.sex ? sexLabels[c.sex] : '—'}</td>
                <td>{formatAge(c.ageYears) || '—'}</td>
                <td className="num">{c.findingCount}</td>
                <td className="case-dx">
                  {c.finalDiagnosis ? (
                    <span title={c.finalDiagnosis.diseaseId}>
                      <span className="tag tag-solved">diagnosis</span> {c.finalDiagnosis.label}
                    </span>
                  ) : c.topCandidate ? (
                    <span title={c.topCandidate}>{c.topCandidateLabel ?? c.topCandidate}</span>
                  ) : (
                    <span className="muted">not run</span>
                  )}
                </td>
                <td className="nowrap">{formatDate(c.updatedAt)}</td>
              </tr>
            ))}
            {list.data && cases.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  {debounced || status !== 'all' ? 'No case matches.' : 'No cases yet. Create one with “New case” (N).'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <PhenopacketImport />
      <NewCaseDialog dialogRef={dialogRef} />
    </div>
  );
}

/** A GA4GH phenopacket from the user's machine becomes a new case (its SOLVED interpretation, the final diagnosis). */
function PhenopacketImport() {
  const api = useApi();
  const [error, setError] = useState<ApiCallError>();
  const [progress, setProgress] = useState<{ sent: number; total: number }>();
  const onChosen = async (choice: FileChoice) => {
    setError(undefined);
    try {
      let ref: { path: string } | { uploadId: string };
      if ('path' in choice) ref = { path: choice.path };
      else {
        const wrong = checkFileName('phenopacket', choice.file.name);
        if (wrong) throw toApiError({ error: wrong, kind: 'bad-input' });
        ref = await sendFile(api, choice.file, (sent, total) => setProgress({ sent, total }));
      }
      const created = await api.call('cases.importPhenopacket', ref);
      navigate({ name: 'case', caseId: created.id });
    } catch (err) {
      setError(toApiError(err, 'cases.importPhenopacket'));
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import a case</h2>
      <FileDrop kind="phenopacket" what="a phenopacket (.json)" disabled={!!progress} onChosen={(c) => void onChosen(c)} />
      {progress && <Progress label="Phenopacket upload" fraction={progress.total ? progress.sent / progress.total : 0} step="uploading" active />}
      <ErrorText error={error} />
    </section>
  );
}

function NewCaseDialog({ dialogRef }: { dialogRef: RefObject<HTMLDialogElement | null> }) {
  const api = useApi();
  const [label, setLabel] = useState('');
  const [sex, setSex] = useState<NonNullable<CaseSummary['sex']> | ''>('');
  const [age, setAge] = useState('');
  const [error, setError] = useState<ApiCallError>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ageYears = age.trim() === '' ? undefined : Number(age);
    if (ageYears !== undefined && (!Number.isFinite(ageYears) || ageYears < 0 || ageYears > 130)) {
      setError(toApiError({ error: 'Age must be a number of years between 0 and 130.', kind: 'bad-request' }));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.call('cases.create', { label: label.trim(), ...(sex ? { sex } : {}), ...(ageYears !== undefined ? { ageYears } : {}) });
      dialogRef.current?.close();
      setLabel('');
      setSex('');
      setAge('');
      navigate({ name: 'case', caseId: created.id });
    } catch (err) {
      setError(toApiError(err, 'cases.create'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="new-case-title" onClose={() => setError(undefined)}>
      <form onSubmit={submit} className="stack">
        <h2 id="new-case-title">New case</h2>
        <label className="field">
          <span>Label (no names: a pseudonym or clinic number)</span>
          <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={200} autoFocus name="label" />
        </label>
        <div className="row">
          <label className="field">
            <span>Sex</span>
            <select value={sex} onChange={(e) => setSex(e.target.value as typeof sex)} name="sex">
              <option value="">Not recorded</option>
              <LabelOptions labels={sexLabels} />
            </select>
          </label>
          <label className="field">
            <span>Age (years)</span>
            <input value={age} onChange={(e) => setAge(e.target.value)} inputMode="decimal" name="age" placeholder="e.g. 1.2" size={8} />
          </label>
        </div>
        <ErrorText error={error} />
        <div className="row end">
          <button type="button" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !label.trim()}>
            {busy ? 'Creating…' : 'Create case'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

import { useRef, useState } from 'react';
import { ErrorText, PageHeading } from '../components/common.js';
import { href } from '../router.js';
import { toApiError } from '../api-client.js';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import { useApi, useApiQuery } from '../state/app-context.js';

/** The reader's locale and time zone: the report prints every date as the user reads it. */
const reader = () => {
  const o = new Intl.DateTimeFormat().resolvedOptions();
  return { locale: navigator.language || o.locale, timeZone: o.timeZone };
};

/**
 * The printable clinical report (`report.html`), shown in a sandboxed iframe (no scripts) and printed from that frame,
 * so only the report is printed. "Save PDF" asks the engine for a PDF: the desktop app prints the HTML (printToPDF),
 * browser mode lays out the same content with a PDF library.
 */
export function ReportPage({ caseId, runId }: { caseId: string; runId: string }) {
  const report = useApiQuery('report.html', { caseId, runId, ...reader() }, `${caseId}/${runId}`);
  const detail = useApiQuery('cases.get', { id: caseId }, caseId);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [saved, setSaved] = useState<string>();
  const [pdfError, setPdfError] = useState<ApiCallError>();
  const [making, setMaking] = useState(false);
  const api = useApi();
  const label = detail.data?.label ?? caseId;

  const print = () => {
    const win = frameRef.current?.contentWindow;
    if (win) {
      win.focus();
      win.print();
    } else window.print();
  };

  const download = (blob: Blob, name: string) => {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setSaved(name);
  };
  const baseName = `rarediag-report-${label.replace(/[^\w.-]+/g, '_').slice(0, 60)}-${runId}`;

  const savePdf = async () => {
    setPdfError(undefined);
    setMaking(true);
    try {
      const { pdfBase64 } = await api.call('report.pdf', { caseId, runId, ...reader() });
      const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
      download(new Blob([bytes], { type: 'application/pdf' }), `${baseName}.pdf`);
    } catch (err) {
      setPdfError(toApiError(err, 'report.pdf'));
    } finally {
      setMaking(false);
    }
  };

  const saveHtml = () => {
    if (report.data) download(new Blob([report.data.html], { type: 'text/html;charset=utf-8' }), `${baseName}.html`);
  };

  return (
    <div className="page page-report">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={href({ name: 'cases' })}>Cases</a> <span aria-hidden="true">›</span> <a href={href({ name: 'case', caseId })}>{label}</a> <span aria-hidden="true">›</span>{' '}
        <a href={href({ name: 'results', caseId, runId })}>Results</a> <span aria-hidden="true">›</span> <span aria-current="page">Report</span>
      </nav>
      <div className="page-head">
        <PageHeading>Report: {label}</PageHeading>
        <span className="grow" />
        <span className="muted small" role="status">
          {saved ? `Saved as ${saved}` : ''}
        </span>
        <button type="button" onClick={saveHtml} disabled={!report.data}>
          Save HTML
        </button>
        <button type="button" onClick={() => void savePdf()} disabled={!report.data || making}>
          {making ? 'Making the PDF…' : 'Save PDF'}
        </button>
        <button type="button" className="primary" onClick={print} disabled={!report.data}>
          Print
        </button>
      </div>
      <p className="muted small">
        The header names the institution and the reporting clinician from <a href={href({ name: 'settings' })}>Settings</a>; the sign-off block is for signature after review.
      </p>
      <ErrorText error={report.error} />
      <ErrorText error={pdfError} />
      <div className="report-frame-wrap">
        {report.data ? (
          <iframe ref={frameRef} className="report-frame" title={`Clinical report for ${label}`} srcDoc={report.data.html} sandbox="allow-same-origin allow-modals" />
        ) : (
          !report.error && (
            <p className="muted" role="status">
              Preparing the report…
            </p>
          )
        )}
      </div>
    </div>
  );
}

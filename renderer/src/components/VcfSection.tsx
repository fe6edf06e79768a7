import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { VcfSummary } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { checkFileName, sendFile, type FileRef } from '../file-transfer.js';
import { formatBytes, formatCount } from '../format.js';
import { useApi, useApp, useJob } from '../state/app-context.js';
import { ErrorText, Progress } from './common.js';
import { FileDrop, type FileChoice } from './FileDrop.js';

/**
 * VCF import: a file from the user's machine (drop it, or choose it: the desktop app's dialog, the browser's picker;
 * in the browser it is uploaded with a progress bar first), or a path typed for files already on the engine's machine.
 * Then `vcf.attach`, a progress bar driven by the job's events, and the import summary.
 */
export function VcfSection({ caseId, current, onImported }: { caseId: string; current: VcfSummary | undefined; onImported(summary: VcfSummary): void }) {
  const api = useApi();
  const { jobs } = useApp();
  const job = useJob(caseId, 'vcf');
  const [path, setPath] = useState('');
  const [sample, setSample] = useState('');
  const [assembly, setAssembly] = useState<'' | 'GRCh37' | 'GRCh38'>('');
  const [error, setError] = useState<ApiCallError | string>();
  const [starting, setStarting] = useState(false);
  const [upload, setUpload] = useState<{ name: string; sent: number; total: number }>();
  const uploadAbort = useRef<AbortController | undefined>(undefined);
  const running = starting || job?.status === 'running';

  useEffect(() => {
    if (!job || job.handled) return;
    if (job.status === 'done' && job.result?.kind === 'vcf') {
      jobs.markHandled(job.jobId);
      onImported(job.result.summary);
    } else if (job.status === 'failed') {
      jobs.markHandled(job.jobId);
      setError(`VCF import failed: ${job.error ?? 'unknown error'}`);
    }
  }, [job, jobs, onImported]);

  const attach = async (file: FileRef) => {
    await jobs.start('vcf', caseId, () => api.call('vcf.attach', { caseId, ...file, ...(sample.trim() ? { sample: sample.trim() } : {}), ...(assembly ? { assembly } : {}) }));
  };

  const start = async (work: () => Promise<void>) => {
    setError(undefined);
    setStarting(true);
    try {
      await work();
    } catch (err) {
      setError(toApiError(err, 'vcf.attach'));
    } finally {
      setStarting(false);
      setUpload(undefined);
    }
  };

  const onChosen = (choice: FileChoice) =>
    void start(async () => {
      if ('path' in choice) return attach({ path: choice.path });
      const wrong = checkFileName('vcf', choice.file.name);
      if (wrong) throw toApiError({ error: wrong, kind: 'bad-input' });
      const abort = new AbortController();
      uploadAbort.current = abort;
      setUpload({ name: choice.file.name, sent: 0, total: choice.file.size });
      const ref = await sendFile(api, choice.file, (sent, total) => setUpload({ name: choice.file.name, sent, total }), abort.signal);
      setUpload(undefined);
      await attach(ref);
    });

  const submitPath = (e: FormEvent) => {
    e.preventDefault();
    void start(() => attach({ path: path.trim() }));
  };

  const shown = job?.status === 'done' && job.result?.kind === 'vcf' ? job.result.summary : current;

  return (
    <section className="panel" aria-labelledby="vcf-title">
      <h2 id="vcf-title">Variants (VCF)</h2>
      <FileDrop kind="vcf" what="the patient's VCF (.vcf, .vcf.gz)" disabled={running} onChosen={onChosen} />
      <div className="row">
        <label className="field grow">
          <span>Sample (optional)</span>
          <input value={sample} onChange={(e) => setSample(e.target.value)} placeholder="first sample" disabled={running} name="vcf-sample" />
        </label>
        <label className="field">
          <span>Assembly</span>
          <select value={assembly} onChange={(e) => setAssembly(e.target.value as typeof assembly)} disabled={running}>
            <option value="">Detect</option>
            <option value="GRCh37">GRCh37</option>
            <option value="GRCh38">GRCh38</option>
          </select>
        </label>
        <div className="field-button">
          {upload ? (
            <button type="button" onClick={() => uploadAbort.current?.abort()}>
              Cancel upload
            </button>
          ) : job?.status === 'running' ? (
            <button type="button" onClick={() => void jobs.cancel(job.jobId).catch((err: unknown) => setError(toApiError(err, 'jobs.cancel')))} disabled={job.cancelling}>
              {job.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : null}
        </div>
      </div>
      <details className="small path-entry">
        <summary>Or type the path of a file on the engine’s computer (scripts, shared folders)</summary>
        <form onSubmit={submitPath} className="row">
          <label className="field grow">
            <span>VCF file path on this computer</span>
            <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/data/patients/P001.vcf.gz" required spellCheck={false} disabled={running} name="vcf-path" />
          </label>
          <div className="field-button">
            <button type="submit" disabled={running || !path.trim()}>
              {current ? 'Import another VCF' : 'Import VCF'}
            </button>
          </div>
        </form>
      </details>
      {upload && <Progress label="VCF upload" fraction={upload.total ? upload.sent / upload.total : 0} step={`${upload.name}: ${formatBytes(upload.sent)} of ${formatBytes(upload.total)}`} active />}
      <Progress
        label="VCF import"
        fraction={job?.status === 'running' || starting ? (job?.status === 'running' ? job.fraction : 0) : job?.status === 'done' ? 1 : 0}
        step={upload ? 'waiting for the upload' : starting ? 'starting…' : job?.status === 'running' ? job.step : job?.status === 'done' ? 'imported' : ''}
        active={running}
      />
      <ErrorText error={error} />
      {shown ? <VcfSummaryView summary={shown} /> : <p className="muted small">No VCF attached: the ranking uses phenotypes only.</p>}
    </section>
  );
}

/** The file's own name (uploads are kept under an id folder of the data home: the name is what the user knows). */
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function VcfSummaryView({ summary }: { summary: VcfSummary }) {
  const dropped = Object.entries(summary.dropped).filter(([, n]) => n > 0);
  return (
    <div className="vcf-summary" aria-label="VCF import summary">
      <p className="vcf-file" title={summary.path}>
        <span className="mono">{fileName(summary.path)}</span> · sample <b>{summary.sample}</b> · {summary.build}
      </p>
      <dl className="stats">
        <div>
          <dt>Records</dt>
          <dd>{formatCount(summary.records)}</dd>
        </div>
        <div>
          <dt>Passed</dt>
          <dd>{formatCount(summary.passed)}</dd>
        </div>
        <div>
          <dt>Lifted</dt>
          <dd>{formatCount(summary.lifted)}</dd>
        </div>
        <div>
          <dt>Unlifted</dt>
          <dd>{formatCount(summary.unlifted)}</dd>
        </div>
        <div>
          <dt>In genes</dt>
          <dd>{formatCount(summary.inGenes)}</dd>
        </div>
      </dl>
      {dropped.length > 0 && (
        <details className="small">
          <summary>Dropped: {formatCount(dropped.reduce((s, [, n]) => s + n, 0))}</summary>
          <ul className="plain">
            {dropped.map(([reason, n]) => (
              <li key={reason}>
                {reason}: {formatCount(n)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

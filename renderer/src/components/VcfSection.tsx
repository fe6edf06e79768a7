import { useEffect, useState, type FormEvent } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { VcfSummary } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { formatCount } from '../format.js';
import { useApi, useApp, useJob } from '../state/app-context.js';
import { ErrorText, Progress } from './common.js';

/**
 * VCF import: a path on this machine (the browser has no file dialog; Electron will add one), optional sample and
 * assembly, then `vcf.attach` and a progress bar driven by the job's progress events, then the import summary.
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

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setStarting(true);
    try {
      await jobs.start('vcf', caseId, () => api.call('vcf.attach', { caseId, path: path.trim(), ...(sample.trim() ? { sample: sample.trim() } : {}), ...(assembly ? { assembly } : {}) }));
    } catch (err) {
      setError(toApiError(err, 'vcf.attach'));
    } finally {
      setStarting(false);
    }
  };

  const shown = job?.status === 'done' && job.result?.kind === 'vcf' ? job.result.summary : current;

  return (
    <section className="panel" aria-labelledby="vcf-title">
      <h2 id="vcf-title">Variants (VCF)</h2>
      <form onSubmit={submit} className="stack tight">
        <label className="field">
          <span>VCF file path on this computer</span>
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/data/patients/P001.vcf.gz" required spellCheck={false} disabled={running} name="vcf-path" />
        </label>
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
            {job?.status === 'running' ? (
              <button type="button" onClick={() => void jobs.cancel(job.jobId).catch((err: unknown) => setError(toApiError(err, 'jobs.cancel')))} disabled={job.cancelling}>
                {job.cancelling ? 'Cancelling…' : 'Cancel'}
              </button>
            ) : (
              <button type="submit" disabled={running || !path.trim()}>
                {current ? 'Import another VCF' : 'Import VCF'}
              </button>
            )}
          </div>
        </div>
      </form>
      <Progress label="VCF import" fraction={job?.status === 'running' || starting ? (job?.status === 'running' ? job.fraction : 0) : job?.status === 'done' ? 1 : 0} step={starting ? 'starting…' : job?.status === 'running' ? job.step : job?.status === 'done' ? 'imported' : ''} active={running} />
      <ErrorText error={error} />
      {shown ? <VcfSummaryView summary={shown} /> : <p className="muted small">No VCF attached: the ranking uses phenotypes only.</p>}
    </section>
  );
}

export function VcfSummaryView({ summary }: { summary: VcfSummary }) {
  const dropped = Object.entries(summary.dropped).filter(([, n]) => n > 0);
  return (
    <div className="vcf-summary" aria-label="VCF import summary">
      <p className="vcf-file" title={summary.path}>
        <span className="mono">{summary.path}</span> · sample <b>{summary.sample}</b> · {summary.build}
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

import { useEffect, useRef, useState } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { CaseDetail } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { formatDate } from '../format.js';
import { href, navigate } from '../router.js';
import { useApi, useApiQuery, useApp, useJob } from '../state/app-context.js';
import { ErrorText, Progress } from './common.js';

/**
 * Runs the diagnosis (`diagnosis.run`, optionally with the local model's reasoning), follows it through progress and
 * streamed model output (thoughts apart from the answer), and opens the results when it is done. Lists earlier runs.
 */
export function RunSection({ caseId, runs, presentCount, ensureSaved }: { caseId: string; runs: CaseDetail['runs']; presentCount: number; ensureSaved(): Promise<boolean> }) {
  const api = useApi();
  const { jobs } = useApp();
  const job = useJob(caseId, 'run');
  const models = useApiQuery('models.list', {}, 'models');
  const [reason, setReason] = useState(false);
  const [modelId, setModelId] = useState('');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiCallError | string>();
  const [watchingId, setWatchingId] = useState<string | undefined>(job?.status === 'running' ? job.jobId : undefined);
  const running = starting || job?.status === 'running';
  const modelList = models.data ?? [];
  const noModel = models.data !== undefined && modelList.length === 0;

  useEffect(() => {
    if (!job || job.handled || job.jobId !== watchingId) return;
    if (job.status === 'done' && job.result?.kind === 'run') {
      jobs.markHandled(job.jobId);
      navigate({ name: 'results', caseId, runId: job.result.runId });
    } else if (job.status === 'failed') {
      jobs.markHandled(job.jobId);
      setError(`Diagnosis failed: ${job.error ?? 'unknown error'}`);
    }
  }, [job, jobs, caseId, watchingId]);

  const run = async () => {
    setError(undefined);
    setStarting(true);
    try {
      if (!(await ensureSaved())) return;
      const started = await jobs.start(
        'run',
        caseId,
        () => api.call('diagnosis.run', { caseId, ...(reason ? { reason: true } : {}), ...(reason && modelId ? { modelId } : {}) }),
        runs.map((r) => r.id),
      );
      setWatchingId(started.jobId);
    } catch (err) {
      setError(toApiError(err, 'diagnosis.run'));
    } finally {
      setStarting(false);
    }
  };

  const streaming = Boolean(job && job.jobId === watchingId && (job.thought || job.answer || (running && reason)));
  const sortedRuns = [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section className="panel" aria-labelledby="run-title">
      <h2 id="run-title">Diagnosis</h2>
      <div className="row wrap">
        <label className="check">
          <input type="checkbox" checked={reason} onChange={(e) => setReason(e.target.checked)} disabled={running || noModel} />
          Reason with the local model
        </label>
        {reason && modelList.length > 1 && (
          <label className="field inline">
            <span>Model</span>
            <select value={modelId} onChange={(e) => setModelId(e.target.value)} disabled={running}>
              <option value="">Selected ({modelList.find((m) => m.selected)?.id ?? 'default'})</option>
              {modelList.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id} · {m.quantization}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="grow" />
        {job?.status === 'running' && job.jobId === watchingId && (
          <button type="button" onClick={() => void jobs.cancel(job.jobId).catch((err: unknown) => setError(toApiError(err, 'jobs.cancel')))} disabled={job.cancelling}>
            {job.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        <button type="button" className="primary" onClick={() => void run()} disabled={running || presentCount === 0} aria-describedby="run-hint">
          {running ? 'Running…' : 'Run diagnosis'}
        </button>
      </div>
      <p id="run-hint" className="muted small">
        {noModel
          ? 'No local model imported (rarediag models import FILE.gguf): the ranking runs without reasoning.'
          : presentCount === 0
            ? 'Add at least one present finding to run the diagnosis.'
            : 'Saves the case, ranks the differential' + (reason ? ' and streams the model’s reasoning.' : '.')}
      </p>
      <Progress label="Diagnosis" fraction={job && job.jobId === watchingId ? job.fraction : 0} step={starting ? 'starting…' : job && job.jobId === watchingId && job.status === 'running' ? job.step : ''} active={running} />
      <ErrorText error={error} />
      {streaming && job && (
        <div className="stream" aria-label="Model output">
          <StreamBox title="Model thinking" kind="thought" text={job.thought} />
          <StreamBox title="Model answer" kind="answer" text={job.answer} />
        </div>
      )}
      <h3 className="subhead">Earlier runs</h3>
      {sortedRuns.length === 0 ? (
        <p className="muted small">No run yet.</p>
      ) : (
        <ul className="run-list">
          {sortedRuns.map((r) => (
            <li key={r.id}>
              <a href={href({ name: 'results', caseId, runId: r.id })}>{formatDate(r.createdAt)}</a>
              <span className="grow">{r.topCandidate ?? '—'}</span>
              <span className="muted small" title={`snapshot ${r.snapshotId}`}>
                {r.modelId ? `with ${r.modelId}` : 'ranking only'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StreamBox({ title, kind, text }: { title: string; kind: 'thought' | 'answer'; text: string }) {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <div className={`stream-box stream-${kind}`}>
      <div className="stream-title">{title}</div>
      <pre ref={ref} tabIndex={0} aria-label={title} data-stream={kind}>
        {text}
      </pre>
    </div>
  );
}

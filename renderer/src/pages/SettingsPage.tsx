import { useEffect, useState } from 'react';
import type { ApiCallError, ApiResponse } from '../../../diagnosis/contract/api.js';
import { toApiError } from '../api-client.js';
import { ErrorText, PageHeading } from '../components/common.js';
import { ReleaseCheckPanel } from '../components/ReleaseCheckPanel.js';
import { ReportHeaderSettings } from '../components/ReportHeaderSettings.js';
import { formatBytes, formatCount, formatDate } from '../format.js';
import { useApi, useApiQuery, useConnectionState } from '../state/app-context.js';

export function SettingsPage() {
  const api = useApi();
  const info = useApiQuery('snapshot.info', {}, 'info');
  const models = useApiQuery('models.list', {}, 'models');
  const connection = useConnectionState();
  const [verify, setVerify] = useState<ApiResponse<'snapshot.verify'>>();
  const [verifying, setVerifying] = useState(false);
  const [verifyError, setVerifyError] = useState<ApiCallError>();
  const [actionError, setActionError] = useState<ApiCallError>();
  const [hardware, setHardware] = useState<ApiResponse<'models.hardware'>>();
  const reloadInfo = info.reload;
  const [rebuild, setRebuild] = useState<{ jobId: string; fraction: number; step: string; outcome?: string }>();

  // Snapshot rebuild progress arrives as job events.
  useEffect(() => {
    if (!rebuild?.jobId || rebuild.outcome) return;
    return api.onJobEvent((e) => {
      if (e.jobId !== rebuild.jobId) return;
      if (e.type === 'progress') setRebuild((r) => r && { ...r, fraction: e.fraction, step: e.step });
      if (e.type === 'done' && e.result.kind === 'snapshot') {
        setRebuild((r) => r && { ...r, fraction: 1, step: 'done', outcome: `rebuilt: ${e.result.kind === 'snapshot' ? e.result.snapshotId : ''}` });
        reloadInfo();
      }
      if (e.type === 'failed') setRebuild((r) => r && { ...r, outcome: `failed: ${e.error} (the previous snapshot is kept)` });
    });
  }, [api, rebuild?.jobId, rebuild?.outcome, reloadInfo]);

  const act = async <T,>(name: Parameters<typeof toApiError>[1], work: () => Promise<T>): Promise<T | undefined> => {
    setActionError(undefined);
    try {
      return await work();
    } catch (err) {
      setActionError(toApiError(err, name));
      return undefined;
    }
  };
  const startRebuild = () =>
    act('snapshot.rebuild', async () => {
      const { jobId } = await api.call('snapshot.rebuild', {});
      setRebuild({ jobId, fraction: 0, step: 'starting' });
    });
  const selectModel = (id: string) => act('models.select', async () => (await api.call('models.select', { id }), models.reload()));
  const detectHardware = () => act('models.hardware', async () => setHardware(await api.call('models.hardware', {})));

  const runVerify = async () => {
    setVerifying(true);
    setVerifyError(undefined);
    setVerify(undefined);
    try {
      setVerify(await api.call('snapshot.verify', {}));
    } catch (err) {
      setVerifyError(toApiError(err, 'snapshot.verify'));
    } finally {
      setVerifying(false);
    }
  };

  const s = info.data;
  return (
    <div className="page page-settings">
      <div className="page-head">
        <PageHeading>Settings</PageHeading>
      </div>
      <div className="settings-grid">
        <section className="panel" aria-labelledby="snapshot-title">
          <h2 id="snapshot-title">Knowledge snapshot</h2>
          <ErrorText error={info.error} />
          {s && (
            <>
              <dl className="kv">
                <dt>Snapshot id</dt>
                <dd className="mono">{s.snapshotId}</dd>
                <dt>Built</dt>
                <dd>{formatDate(s.builtAt)}</dd>
                <dt>Schema version</dt>
                <dd>{s.schemaVersion}</dd>
              </dl>
              <h3 className="subhead">Contents</h3>
              <table className="data-table">
                <tbody>
                  {Object.entries(s.summary).map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td className="num">{formatCount(v)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ReleaseCheckPanel check={s.releaseCheck} />
              <h3 className="subhead">Sources</h3>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Release</th>
                  </tr>
                </thead>
                <tbody>
                  {s.sources.map((src) => (
                    <tr key={src.path}>
                      <td className="mono small">{src.path}</td>
                      <td>{src.release}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <div className="row">
            <button type="button" onClick={() => void runVerify()} disabled={verifying}>
              {verifying ? 'Verifying…' : 'Verify the snapshot files'}
            </button>
            <span role="status" className="small">
              {verify && (verify.ok ? <span className="tag tag-ok">✓ every file verified</span> : <span className="tag tag-bad">✗ {verify.problems.length} problem(s)</span>)}
            </span>
          </div>
          <ErrorText error={verifyError} />
          <div className="row">
            <button type="button" onClick={() => void startRebuild()} disabled={!!rebuild && !rebuild.outcome}>
              Rebuild from the sources
            </button>
            {rebuild && (
              <span role="status" className="small">
                <progress max={1} value={rebuild.fraction} aria-label="Snapshot rebuild" /> {rebuild.outcome ?? rebuild.step}
              </span>
            )}
          </div>
          <ErrorText error={actionError} />
          {verify && verify.problems.length > 0 && (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {verify.problems.map((p, i) => (
                  <tr key={i}>
                    <td className="mono small">{p.file}</td>
                    <td>{p.problem}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <div className="column">
          <ReportHeaderSettings />
          <section className="panel" aria-labelledby="models-title">
            <h2 id="models-title">Local models</h2>
            <ErrorText error={models.error} />
            {models.data && models.data.length === 0 && <p className="muted">No model imported. Import a GGUF file with `rarediag models import FILE.gguf`.</p>}
            {models.data && models.data.length > 0 && (
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Architecture</th>
                    <th scope="col">Quantization</th>
                    <th scope="col" className="num">
                      Size
                    </th>
                    <th scope="col" className="num">
                      Context
                    </th>
                    <th scope="col">Selected</th>
                  </tr>
                </thead>
                <tbody>
                  {models.data.map((m) => (
                    <tr key={m.id}>
                      <td>
                        <b>{m.id}</b>
                        <div className="muted small mono">{m.file}</div>
                      </td>
                      <td>{m.architecture}</td>
                      <td>{m.quantization}</td>
                      <td className="num">{formatBytes(m.sizeBytes)}</td>
                      <td className="num">{m.contextLength ? formatCount(m.contextLength) : '—'}</td>
                      <td>
                        {m.selected ? (
                          <span className="tag tag-ok">✓ selected</span>
                        ) : (
                          <button type="button" onClick={() => void selectModel(m.id)} aria-label={`Select ${m.id}`}>
                            Select
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="muted small">Import or remove models from the command line (`rarediag models import | remove`).</p>
            <div className="row">
              <button type="button" onClick={() => void detectHardware()}>
                Detect GPU / CPU
              </button>
              {hardware && (
                <span role="status" className="small">
                  {hardware.backend === 'cpu' ? 'No GPU backend: the model runs on the CPU.' : `GPU backend ${hardware.backend}.`} {hardware.summary}
                </span>
              )}
            </div>
          </section>
          <section className="panel" aria-labelledby="connection-title">
            <h2 id="connection-title">Connection</h2>
            <dl className="kv">
              <dt>Engine</dt>
              <dd>{api.transport === 'electron' ? 'Desktop application' : api.transport === 'http' ? `Local server ${window.location.host}` : 'Demonstration data (fake API)'}</dd>
              <dt>Live job updates</dt>
              <dd>{connection === 'open' ? 'connected' : connection === 'connecting' ? 'connecting…' : 'disconnected (reconnecting)'}</dd>
              <dt>Network</dt>
              <dd>Nothing leaves this computer: the page talks only to this machine.</dd>
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}

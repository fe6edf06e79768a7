import type { CaseDetail } from '../../../diagnosis/contract/api-schemas.js';
import { certaintyLabels, classificationLabels, decisionLabels, formatDate } from '../format.js';
import { href } from '../router.js';

/**
 * The case's diagnosis as decided: the final diagnosis with its gene, variant, classification and certainty, and every
 * decision on the way (accepted, rejected, excluded candidates with their reasons; status changes), newest first.
 * Decisions are made on the results page, beside the evidence.
 */
export function DiagnosisPanel({ detail }: { detail: CaseDetail }) {
  const fd = detail.finalDiagnosis;
  const lastRun = detail.runs.at(-1);
  return (
    <section className="panel" aria-labelledby="diagnosis-title">
      <h2 id="diagnosis-title">Decisions and final diagnosis</h2>
      {fd ? (
        <div className="final-diagnosis" aria-label="Final diagnosis">
          <p>
            <span className="tag tag-solved">Final diagnosis</span> <b>{fd.label}</b> <span className="muted mono small">{fd.diseaseId}</span>
          </p>
          <dl className="kv small">
            {fd.gene && (
              <>
                <dt>Gene</dt>
                <dd>{fd.gene}</dd>
              </>
            )}
            {fd.variant && (
              <>
                <dt>Variant</dt>
                <dd className="mono">{fd.variant}</dd>
              </>
            )}
            {fd.classification && (
              <>
                <dt>Classification</dt>
                <dd>{classificationLabels[fd.classification]}</dd>
              </>
            )}
            <dt>Certainty</dt>
            <dd>{fd.certainty ? certaintyLabels[fd.certainty] : 'not stated'}</dd>
            <dt>Decided</dt>
            <dd>
              {fd.decidedBy}, {formatDate(fd.decidedAt)}
            </dd>
            {fd.note && (
              <>
                <dt>Note</dt>
                <dd>{fd.note}</dd>
              </>
            )}
          </dl>
        </div>
      ) : (
        <p className="muted small">
          No final diagnosis yet.{' '}
          {lastRun ? (
            <>
              Accept, reject or exclude candidates and record the diagnosis beside the evidence in the <a href={href({ name: 'results', caseId: detail.id, runId: lastRun.id })}>latest results</a>.
            </>
          ) : (
            'Run the diagnosis first.'
          )}
        </p>
      )}
      {detail.decisions.length > 0 && (
        <details className="small decision-history">
          <summary>Decisions ({detail.decisions.length})</summary>
          <ol className="plain">
            {[...detail.decisions].reverse().map((d) => (
              <li key={d.id}>
                <b>{decisionLabels[d.kind]}</b>
                {d.label && <> {d.label}</>}
                {d.note && <> · “{d.note}”</>}
                <span className="muted">
                  {' '}
                  · {d.decidedBy}, {formatDate(d.decidedAt)}
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

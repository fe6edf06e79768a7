import type { ReactNode } from 'react';
import type { RunView } from '../../../diagnosis/contract/api-schemas.js';

type Reasoning = NonNullable<RunView['reasoning']>;

const kindNames: Record<string, string> = {
  D: 'disease',
  P: 'observed finding',
  X: 'excluded finding',
  U: 'feature not reported',
  G: 'gene',
  GT: 'genotype',
  V: 'variant',
  I: 'inheritance',
  C: 'classification',
  T: 'text match',
  R: 'further findings',
};
const kindOf = (id: string) => kindNames[id.split(':')[0] ?? ''] ?? 'evidence';

/**
 * The local model's reasoning, always shown as advisory and after the deterministic result: its differential with
 * rationales, every citation a button that scrolls to and highlights the cited evidence; the evidence it cited, what
 * the verifier refused, the fused ranking, next steps and caveats.
 */
export function ReasoningPanel({ reasoning, highlightId, onCite }: { reasoning: Reasoning; highlightId: string | undefined; onCite(evidenceId: string, diseaseId?: string): void }) {
  const citation = (id: string, diseaseId?: string, key?: string) => (
    <button
      key={key ?? id}
      type="button"
      className={`cite${highlightId === id ? ' on' : ''}`}
      onClick={() => onCite(id, diseaseId)}
      title={reasoning.evidence[id] ?? 'not in the evidence pack'}
      aria-label={`Show evidence: ${reasoning.evidence[id] ?? id}`}
    >
      {id}
    </button>
  );

  /** Rationale text with inline "[id]" references turned into citation buttons. */
  const withCitations = (text: string, diseaseId: string): ReactNode[] => {
    const out: ReactNode[] = [];
    const re = /\[([A-Z]{1,2}:[^\]\s]+)\]/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push(text.slice(last, m.index));
      out.push(citation(m[1]!, diseaseId, `inline-${m.index}`));
      last = m.index + m[0].length;
    }
    out.push(text.slice(last));
    return out;
  };

  const citedIds = new Set<string>();
  for (const d of reasoning.differential) {
    for (const id of d.evidenceIds) citedIds.add(id);
    for (const m of d.rationale.matchAll(/\[([A-Z]{1,2}:[^\]\s]+)\]/g)) citedIds.add(m[1]!);
  }
  const cited = [...citedIds].map((id) => [id, reasoning.evidence[id] ?? 'not in the evidence pack'] as const);
  const given = Object.entries(reasoning.evidence);

  return (
    <section className="panel reasoning" aria-labelledby="reasoning-title">
      <h2 id="reasoning-title">
        Model reasoning <span className="tag tag-muted">advisory</span>
      </h2>
      <p className="muted small">
        {reasoning.modelId} · {reasoning.hardware}. Every citation was checked against the evidence pack; the ranking above is the deterministic one.
      </p>
      {reasoning.error && (
        <p className="error-text" role="alert">
          The model did not complete: {reasoning.error}
        </p>
      )}
      <ol className="llm-differential">
        {reasoning.differential.map((d) => (
          <li key={d.diseaseId}>
            <div className="llm-head">
              <b>{d.label}</b> <span className="muted mono small">{d.diseaseId}</span>
              <span className="confidence" title="the model's own confidence">
                confidence {Math.round(d.confidence * 100)} %
              </span>
            </div>
            <p className="rationale">{withCitations(d.rationale, d.diseaseId)}</p>
            {d.evidenceIds.length > 0 && (
              <p className="cites">
                <span className="muted small">Cites: </span>
                {d.evidenceIds.map((id) => citation(id, d.diseaseId, `${d.diseaseId}-${id}`))}
              </p>
            )}
          </li>
        ))}
      </ol>
      {reasoning.nextSteps.length > 0 && (
        <>
          <h3 className="subhead">Suggested next steps</h3>
          <ul>
            {reasoning.nextSteps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </>
      )}
      {reasoning.caveats.length > 0 && (
        <>
          <h3 className="subhead">Caveats</h3>
          <ul>
            {reasoning.caveats.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </>
      )}
      {reasoning.fused.length > 0 && (
        <details>
          <summary>Fused ranking (deterministic + model)</summary>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Fused
                </th>
                <th scope="col">Disease</th>
                <th scope="col" className="num">
                  Ranker
                </th>
                <th scope="col" className="num">
                  Model
                </th>
              </tr>
            </thead>
            <tbody>
              {reasoning.fused.map((f) => (
                <tr key={f.diseaseId}>
                  <td className="num">{f.fusedRank}</td>
                  <td>{f.label}</td>
                  <td className="num">{f.deterministicRank ?? '—'}</td>
                  <td className="num">{f.llmRank ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {cited.length > 0 && (
        <details open>
          <summary>Evidence cited by the model ({cited.length})</summary>
          <ul className="cited-list">
            {cited.map(([id, text]) => (
              <li key={id} data-cited-id={id} tabIndex={-1} className={highlightId === id ? 'cited' : undefined}>
                <span className="mono small">{id}</span> <span className="muted small">({kindOf(id)})</span> {text}
              </li>
            ))}
          </ul>
        </details>
      )}
      <details>
        <summary>All evidence the model was given ({given.length})</summary>
        <ul className="cited-list">
          {given.map(([id, text]) => (
            <li key={id}>
              <span className="mono small">{id}</span> {text}
            </li>
          ))}
        </ul>
      </details>
      {reasoning.rejected.length > 0 && (
        <details>
          <summary>Refused by the verifier ({reasoning.rejected.length})</summary>
          <ul className="small">
            {reasoning.rejected.map((r, i) => (
              <li key={i}>
                <span className="mono">{r.where}</span>: “{r.value}”, {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

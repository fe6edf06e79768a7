import { formatDay } from '../format.js';
import { useApiQuery } from '../state/app-context.js';
import { ErrorText } from './common.js';

/**
 * What the knowledge snapshot says about a candidate disease, beside its evidence: names and ids, Orphanet
 * classification, inheritance, genes, the hallmark features with their frequencies, onset and course, and the sources
 * with their release dates, so the clinician can judge the candidate without leaving the app.
 */
export function DiseaseInfoPanel({ diseaseId }: { diseaseId: string }) {
  const info = useApiQuery('diseases.info', { id: diseaseId }, diseaseId);
  const d = info.data;
  if (info.error) return <ErrorText error={info.error} />;
  if (!d) {
    return (
      <p className="muted" role="status">
        Loading what the knowledge snapshot says about this disease…
      </p>
    );
  }
  return (
    <div className="disease-info" aria-label={`About ${d.label}`}>
      <dl className="kv">
        <dt>Ids</dt>
        <dd className="mono small">{[...d.ids, ...(d.mondo ? [d.mondo] : [])].join(' · ')}</dd>
        <dt>Also called</dt>
        <dd>{d.synonyms.length ? d.synonyms.slice(0, 8).join('; ') : <span className="muted">no synonym</span>}</dd>
        <dt>Orphanet classification</dt>
        <dd>{d.classification.length ? d.classification.map((c) => c.label).join('; ') : <span className="muted">not classified in the Orphanet files here</span>}</dd>
        <dt>Inheritance</dt>
        <dd>{d.inheritance.length ? d.inheritance.map((i) => i.label).join(', ') : <span className="muted">not stated</span>}</dd>
        <dt>Genes</dt>
        <dd>
          {d.genes.length
            ? d.genes.map((g) => (
                <span key={g.symbol} className="gene" title={`NCBI Gene ${g.ncbiGeneId}${g.association ? ` · ${g.association}` : ''}`}>
                  {g.symbol}
                </span>
              ))
            : <span className="muted">no known gene</span>}
        </dd>
        <dt>Onset and course</dt>
        <dd>{d.onset.length ? d.onset.map((o) => o.label).join(', ') : <span className="muted">not annotated</span>}</dd>
      </dl>
      <h3 className="subhead">
        Hallmark features ({d.features.length} of {d.featureCount})
      </h3>
      {d.features.length === 0 ? (
        <p className="muted small">No annotated feature.</p>
      ) : (
        <table className="data-table disease-features">
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Frequency in the disease</th>
            </tr>
          </thead>
          <tbody>
            {d.features.map((f) => (
              <tr key={f.id}>
                <td>
                  {f.label} <span className="muted mono small">{f.id}</span>
                </td>
                <td className="small">
                  {f.frequencyText}
                  {f.onset && <span className="muted"> · onset {f.onset}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="subhead">Sources</h3>
      <ul className="plain small sources">
        {d.sources.map((s) => (
          <li key={s.name}>
            {s.name}: <span className="release">{formatDay(s.release)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { CaseDetail } from '../../../diagnosis/contract/api-schemas.js';
import { acmgLabels, emptyVariant, inheritanceLabels, variantProblems, zygosityLabels, type CandidatesDraft, type VariantDraft } from '../family/candidate-draft.js';
import { useApi } from '../state/app-context.js';
import { FileImport } from './FileImport.js';
import { LabelOptions } from './common.js';

/**
 * A lab's prioritized candidate variants (no VCF): typed row by row (gene, HGVS c. and p., transcript, zygosity,
 * inheritance, the lab's class) or imported from the lab's CSV/TSV. Without a VCF a run weighs only these variants
 * against the phenotype. Each row's problems are shown beside it; the list is saved with the case.
 */
export function CandidateVariantsSection({
  caseId,
  draft,
  onChange,
  hasVcf,
  onImported,
}: {
  caseId: string;
  draft: CandidatesDraft;
  onChange(d: CandidatesDraft): void;
  hasVcf: boolean;
  onImported(c: CaseDetail): void;
}) {
  const api = useApi();
  const set = (rows: VariantDraft[]) => onChange({ ...draft, rows });
  const patch = (key: string, p: Partial<VariantDraft>) => set(draft.rows.map((v) => (v.key === key ? { ...v, ...p } : v)));
  const select = <T extends string>(v: VariantDraft, field: 'zygosity' | 'inheritance' | 'acmg', labels: Record<T, string>, label: string, blank: string) => (
    <select value={v[field]} onChange={(e) => patch(v.key, { [field]: e.target.value } as Partial<VariantDraft>)} aria-label={label}>
      <option value="">{blank}</option>
      <LabelOptions labels={labels} />
    </select>
  );

  return (
    <section className="panel" aria-labelledby="candidates-title">
      <h2 id="candidates-title">
        Candidate variants <span className="count">({draft.rows.length})</span>
      </h2>
      <p className="muted small">
        {hasVcf ? 'The case has a VCF: runs read the VCF, and this list is kept for the report.' : 'A lab’s list when there is no VCF: a run weighs only these variants against the phenotype.'}
      </p>
      {draft.rows.length > 0 && (
        <table className="data-table candidate-table" aria-label="Candidate variants">
          <thead>
            <tr>
              <th scope="col">Gene</th>
              <th scope="col">HGVS c.</th>
              <th scope="col">HGVS p.</th>
              <th scope="col">Transcript</th>
              <th scope="col">Zygosity</th>
              <th scope="col">Inheritance</th>
              <th scope="col">Lab class</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.rows.map((v, i) => {
              const n = i + 1;
              const problems = variantProblems(v);
              const messages = Object.values(problems);
              return (
                <tr key={v.key} data-variant-row={n}>
                  <td>
                    <input value={v.gene} onChange={(e) => patch(v.key, { gene: e.target.value.toUpperCase() })} aria-label={`Gene, variant ${n}`} size={7} spellCheck={false} aria-invalid={!!problems.gene} />
                    {v.kept?.chrom !== undefined && (
                      <div className="muted small mono">
                        {v.kept.assembly} {v.kept.chrom}:{v.kept.pos} {v.kept.ref}&gt;{v.kept.alt}
                      </div>
                    )}
                  </td>
                  <td>
                    <input value={v.hgvsC} onChange={(e) => patch(v.key, { hgvsC: e.target.value })} aria-label={`HGVS c., variant ${n}`} size={12} spellCheck={false} placeholder="c.1138G>A" aria-invalid={!!problems.hgvsC || !!problems.row} />
                  </td>
                  <td>
                    <input value={v.hgvsP} onChange={(e) => patch(v.key, { hgvsP: e.target.value })} aria-label={`HGVS p., variant ${n}`} size={12} spellCheck={false} placeholder="p.Gly380Arg" aria-invalid={!!problems.hgvsP} />
                  </td>
                  <td>
                    <input value={v.transcript} onChange={(e) => patch(v.key, { transcript: e.target.value })} aria-label={`Transcript, variant ${n}`} size={11} spellCheck={false} placeholder="NM_000142.5" />
                  </td>
                  <td>{select(v, 'zygosity', zygosityLabels, `Zygosity, variant ${n}`, 'Not stated')}</td>
                  <td>{select(v, 'inheritance', inheritanceLabels, `Inheritance, variant ${n}`, 'Not stated')}</td>
                  <td>{select(v, 'acmg', acmgLabels, `Lab class, variant ${n}`, 'Not classified')}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => set(draft.rows.filter((x) => x.key !== v.key))} aria-label={`Remove variant ${n}${v.gene ? ` (${v.gene})` : ''}`}>
                      Remove
                    </button>
                    {messages.length > 0 && (
                      <div className="error-inline small" data-row-problem={n}>
                        {messages.join('; ')}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="row wrap tight">
        <button type="button" onClick={() => set([...draft.rows, emptyVariant()])}>
          Add variant
        </button>
      </div>
      {draft.source && draft.rows.length > 0 && <p className="muted small">Saved list, source: {draft.source}.</p>}
      <FileImport kind="candidates" what="the lab's candidate list (.csv, .tsv)" read={(file) => api.call('cases.importCandidates', { caseId, ...file })} onImported={(c) => onImported(c)} />
    </section>
  );
}

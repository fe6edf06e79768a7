import type { Candidate, CaseDetail, DecisionView, RunView } from '../../../diagnosis/contract/api-schemas.js';
import { genotypeStatement } from '../../../diagnosis/contract/genotype-statement.js';
import { formatLogLr, formatLr, formatProbability, matchLabel, probabilityMeaning } from '../format.js';
import { DecisionForm } from './DecisionForm.js';
import { FamilyCalls } from './FamilyCalls.js';
import { LrAxis, LrBar } from './LrBar.js';

type TermRow = Candidate['observed'][number];

/**
 * Everything the ranker knows about one candidate, each item tagged with the evidence id the model would cite
 * (`data-evidence-id`, built on the entry the ranker scored), so a citation can scroll to and highlight it: the
 * patient's observed and excluded terms with their likelihood ratios (log-scale bars), the disease's features not
 * reported, the genotype with its variants and inheritance check (or what the run's VCF says about it), and the
 * clinician's decisions.
 */
export function CandidateEvidence(props: {
  caseId: string;
  run: RunView;
  candidate: Candidate;
  highlightId: string | undefined;
  decisions: DecisionView[];
  finalDiagnosis: CaseDetail['finalDiagnosis'];
  onCase(detail: CaseDetail): void;
}) {
  const { candidate: c, highlightId } = props;
  const cls = (id: string, base = '') => `${base}${highlightId === id ? ' cited' : ''}`.trim() || undefined;
  const observed = [...c.observed].sort((a, b) => b.lr - a.lr);
  const excluded = [...c.excluded].sort((a, b) => a.lr - b.lr);
  const ids = [...new Set([...c.ids, c.mondo].filter(Boolean))];
  // the evidence pack names the candidate by the entry the ranker scored
  const e = c.entryId ?? c.id;
  const genotype = genotypeStatement(props.run, c);

  return (
    <div className="evidence">
      <div className={cls(`D:${e}`, 'evidence-head')} data-evidence-id={`D:${e}`} tabIndex={-1}>
        <h2 id="evidence-title">
          <span className="rank-badge">{c.rank}</span> {c.label}
        </h2>
        <p className="muted small mono">{ids.join(' · ')}</p>
        <dl className="stats compact">
          <div>
            <dt title={probabilityMeaning}>Post-test probability</dt>
            <dd title={probabilityMeaning}>{formatProbability(c.probability)}</dd>
          </div>
          <div>
            <dt title="share of the disease's hallmark features (frequent and specific) covered by the patient's present findings">Hallmarks reported</dt>
            <dd>{Math.round(c.coverage * 100)} %</dd>
          </div>
          <div>
            <dt>Score (log₁₀)</dt>
            <dd>{c.score.toFixed(2)}</dd>
          </div>
          <div>
            <dt>Genes</dt>
            <dd>
              {c.genes.length === 0
                ? '—'
                : c.genes.map((g) => (
                    <span key={g.symbol} className={cls(`G:${e}:${g.symbol}`, 'gene')} data-evidence-id={`G:${e}:${g.symbol}`} tabIndex={-1} title={`NCBI Gene ${g.ncbiGeneId}`}>
                      {g.symbol}
                    </span>
                  ))}
            </dd>
          </div>
        </dl>
      </div>

      {observed.length + excluded.length + c.notReported.length === 0 && (
        <p className="notice small">Per-finding evidence is computed for the leading candidates only; this candidate has its score and genotype.</p>
      )}
      <h3 className="subhead">Findings in the patient ({observed.length})</h3>
      <TermTable rows={observed} prefix={`P:${e}:`} cls={cls} empty="No present finding." />

      <h3 className="subhead">Excluded findings ({excluded.length})</h3>
      <TermTable rows={excluded} prefix={`X:${e}:`} cls={cls} empty="No excluded finding." />

      <h3 className="subhead">Hallmarks of the disease not reported ({c.notReported.length})</h3>
      {c.notReported.length === 0 ? (
        <p className="muted small">None: every hallmark is reported present or absent, or not yet due at this age.</p>
      ) : (
        <ul className="not-reported">
          {c.notReported.map((t) => (
            <li key={t.id} className={cls(`U:${e}:${t.id}`)} data-evidence-id={`U:${e}:${t.id}`} tabIndex={-1}>
              {t.label} <span className="muted mono small">{t.id}</span>
              {t.frequencyText && <span className="muted small"> · {t.frequencyText}</span>}
              {t.lr !== undefined && <span className="muted small" title={`LR ${formatLr(t.lr)}: a feature not reported is weak evidence that it is absent`}> · {formatLogLr(t.lr)}</span>}
            </li>
          ))}
        </ul>
      )}

      <h3 className="subhead">Genotype</h3>
      {!c.genotype ? (
        <p className="muted small genotype-none" data-vcf-used={genotype.vcfUsed ? 'yes' : 'no'}>
          {genotype.text}
        </p>
      ) : (
        <div className={cls(`GT:${e}:${c.genotype.gene}`, 'genotype')} data-evidence-id={`GT:${e}:${c.genotype.gene}`} tabIndex={-1}>
          <p>
            <b>{c.genotype.gene}</b> · inheritance {c.genotype.mode} ·{' '}
            <span className={`tag ${c.genotype.satisfied ? 'tag-ok' : 'tag-bad'}`}>{c.genotype.satisfied ? '✓ genotype fits' : '✗ genotype does not fit'}</span> · {c.genotype.reason} · LR{' '}
            {formatLr(c.genotype.lr)} <LrBar lr={c.genotype.lr} />
          </p>
          {c.genotype.variants.length > 0 && (
            <table className="data-table variants">
              <thead>
                <tr>
                  <th scope="col">Variant (GRCh38)</th>
                  <th scope="col">Zygosity</th>
                  <th scope="col">ClinVar</th>
                  <th scope="col">Consequence / tier</th>
                  <th scope="col" className="num">
                    LR
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.genotype.variants.map((v) => (
                  <tr key={v.grch38} className={cls(`V:${v.grch38}`)} data-evidence-id={`V:${v.grch38}`} tabIndex={-1}>
                    <td>
                      <span className="mono">{v.grch38}</span>
                      {v.structural && <div className="small">{v.structural.text}</div>}
                      {(v.inputBuild !== 'GRCh38' || v.input !== v.grch38) && (
                        <div className="muted small">
                          input {v.inputBuild} <span className="mono">{v.input}</span>
                        </div>
                      )}
                      <FamilyCalls v={v} />
                    </td>
                    <td>{v.zygosity}</td>
                    <td>
                      {v.clinvar ? (
                        <>
                          <span className={`tag ${/pathogenic/i.test(v.clinvar.significance) && !/conflict/i.test(v.clinvar.significance) ? 'tag-bad' : 'tag-muted'}`}>{v.clinvar.significance}</span>{' '}
                          <span aria-label={`${v.clinvar.stars} review stars`} title={`${v.clinvar.stars} review star(s)`}>
                            {'★'.repeat(v.clinvar.stars)}
                            {'☆'.repeat(Math.max(0, 4 - v.clinvar.stars))}
                          </span>
                          <div className="muted small">
                            VCV {v.clinvar.id}
                            {v.clinvar.hgvsC && <> · {v.clinvar.hgvsC}</>}
                            {v.clinvar.hgvsP && <> · {v.clinvar.hgvsP}</>}
                          </div>
                        </>
                      ) : (
                        <span className="muted">not in ClinVar</span>
                      )}
                    </td>
                    <td>
                      {v.consequence ?? v.location?.class ?? (v.structural ? `copy-number ${v.structural.change === 'deletion' ? 'loss' : 'gain'}${v.structural.copyNumber !== undefined ? ` (CN ${v.structural.copyNumber})` : ''}` : '—')}
                      {v.location && (
                        <div className="small">
                          <span className="mono">
                            {v.location.position ?? ''}
                            {v.location.exon ? ` exon ${v.location.exon}/${v.location.exonCount}` : v.location.intron ? ` intron ${v.location.intron}` : ''}
                          </span>{' '}
                          <span className="muted mono">
                            {v.location.transcript}
                            {v.location.mane ? ' (MANE)' : ''}
                          </span>
                        </div>
                      )}
                      {v.constraint && (v.constraint.loeuf !== undefined || v.constraint.misZ !== undefined) && (
                        <div className="muted small" title="gnomAD v4 constraint of the gene">
                          {v.constraint.loeuf !== undefined && <>LOEUF {v.constraint.loeuf}</>}
                          {v.constraint.loeuf !== undefined && v.constraint.misZ !== undefined && ' · '}
                          {v.constraint.misZ !== undefined && <>missense Z {v.constraint.misZ}</>}
                        </div>
                      )}
                      <div className="muted small">{v.tier}</div>
                    </td>
                    <td className="num">{formatLr(v.lr)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      <DecisionForm caseId={props.caseId} runId={props.run.id} candidate={c} decisions={props.decisions} finalDiagnosis={props.finalDiagnosis} onCase={props.onCase} />
    </div>
  );
}

function TermTable({ rows, prefix, cls, empty }: { rows: TermRow[]; prefix: string; cls(id: string, base?: string): string | undefined; empty: string }) {
  if (rows.length === 0) return <p className="muted small">{empty}</p>;
  return (
    <table className="data-table terms">
      <thead>
        <tr>
          <th scope="col">Patient term</th>
          <th scope="col">Match in the disease</th>
          <th scope="col" className="num" title="likelihood ratio, and its log10 with its sign: + for the disease, − against">
            LR (log₁₀)
          </th>
          <th scope="col" className="chart-col">
            <span className="visually-hidden">Likelihood ratio chart, log scale</span>
            <LrAxis />
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.id} className={cls(`${prefix}${o.id}`)} data-evidence-id={`${prefix}${o.id}`} tabIndex={-1}>
            <td>
              {o.label} <span className="muted mono small">{o.id}</span>
            </td>
            <td>
              {matchLabel(o.match)}
              {o.diseaseTerm && o.diseaseTerm.id !== o.id && <div className="muted small">{o.diseaseTerm.label}</div>}
              {o.frequencyText ? (
                <div className="muted small">frequency {o.frequencyText}</div>
              ) : (
                o.frequency !== undefined && o.frequency > 0 && <span className="muted small"> · freq {Math.round(o.frequency * 100)} %</span>
              )}
            </td>
            <td className="num">
              {formatLr(o.lr)} <span className={`small ${o.lr < 1 ? 'against' : 'for'}`}>({formatLogLr(o.lr)})</span>
            </td>
            <td className="chart-col">
              <LrBar lr={o.lr} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

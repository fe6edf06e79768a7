import { useState, type FormEvent } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { Candidate, CaseDetail, DecisionView } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { certaintyLabels, classificationLabels, decisionLabels, formatDate } from '../format.js';
import { useApi } from '../state/app-context.js';
import { ErrorText, LabelOptions } from './common.js';

type CandidateDecision = 'accept' | 'reject' | 'exclude';
type Classification = NonNullable<DecisionView['classification']>;
type Certainty = NonNullable<DecisionView['certainty']>;

/**
 * The clinician's decision on one candidate, stored with the case (and its audit log): accept, reject, or "considered
 * and excluded" (e.g. by a test), with the reason; rejecting and excluding need one. Then, for the candidate that
 * explains the case, the final diagnosis: gene, variant, its ACMG/AMP classification and the certainty, which makes
 * the case solved.
 */
export function DecisionForm(props: {
  caseId: string;
  runId: string;
  candidate: Candidate;
  decisions: DecisionView[];
  finalDiagnosis: CaseDetail['finalDiagnosis'];
  onCase(detail: CaseDetail): void;
}) {
  const { candidate: c } = props;
  const api = useApi();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | string>();
  const latest = props.decisions.at(-1);
  const isFinal = !!props.finalDiagnosis && (c.ids.includes(props.finalDiagnosis.diseaseId) || c.id === props.finalDiagnosis.diseaseId);

  const record = async (decision: CandidateDecision) => {
    if (decision !== 'accept' && !note.trim()) {
      setError(`Say why ${c.label} is ${decision === 'reject' ? 'rejected' : 'excluded'} (e.g. “normal echocardiogram”, “gene panel negative”).`);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      props.onCase(await api.call('decisions.record', { caseId: props.caseId, runId: props.runId, diseaseId: c.id, decision, ...(note.trim() ? { note: note.trim() } : {}) }));
      setNote('');
    } catch (err) {
      setError(toApiError(err, 'decisions.record'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="decision">
      <h3 className="subhead">Your decision</h3>
      <p className="small" role="status" aria-label="Decision on this candidate">
        {isFinal && <span className="tag tag-solved">Final diagnosis</span>}{' '}
        {latest ? (
          <>
            <span className={`tag ${latest.kind === 'accept' || latest.kind === 'final-diagnosis' ? 'tag-ok' : 'tag-bad'}`}>{decisionLabels[latest.kind]}</span> by {latest.decidedBy},{' '}
            {formatDate(latest.decidedAt)}
            {latest.note && <> · “{latest.note}”</>}
          </>
        ) : (
          !isFinal && <span className="muted">No decision on this candidate yet.</span>
        )}
      </p>
      <label className="field">
        <span>Reason or note (needed to reject or exclude)</span>
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={10_000} placeholder="Why: e.g. consistent with the skeletal survey; excluded by a normal echocardiogram" name="decision-note" />
      </label>
      <div className="row">
        <button type="button" className="accept" onClick={() => void record('accept')} disabled={busy}>
          Accept {c.label.length > 40 ? 'candidate' : c.label}
        </button>
        <button type="button" className="reject" onClick={() => void record('reject')} disabled={busy}>
          Reject
        </button>
        <button type="button" className="reject" onClick={() => void record('exclude')} disabled={busy} title="Considered, and ruled out (e.g. by a test)">
          Considered and excluded
        </button>
      </div>
      <ErrorText error={error} />
      <FinalDiagnosisForm {...props} />
    </div>
  );
}

function FinalDiagnosisForm({ caseId, runId, candidate: c, finalDiagnosis, onCase }: { caseId: string; runId: string; candidate: Candidate; finalDiagnosis: CaseDetail['finalDiagnosis']; onCase(d: CaseDetail): void }) {
  const api = useApi();
  const firstVariant = c.genotype?.variants[0];
  const [gene, setGene] = useState(c.genotype?.gene ?? c.genes[0]?.symbol ?? '');
  const [variant, setVariant] = useState(firstVariant ? (firstVariant.clinvar?.hgvsC ? `${firstVariant.clinvar.hgvsC} (${firstVariant.grch38})` : firstVariant.grch38) : '');
  const [classification, setClassification] = useState<Classification | ''>('');
  const [certainty, setCertainty] = useState<Certainty>('confirmed');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (classification && !variant.trim()) {
      setError('A classification is of a variant: give the variant, or leave the classification empty.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onCase(
        await api.call('decisions.finalize', {
          caseId,
          runId,
          diseaseId: c.id,
          certainty,
          ...(gene.trim() ? { gene: gene.trim() } : {}),
          ...(variant.trim() ? { variant: variant.trim() } : {}),
          ...(classification ? { classification } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      );
    } catch (err) {
      setError(toApiError(err, 'decisions.finalize'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="final-form">
      <summary>{finalDiagnosis ? 'Record as the final diagnosis instead…' : 'Record as the final diagnosis…'}</summary>
      <form onSubmit={submit} className="stack tight" aria-label={`Final diagnosis: ${c.label}`}>
        <div className="row">
          <label className="field">
            <span>Gene</span>
            <input value={gene} onChange={(e) => setGene(e.target.value)} maxLength={50} list={`genes-${c.id}`} name="final-gene" size={9} />
            <datalist id={`genes-${c.id}`}>
              {c.genes.map((g) => (
                <option key={g.symbol} value={g.symbol} />
              ))}
            </datalist>
          </label>
          <label className="field grow">
            <span>Variant (HGVS or position)</span>
            <input value={variant} onChange={(e) => setVariant(e.target.value)} maxLength={500} name="final-variant" placeholder="e.g. NM_000142.5:c.1138G>A" />
          </label>
        </div>
        <div className="row">
          <label className="field">
            <span>Variant classification (ACMG/AMP)</span>
            <select value={classification} onChange={(e) => setClassification(e.target.value as Classification | '')} name="final-classification">
              <option value="">Not classified</option>
              <LabelOptions labels={classificationLabels} />
            </select>
          </label>
          <label className="field">
            <span>Certainty</span>
            <select value={certainty} onChange={(e) => setCertainty(e.target.value as Certainty)} name="final-certainty">
              <LabelOptions labels={certaintyLabels} />
            </select>
          </label>
        </div>
        <label className="field">
          <span>Note</span>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={10_000} name="final-note" placeholder="e.g. confirmed by Sanger sequencing; parents tested" />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Record final diagnosis
          </button>
          <span className="muted small">The case becomes solved; the report prints it with the sign-off block.</span>
        </div>
        <ErrorText error={error} />
      </form>
    </details>
  );
}

import { useState, type FormEvent } from 'react';
import type { ApiCallError, ApiResponse } from '../../../diagnosis/contract/api.js';
import type { CaseDetail } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { useApi } from '../state/app-context.js';
import { ErrorText, LabelOptions } from './common.js';

type Measure = 'height' | 'weight' | 'head';
type Unit = 'cm' | 'kg' | 'centile' | 'sd';
const measureLabels: Record<Measure, string> = { height: 'Height', weight: 'Weight', head: 'Head circumference (OFC)' };
const unitLabels: Record<Unit, string> = { cm: 'cm', kg: 'kg', centile: 'centile', sd: 'SD score' };

/**
 * Growth measurements: a height, weight or head circumference (a raw value read with the case's age and sex, or the
 * centile or SD score from the chart used) → Z-score and centile, and the finding it supports beyond the limits
 * (below the 3rd centile / −2 SD, above the 97th / +2 SD), which the clinician adds to the findings, or not.
 */
export function GrowthSection({ ageYears, sex, existing, onAdd }: { ageYears: number | undefined; sex: CaseDetail['sex']; existing: ReadonlySet<string>; onAdd(hpoId: string, label: string): void }) {
  const api = useApi();
  const [measure, setMeasure] = useState<Measure>('height');
  const [value, setValue] = useState('');
  const [unit, setUnit] = useState<Unit>('centile');
  const [result, setResult] = useState<ApiResponse<'intake.growth'> & { measure: Measure }>();
  const [error, setError] = useState<ApiCallError | string>();

  const read = async (e: FormEvent) => {
    e.preventDefault();
    setResult(undefined);
    const n = Number(value.replace(',', '.').replace('−', '-'));
    if (!value.trim() || !Number.isFinite(n)) {
      setError('Type the measurement as a number (e.g. 0.4 for the 0.4th centile, −2.5 for an SD score).');
      return;
    }
    setError(undefined);
    try {
      setResult({ ...(await api.call('intake.growth', { measure, value: n, unit, ...(ageYears !== undefined ? { ageYears } : {}), ...(sex ? { sex } : {}) })), measure });
    } catch (err) {
      setError(toApiError(err, 'intake.growth'));
    }
  };

  return (
    <section className="panel" aria-labelledby="growth-title">
      <h2 id="growth-title">Growth measurements</h2>
      <form className="row wrap" onSubmit={(e) => void read(e)} aria-label="Growth measurement">
        <label className="field">
          <span>Measurement</span>
          <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
            <LabelOptions labels={measureLabels} />
          </select>
        </label>
        <label className="field">
          <span>Value</span>
          <input value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" size={7} name="growth-value" />
        </label>
        <label className="field">
          <span>Unit</span>
          <select value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
            <LabelOptions labels={unitLabels} />
          </select>
        </label>
        <div className="field-button">
          <button type="submit">Read</button>
        </div>
      </form>
      <p className="muted small">Raw heights are read against CDC 2000 (2–20 years) with the case’s age and sex; for weight and head circumference give the centile or SD score.</p>
      <ErrorText error={error} />
      {result && (
        <div className="growth-result small" role="status" aria-label="Growth reading">
          {result.read ? (
            <p>
              {measureLabels[result.measure]}: {result.basis} → Z {result.z !== undefined ? (result.z >= 0 ? `+${result.z}` : `−${Math.abs(result.z)}`) : '—'}
              {result.centile !== undefined ? `, ${result.centile < 0.1 ? '< 0.1' : result.centile > 99.9 ? '> 99.9' : result.centile}th centile` : ''}.{' '}
              {result.finding ? (
                existing.has(result.finding.hpoId) ? (
                  <span>{result.finding.label} is already a finding.</span>
                ) : (
                  <button type="button" onClick={() => onAdd(result.finding!.hpoId, result.finding!.label)}>
                    Add {result.finding.label} as present
                  </button>
                )
              ) : (
                <span className="muted">Within the limits (3rd–97th centile, ±2 SD): no finding.</span>
              )}
            </p>
          ) : (
            <p className="error-inline">
              {measureLabels[result.measure]} not read: {result.basis}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { ReportSettings } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { useApi, useApiQuery } from '../state/app-context.js';
import { ErrorText } from './common.js';

const fields: { key: keyof ReportSettings; label: string; placeholder: string; long?: boolean }[] = [
  { key: 'institution', label: 'Institution', placeholder: 'e.g. University Hospital, Clinical Genetics' },
  { key: 'department', label: 'Department or service', placeholder: 'e.g. Rare Disease Clinic' },
  { key: 'address', label: 'Address', placeholder: 'Street, city', long: true },
  { key: 'contact', label: 'Contact', placeholder: 'e.g. phone or secretariat' },
  { key: 'clinician', label: 'Reporting clinician', placeholder: 'e.g. Dr A. Smith' },
  { key: 'clinicianTitle', label: 'Title or role', placeholder: 'e.g. Consultant clinical geneticist' },
];

/** The report's letterhead and the clinician of its sign-off block, kept with the cases (settings.get / update). */
export function ReportHeaderSettings() {
  const api = useApi();
  const current = useApiQuery('settings.get', {}, 'settings');
  const [draft, setDraft] = useState<ReportSettings>({});
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<ApiCallError>();
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const data = current.data;

  // the stored values fill the form once; the fields are read-only until then, so nothing typed is overwritten
  useEffect(() => {
    if (data && !loaded) {
      setDraft(data.report);
      setLoaded(true);
    }
  }, [data, loaded]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const out = await api.call('settings.update', { report: draft });
      setDraft(out.report);
      setSaved('Saved: reports made from now on carry this header.');
    } catch (err) {
      setError(toApiError(err, 'settings.update'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="report-settings-title">
      <h2 id="report-settings-title">Report header and sign-off</h2>
      <ErrorText error={current.error} />
      <form onSubmit={submit} className="stack tight">
        {fields.map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            {f.long ? (
              <textarea rows={2} value={draft[f.key] ?? ''} onChange={(e) => (setSaved(undefined), setDraft((d) => ({ ...d, [f.key]: e.target.value })))} placeholder={f.placeholder} maxLength={500} name={f.key} disabled={!loaded} />
            ) : (
              <input value={draft[f.key] ?? ''} onChange={(e) => (setSaved(undefined), setDraft((d) => ({ ...d, [f.key]: e.target.value })))} placeholder={f.placeholder} maxLength={200} name={f.key} disabled={!loaded} />
            )}
          </label>
        ))}
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !loaded}>
            Save report header
          </button>
          <span className="small" role="status">
            {saved}
          </span>
        </div>
        <ErrorText error={error} />
      </form>
    </section>
  );
}

import { useState } from 'react';
import type { CaseDetail, PedigreeMemberView } from '../../../diagnosis/contract/api-schemas.js';
import { familyProblems, newMemberKey, relationLabels, trioDraft, type EditedRelation, type FamilyDraft, type MemberDraft } from '../family/family-draft.js';
import { sexLabels } from '../format.js';
import { useApi } from '../state/app-context.js';
import { FileImport } from './FileImport.js';
import { PedigreeDiagram } from './PedigreeDiagram.js';
import { LabelOptions } from './common.js';

const affectedLabels: Record<PedigreeMemberView['affected'], string> = { affected: 'Affected', unaffected: 'Unaffected', unknown: 'Unknown' };

/**
 * The case's family: each member's id (the VCF's sample name when the family was sequenced together), relation to the
 * proband, sex and affected status; the parents' consanguinity; a PED file imported by drop or picker; the family
 * drawn with the standard symbols. Saved with the case (Save, Ctrl+S); what cannot be saved is said under the table.
 */
export function FamilySection({
  caseId,
  draft,
  onChange,
  probandSex,
  vcfSamples,
  notes,
  onImported,
}: {
  caseId: string;
  draft: FamilyDraft;
  onChange(d: FamilyDraft): void;
  probandSex: PedigreeMemberView['sex'];
  vcfSamples: string[] | undefined;
  /** the engine's notes on the saved family (a father recorded as female, ...) */
  notes: string[];
  onImported(c: CaseDetail): void;
}) {
  const api = useApi();
  // a PED file with several affected members does not say who the proband is: the clinician does
  const [pedProband, setPedProband] = useState('');
  const problems = familyProblems(draft);
  const set = (members: MemberDraft[]) => onChange({ ...draft, members });
  const patch = (key: string, p: Partial<MemberDraft>) => set(draft.members.map((m) => (m.key === key ? { ...m, ...p } : m)));
  const add = () => set([...draft.members, { key: newMemberKey(), id: '', relation: draft.members.some((m) => m.relation === 'proband') ? 'sibling' : 'proband', sex: 'UNKNOWN_SEX', affected: 'unknown' }]);

  return (
    <section className="panel" aria-labelledby="family-title">
      <h2 id="family-title">
        Family <span className="count">({draft.members.length})</span>
      </h2>
      <p className="muted small">
        Member ids are the VCF’s sample names when the family was sequenced together: the run then reads each member’s calls (de novo, inherited, segregation).
        {vcfSamples && vcfSamples.length > 0 && <> VCF samples: {vcfSamples.join(', ')}.</>}
      </p>
      <div className="family-body">
        <div className="family-edit">
          {draft.members.length > 0 && (
            <table className="data-table family-table" aria-label="Family members">
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Relation to proband</th>
                  <th scope="col">Sex</th>
                  <th scope="col">Affected</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.members.map((m, i) => (
                  <tr key={m.key} data-member-row={m.id}>
                    <td>
                      <input value={m.id} onChange={(e) => patch(m.key, { id: e.target.value })} aria-label={`Member ${i + 1} id`} size={10} spellCheck={false} aria-invalid={!m.id.trim() || /\s/.test(m.id.trim())} />
                    </td>
                    <td>
                      <select value={m.relation} onChange={(e) => patch(m.key, { relation: e.target.value as EditedRelation })} aria-label={`Member ${i + 1} relation to proband`}>
                        <LabelOptions labels={relationLabels} />
                      </select>
                    </td>
                    <td>
                      <select value={m.sex} onChange={(e) => patch(m.key, { sex: e.target.value as MemberDraft['sex'] })} aria-label={`Member ${i + 1} sex`}>
                        <LabelOptions labels={sexLabels} />
                      </select>
                    </td>
                    <td>
                      <select value={m.affected} onChange={(e) => patch(m.key, { affected: e.target.value as MemberDraft['affected'] })} aria-label={`Member ${i + 1} affected status`}>
                        <LabelOptions labels={affectedLabels} />
                      </select>
                    </td>
                    <td>
                      <button type="button" className="link-button" onClick={() => set(draft.members.filter((x) => x.key !== m.key))} aria-label={`Remove member ${i + 1}${m.id ? ` (${m.id})` : ''}`}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="row wrap tight">
            <button type="button" onClick={add}>
              Add member
            </button>
            {draft.members.length === 0 && (
              <button type="button" onClick={() => set(trioDraft(probandSex))}>
                Add trio (proband and parents)
              </button>
            )}
            <label className="check">
              <input type="checkbox" checked={draft.consanguineous} onChange={(e) => onChange({ ...draft, consanguineous: e.target.checked })} /> Parents are related (consanguineous)
            </label>
          </div>
          {problems.length > 0 && (
            <ul className="plain small error-inline" aria-label="Family problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {notes.length > 0 && (
            <ul className="plain small notice" aria-label="Notes on the saved family">
              {notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </div>
        {draft.members.length > 0 && <PedigreeDiagram members={draft.members} consanguineous={draft.consanguineous} />}
      </div>
      {draft.source && <p className="muted small">Saved family, source: {draft.source}.</p>}
      <label className="field inline small">
        <span>Proband in the PED file (when several members are affected)</span>
        <input value={pedProband} onChange={(e) => setPedProband(e.target.value)} size={10} spellCheck={false} name="ped-proband" placeholder="individual id" />
      </label>
      <FileImport kind="ped" what="a PED file (.ped)" read={(file) => api.call('cases.importPedigree', { caseId, ...file, ...(pedProband.trim() ? { probandId: pedProband.trim() } : {}) })} onImported={(c) => onImported(c)} />
    </section>
  );
}

import type { FindingView } from '../../../diagnosis/contract/api-schemas.js';
import { findingStatusLabels } from '../format.js';

const sourceLabels: Record<FindingView['source'], string> = { typed: 'typed', extracted: 'from the narrative', 'llm-accepted': 'suggested by the model' };

/**
 * The case's findings as chips, grouped: present and excluded (both used by the ranker), then uncertain and family
 * history (shown, not ranked). Each chip can be moved to the other group or removed, with the keyboard too.
 */
export function FindingChips({ findings, onStatus, onRemove }: { findings: FindingView[]; onStatus(hpoId: string, status: FindingView['status']): void; onRemove(hpoId: string): void }) {
  const groups: { key: string; title: string; items: FindingView[]; note?: string }[] = [
    { key: 'present', title: 'Present', items: findings.filter((f) => f.status === 'present') },
    { key: 'excluded', title: 'Excluded', items: findings.filter((f) => f.status === 'excluded') },
    { key: 'other', title: 'Uncertain or family history', items: findings.filter((f) => f.status === 'uncertain' || f.status === 'family'), note: 'not used for ranking' },
  ];
  return (
    <div className="chip-groups">
      {groups.map((g) => (
        <div key={g.key} className={`chip-group chip-group-${g.key}`}>
          <h3 className="chip-group-title" id={`chips-${g.key}`}>
            {g.title} <span className="count">({g.items.length})</span>
            {g.note && <span className="muted small"> · {g.note}</span>}
          </h3>
          {g.items.length === 0 ? (
            <p className="muted small empty-chips">None.</p>
          ) : (
            <ul className="chips" aria-labelledby={`chips-${g.key}`}>
              {g.items.map((f) => (
                <li key={f.hpoId} className={`chip chip-${f.status}`} title={`${f.hpoId} · ${findingStatusLabels[f.status]} · ${sourceLabels[f.source]}${f.text ? ` · “${f.text}”` : ''}`}>
                  <span className="chip-sign" aria-hidden="true">
                    {f.status === 'present' ? '+' : f.status === 'excluded' ? '−' : f.status === 'family' ? 'F' : '?'}
                  </span>
                  <span className="chip-label">{f.label}</span>
                  {f.status !== 'family' && f.status !== 'uncertain' && <span className="visually-hidden">({findingStatusLabels[f.status]})</span>}
                  {f.status === 'uncertain' || f.status === 'family' ? <span className="chip-kind">{findingStatusLabels[f.status]}</span> : null}
                  {f.status !== 'present' && (
                    <button type="button" className="chip-btn" onClick={() => onStatus(f.hpoId, 'present')} aria-label={`Mark ${f.label} present`} title="Mark present">
                      +
                    </button>
                  )}
                  {f.status !== 'excluded' && (
                    <button type="button" className="chip-btn" onClick={() => onStatus(f.hpoId, 'excluded')} aria-label={`Mark ${f.label} excluded`} title="Mark excluded">
                      −
                    </button>
                  )}
                  <button type="button" className="chip-btn" onClick={() => onRemove(f.hpoId)} aria-label={`Remove ${f.label}`} title="Remove">
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

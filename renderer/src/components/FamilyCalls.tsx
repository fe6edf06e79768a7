import type { Candidate } from '../../../diagnosis/contract/api-schemas.js';
import { formatLr } from '../format.js';

type VariantView = NonNullable<Candidate['genotype']>['variants'][number];

/**
 * What the family says of one variant in the genotype panel: the inheritance finding the genotype check rests on (de
 * novo, inherited from an unaffected parent, in trans ...) with its factor and any caution, and each member's call
 * (with depth and quality when the VCF gives them). Nothing when the run read no family.
 */
export function FamilyCalls({ v }: { v: VariantView }) {
  if (!v.inheritance && !v.members?.length) return null;
  return (
    <div className="family-calls small" aria-label={`Family calls for ${v.grch38}`}>
      {v.inheritance && (
        <div>
          <span className={`tag ${v.inheritance.consistent === false ? 'tag-bad' : v.inheritance.consistent ? 'tag-ok' : 'tag-muted'}`}>{v.inheritance.finding}</span> × {formatLr(v.inheritance.lr)}
          {v.inheritance.caution && <span className="error-inline"> · caution: {v.inheritance.caution}</span>}
        </div>
      )}
      {v.members && v.members.length > 0 && (
        <ul className="plain inline-list">
          {v.members.map((m) => (
            <li key={m.id} data-member={m.id}>
              {m.role ?? 'member'} <span className="mono">{m.id}</span>
              {m.affected ? ` (${m.affected})` : ''}: <span className="mono gt">{m.gt}</span>
              {m.dp !== undefined || m.gq !== undefined ? (
                <span className="muted">
                  {' '}
                  {m.dp !== undefined ? `DP ${m.dp}` : ''}
                  {m.dp !== undefined && m.gq !== undefined ? ', ' : ''}
                  {m.gq !== undefined ? `GQ ${m.gq}` : ''}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

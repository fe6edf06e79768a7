import type { ReleaseCheckView } from '../../../diagnosis/contract/release-check-view.js';
import { formatDate } from '../format.js';

const pct = (x: number) => `${Math.round(100 * x)} %`;

function MoverTable({ title, rows, k }: { title: string; rows: ReleaseCheckView['harder']; k: number }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h4 className="subhead">{title}</h4>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Disease</th>
            <th scope="col">Found in the top {k}</th>
            <th scope="col">Its annotations</th>
            <th scope="col">Took or gave its place</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td>
                {m.label} <span className="mono small muted">{m.id}</span>
              </td>
              <td className="num">
                {pct(m.before)} → {pct(m.after)}
              </td>
              <td className="small">{m.changes}</td>
              <td className="small">{m.competitor ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * What the installed snapshot changed for finding each disease: the release check run when it was built or imported
 * (synthetic patients of a sample of diseases, ranked by this snapshot and the one it replaced). Shown in Settings;
 * unsolved cases whose leading candidates are listed here deserve a re-analysis.
 */
export function ReleaseCheckPanel({ check }: { check: ReleaseCheckView | undefined }) {
  if (!check) return null;
  return (
    <section aria-labelledby="release-check-title">
      <h3 className="subhead" id="release-check-title">
        Release check
      </h3>
      <p className="small">
        {formatDate(check.checkedAt)}: {check.diseases} diseases × {check.vignettesPerDisease} synthetic patients drawn from their annotations
        {check.comparedWith ? (
          <>
            , ranked by this snapshot and by <span className="mono">{check.comparedWith}</span>. Found in the top {check.k}: {pct(check.recallNow)} (before{' '}
            {check.recallBefore === null ? '–' : pct(check.recallBefore)}). {check.moved} disease(s) moved beyond sampling noise.
          </>
        ) : (
          <>. Found in the top {check.k}: {pct(check.recallNow)}. {check.note ?? ''}</>
        )}
      </p>
      <MoverTable title="Harder to find than before" rows={check.harder} k={check.k} />
      <MoverTable title="Easier to find than before" rows={check.easier} k={check.k} />
      {check.harder.length + check.easier.length > 0 && (
        <p className="muted small">Unsolved cases whose leading candidates are listed here are worth re-analysing (rarediag cases reanalyze lists them).</p>
      )}
    </section>
  );
}

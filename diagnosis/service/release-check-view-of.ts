import type { ReleaseCheckRecord } from '../../graph-snapshot/snapshot/release-check-record.js';
import type { ReleaseCheckView } from '../contract/release-check-view.js';

/** The manifest's release check as the contract carries it to Settings. */
export function releaseCheckViewOf(r: ReleaseCheckRecord): ReleaseCheckView {
  const mover = (m: ReleaseCheckRecord['harder'][number]) => ({ id: m.id, label: m.label, before: m.before, after: m.after, changes: m.changes, ...(m.competitor ? { competitor: m.competitor } : {}) });
  return {
    checkedAt: r.checkedAt,
    comparedWith: r.comparedWith,
    ...(r.note ? { note: r.note } : {}),
    diseases: r.diseases,
    vignettesPerDisease: r.vignettesPerDisease,
    k: r.k,
    recallNow: r.k === 1 ? r.recall.current.at1 : r.k === 3 ? r.recall.current.at3 : r.recall.current.at10,
    recallBefore: r.recall.previous ? (r.k === 1 ? r.recall.previous.at1 : r.k === 3 ? r.recall.previous.at3 : r.recall.previous.at10) : null,
    moved: r.moved,
    harder: r.harder.map(mover),
    easier: r.easier.map(mover),
  };
}

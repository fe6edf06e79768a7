import type { ReleaseCheckRecord } from '../../graph-snapshot/snapshot/release-check-record.js';
import type { CaseStore } from '../case-store/case-store.js';

/** An unsolved case with a leading candidate among the diseases a release check found harder or easier to find. */
export interface ReleaseCheckCase {
  caseId: string;
  label: string;
  diseaseId: string;
  diseaseLabel: string;
  direction: 'harder' | 'easier';
  /** recall@k of the disease's synthetic vignettes, before → after */
  before: number;
  after: number;
  /** the candidate's place among the case's leading candidates (1 = first) */
  position: number;
}

/**
 * Which unsolved cases to look at again after a snapshot change: those whose leading candidates (the first `leading` of
 * the last run and, when that run is a re-analysis, of the run it re-analysed) include a disease the snapshot's release
 * check found harder or easier to find. A harder disease may have left a case's list unnoticed; an easier one may be
 * the diagnosis the previous snapshot missed. Re-analysis shows them beside the cases whose top 5 changed.
 */
export function casesAmongMovers(store: CaseStore, check: ReleaseCheckRecord | undefined, leading = 5): ReleaseCheckCase[] {
  if (!check?.comparedWith) return [];
  type Mover = ReleaseCheckRecord['harder'][number];
  const movers = new Map<string, { m: Mover; direction: 'harder' | 'easier' }>();
  for (const m of check.harder) movers.set(m.id, { m, direction: 'harder' });
  for (const m of check.easier) movers.set(m.id, { m, direction: 'easier' });
  if (movers.size === 0) return [];
  const out: ReleaseCheckCase[] = [];
  for (const c of store.listCases({ status: 'unsolved' })) {
    if (!c.lastRun) continue;
    const runs = store.getCase(c.id).runs;
    const last = runs.at(-1)!;
    const earlier = last.previousRunId === null ? undefined : runs.find((r) => r.id === last.previousRunId);
    const lists = [last.topCandidates.slice(0, leading), earlier?.topCandidates.slice(0, leading) ?? []];
    const seen = new Set<string>();
    for (const list of lists) {
      list.forEach((id, i) => {
        const hit = movers.get(id);
        if (!hit || seen.has(id)) return;
        seen.add(id);
        out.push({ caseId: c.id, label: c.label, diseaseId: id, diseaseLabel: hit.m.label, direction: hit.direction, before: hit.m.before, after: hit.m.after, position: i + 1 });
      });
    }
  }
  return out;
}

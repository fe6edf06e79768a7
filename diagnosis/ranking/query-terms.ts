import type { PhenotypeModel } from './phenotype-model.js';

export interface QueryTerm {
  /** the id as given */
  input: string;
  index: number;
  id: string;
  label: string;
  via: 'primary' | 'alt_id' | 'replaced_by';
}

export interface SkippedTerm {
  input: string;
  reason: 'unknown' | 'not a phenotype' | 'redundant' | 'conflicts with an observed term';
  /** for redundant terms: the more specific term that implies it */
  impliedBy?: string;
}

export interface PreparedQuery {
  present: QueryTerm[];
  excluded: QueryTerm[];
  skipped: SkippedTerm[];
}

/**
 * Resolves ids (alt ids to primary, obsolete ids to their replacement), drops unknown ids with a note, and removes
 * redundancy so no evidence is counted twice: an observed term that is an ancestor of another observed term is implied
 * by it; an excluded term under another excluded term is implied by it; an excluded term that is an ancestor of an
 * observed one contradicts it and is set aside.
 */
export function prepareQuery(m: PhenotypeModel, present: string[], excluded: string[]): PreparedQuery {
  const skipped: SkippedTerm[] = [];
  const resolve = (ids: string[]) => {
    const out: QueryTerm[] = [];
    const seen = new Set<number>();
    for (const input of ids) {
      const r = m.resolveTerm(input.trim());
      if (!r) {
        skipped.push({ input, reason: 'unknown' });
        continue;
      }
      const aspect = m.termAspects[r.index];
      if (aspect !== 'P' && aspect !== 'C') {
        skipped.push({ input, reason: 'not a phenotype' });
        continue;
      }
      if (seen.has(r.index)) continue;
      seen.add(r.index);
      out.push({ input, index: r.index, id: r.id, label: m.termLabels[r.index]!, via: r.via });
    }
    return out;
  };
  const presentAll = resolve(present);
  const excludedAll = resolve(excluded);

  // Keep the most specific terms; each dropped term names a kept term that implies it.
  const implies = (general: QueryTerm, specific: QueryTerm) => general.index !== specific.index && m.isAncestorOrSelf(general.index, specific.index);
  const presentKept = presentAll.filter((q) => !presentAll.some((o) => implies(q, o)));
  for (const q of presentAll) {
    if (presentKept.includes(q)) continue;
    skipped.push({ input: q.input, reason: 'redundant', impliedBy: presentKept.find((o) => implies(q, o))!.id });
  }
  const excludedKept = excludedAll.filter((q) => {
    const observed = presentAll.find((o) => m.isAncestorOrSelf(q.index, o.index));
    if (observed) {
      skipped.push({ input: q.input, reason: 'conflicts with an observed term', impliedBy: observed.id });
      return false;
    }
    const general = excludedAll.find((o) => o.index !== q.index && m.isAncestorOrSelf(o.index, q.index));
    if (general) skipped.push({ input: q.input, reason: 'redundant', impliedBy: general.id });
    return !general;
  });
  return { present: presentKept, excluded: excludedKept, skipped };
}

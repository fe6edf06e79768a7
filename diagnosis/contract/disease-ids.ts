/**
 * One id per disease concept everywhere (results, decisions, the case list, the report): OMIM when the concept has an
 * OMIM entry, else Orphanet, then MONDO, then any other; the other ids are listed beside it. The ranker names a
 * concept by whichever of its entries scored best, which can be the ORPHA entry in one run and the OMIM entry in the
 * next; this choice does not depend on the scores.
 */
const PREFIX_ORDER = ['OMIM', 'ORPHA', 'MONDO', 'DECIPHER'];

const prefixRank = (id: string) => {
  const i = PREFIX_ORDER.indexOf(id.slice(0, id.indexOf(':')).toUpperCase());
  return i < 0 ? PREFIX_ORDER.length : i;
};

/** The concept's ids, the one to show first (then by prefix and number). */
export function orderDiseaseIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort((a, b) => prefixRank(a) - prefixRank(b) || a.localeCompare(b, 'en', { numeric: true }));
}

export function preferredDiseaseId(ids: readonly string[], fallback?: string): string {
  return orderDiseaseIds(ids)[0] ?? fallback ?? '';
}

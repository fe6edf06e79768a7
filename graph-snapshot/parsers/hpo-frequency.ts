/**
 * HPO annotation frequencies come in three notations (phenotype.hpoa "frequency" column):
 *   an HPO frequency term (HP:0040280..HP:0040285), a ratio "n/m" of patients, or a percentage "x%".
 * Frequency terms are mapped to the midpoint of the range HPO defines for them.
 */
export const frequencyTerms: Readonly<Record<string, { label: string; value: number }>> = {
  'HP:0040280': { label: 'Obligate', value: 1.0 }, // 100%
  'HP:0040281': { label: 'Very frequent', value: 0.895 }, // 80-99%
  'HP:0040282': { label: 'Frequent', value: 0.545 }, // 30-79%
  'HP:0040283': { label: 'Occasional', value: 0.17 }, // 5-29%
  'HP:0040284': { label: 'Very rare', value: 0.025 }, // 1-4%
  'HP:0040285': { label: 'Excluded', value: 0.0 }, // 0%
};

export type FrequencyParse = { ok: true; value: number | undefined } | { ok: false; reason: string };

/** Parses a frequency cell; empty means unknown (value undefined). */
export function parseFrequency(cell: string): FrequencyParse {
  const s = cell.trim();
  if (s === '') return { ok: true, value: undefined };
  const term = frequencyTerms[s];
  if (term) return { ok: true, value: term.value };
  if (s.startsWith('HP:')) return { ok: false, reason: `${s} is not an HPO frequency term (HP:0040280-HP:0040285)` };
  const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
  if (ratio) {
    const n = Number(ratio[1]);
    const m = Number(ratio[2]);
    if (m === 0) return { ok: false, reason: `ratio ${s} has a zero denominator` };
    if (n > m) return { ok: false, reason: `ratio ${s} is above 1` };
    return { ok: true, value: n / m };
  }
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
  if (pct) {
    const v = Number(pct[1]) / 100;
    if (v > 1) return { ok: false, reason: `percentage ${s} is above 100%` };
    return { ok: true, value: v };
  }
  return { ok: false, reason: `unrecognised frequency "${s}"` };
}

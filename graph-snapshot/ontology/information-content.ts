/**
 * Annotation-based information content. For each term t: the number of diseases annotated with t or any of its
 * descendants (annotations propagated up the is_a closure), and IC(t) = -ln(count / N) over the N annotated
 * diseases. Unannotated terms get the IC of half a disease, the most specific value short of infinity.
 */
export function informationContent(
  termCount: number,
  closure: readonly Int32Array[],
  diseaseTerms: readonly (readonly number[])[],
): { counts: Int32Array; ic: Float64Array; annotatedDiseases: number } {
  const counts = new Int32Array(termCount);
  const stamp = new Int32Array(termCount).fill(-1);
  let annotated = 0;
  diseaseTerms.forEach((terms, d) => {
    if (terms.length === 0) return;
    annotated += 1;
    for (const t of terms) {
      for (const a of closure[t]!) {
        if (stamp[a] !== d) {
          stamp[a] = d;
          counts[a] = counts[a]! + 1;
        }
      }
    }
  });
  const ic = new Float64Array(termCount);
  const n = Math.max(annotated, 1);
  for (let t = 0; t < termCount; t += 1) ic[t] = -Math.log(Math.max(counts[t]!, 0.5) / n);
  return { counts, ic, annotatedDiseases: annotated };
}

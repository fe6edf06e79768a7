/**
 * A light stemmer for clinical English: plurals, -ed / -ing, "-ality" → "-al", "-ivity" → "-iv", "-ation" → "-at"
 * and a final "e" of longer words, so inflections meet on one key ("seizures"/"seizure", "elevated"/"elevation"/"elevate",
 * "abnormalities"/"abnormal"). Medical suffixes are left alone on purpose: Porter's stemmer reduces "retinitis" to
 * "retin" and "cervicitis" to "cervic", which then match "retinal" and "cervical". Dictionary names and text go
 * through the same function, so it only needs to be consistent, not linguistically right.
 */
const VOWEL = /[aeiouy]/;

const undouble = (w: string) => {
  const last = w[w.length - 1];
  return w.length > 3 && last === w[w.length - 2] && !/[lsz]/.test(last!) && !VOWEL.test(last!) ? w.slice(0, -1) : w;
};

export function clinicalStem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;

  // Plurals
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses') || /(ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|ous)$/.test(w)) w = w.slice(0, -1);

  // Inflections
  if (w.endsWith('ed') && w.length - 2 >= 4 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ing') && w.length - 3 >= 4 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));

  // A few derivations that do not change the concept
  if (w.endsWith('ality')) w = w.slice(0, -3);
  else if (w.endsWith('ivity')) w = w.slice(0, -3);
  else if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -3);

  // Only on longer words: "spine" must not become "spin", nor "pale" "pal".
  if (w.endsWith('e') && w.length > 5) w = w.slice(0, -1);
  return w;
}

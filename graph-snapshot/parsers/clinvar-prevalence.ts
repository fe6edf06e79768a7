/**
 * Orphanet's prevalence classes, as ClinVar's MacArthur-lab export writes them in PREVALENCE (e.g. "1-9_/_100_000"),
 * with a representative prevalence per million for each (the class's geometric midpoint, or its bound).
 */
const CLASSES: readonly { pattern: RegExp; perMillion: number }[] = [
  { pattern: /^>\s*1\s*\/\s*1[ ,]?000$/, perMillion: 2000 },
  { pattern: /^6\s*-\s*9\s*\/\s*10[ ,]?000$/, perMillion: 750 },
  { pattern: /^1\s*-\s*5\s*\/\s*10[ ,]?000$/, perMillion: 250 },
  { pattern: /^1\s*-\s*9\s*\/\s*100[ ,]?000$/, perMillion: 30 },
  { pattern: /^1\s*-\s*9\s*\/\s*1[ ,]?000[ ,]?000$/, perMillion: 3 },
  { pattern: /^<\s*1\s*\/\s*1[ ,]?000[ ,]?000$/, perMillion: 0.3 },
];

/**
 * The prevalence (per million) a PREVALENCE value states as an Orphanet class; free text ("1 in 14,000 live births")
 * is not read. Several classes: the highest (one trait can be given a range of estimates). Undefined when none.
 */
export function prevalencePerMillion(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  let best: number | undefined;
  for (const cell of raw.split('|')) {
    const s = cell.replace(/_/g, ' ').trim();
    const c = CLASSES.find((x) => x.pattern.test(s));
    if (c && (best === undefined || c.perMillion > best)) best = c.perMillion;
  }
  return best;
}

/** A disease or trait name reduced for matching across sources: case, punctuation, "type I" vs "type 1". */
export function normaliseDiseaseName(name: string): string {
  const roman: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8', ix: '9', x: '10' };
  return name
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w, i, all) => (i > 0 && (all[i - 1] === 'type' || all[i - 1] === 'group') && roman[w] ? roman[w] : w))
    .join(' ');
}

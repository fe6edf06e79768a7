import { hitAt, type VignetteRank } from './disease-recall.js';
import { benjaminiHochberg, exactMcNemar } from './paired-test.js';

/** One disease's vignettes ranked by both versions: [base, candidate] per vignette, screening and confirming stages. */
export interface PairedRanks {
  diseaseId: string;
  screen: (readonly [VignetteRank, VignetteRank])[];
  confirm: (readonly [VignetteRank, VignetteRank])[];
}

export interface DiseaseMovement {
  diseaseId: string;
  /** vignettes behind before / after (screening and confirming) */
  n: number;
  /** recall@k of the base and the candidate over all the disease's vignettes, and the change */
  before: number;
  after: number;
  delta: number;
  /** the test's discordant pairs: found by the base only, by the candidate only */
  baseOnly: number;
  candidateOnly: number;
  p: number;
  /** Benjamini-Hochberg q over every disease tested */
  q: number;
  moved: boolean;
}

/** A disease goes on to the confirming stage when a screening vignette is found at k by one version only. */
export const discordant = (pairs: PairedRanks['screen'], k: number) => pairs.some(([a, b]) => hitAt(a, k) !== hitAt(b, k));

/**
 * Which diseases' recall@k changed beyond sampling noise. Screening vignettes pick the diseases worth testing (any
 * discordant pair); the test then uses only the confirming vignettes, fresh ones, so that the selection does not bias
 * it (a disease screened in on a lucky draw is tested on new patients). Without confirming vignettes the screening
 * ones are tested (few vignettes: little power). Diseases whose confirmation has a p-value are adjusted together
 * (Benjamini-Hochberg) and declared moved at q ≤ fdr. The size of a change is the paired difference in recall@k over
 * all the disease's vignettes.
 */
export function diseaseMovements(list: readonly PairedRanks[], k: number, fdr: number): DiseaseMovement[] {
  const tested = list.filter((x) => discordant(x.screen, k));
  const rows = tested.map((x) => {
    const testPairs = x.confirm.length ? x.confirm : x.screen;
    const baseOnly = testPairs.filter(([a, b]) => hitAt(a, k) && !hitAt(b, k)).length;
    const candidateOnly = testPairs.filter(([a, b]) => !hitAt(a, k) && hitAt(b, k)).length;
    const all = [...x.screen, ...x.confirm];
    const before = all.filter(([a]) => hitAt(a, k)).length / all.length;
    const after = all.filter(([, b]) => hitAt(b, k)).length / all.length;
    return { diseaseId: x.diseaseId, n: all.length, before, after, delta: after - before, baseOnly, candidateOnly, p: exactMcNemar(baseOnly, candidateOnly), q: 1, moved: false };
  });
  const q = benjaminiHochberg(rows.map((r) => r.p));
  rows.forEach((r, i) => {
    r.q = q[i]!;
    // the size (all vignettes) and the test (confirming ones) must agree on the direction
    r.moved = r.q <= fdr && r.delta !== 0 && Math.sign(r.delta) === Math.sign(r.candidateOnly - r.baseOnly);
  });
  return rows.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.p - b.p || (a.diseaseId < b.diseaseId ? -1 : 1));
}

/**
 * The rank of a vignette's disease in one version's differential: 1 is first; 0 when that version cannot rank it
 * (the disease is not in its knowledge, or none of the vignette's terms is a term it knows).
 */
export type VignetteRank = number;

export interface RecallFigures {
  n: number;
  at1: number;
  at3: number;
  at10: number;
  /** mean rank over the vignettes the version could rank (NaN when none) */
  meanRank: number;
  /** vignettes the version could not rank */
  unranked: number;
}

export const hitAt = (rank: VignetteRank, k: number) => rank > 0 && rank <= k;

/** Recall at 1, 3 and 10 and the mean rank of a list of vignette ranks. */
export function recallFigures(ranks: readonly VignetteRank[]): RecallFigures {
  const n = ranks.length;
  const share = (k: number) => (n ? ranks.filter((r) => hitAt(r, k)).length / n : NaN);
  const ranked = ranks.filter((r) => r > 0);
  return {
    n,
    at1: share(1),
    at3: share(3),
    at10: share(10),
    meanRank: ranked.length ? ranked.reduce((s, r) => s + r, 0) / ranked.length : NaN,
    unranked: n - ranked.length,
  };
}

/** Overall figures: every disease weighs the same (a mean of per-disease figures), not every vignette. */
export function meanOfDiseases(perDisease: readonly RecallFigures[]): RecallFigures {
  const mean = (f: (x: RecallFigures) => number) => {
    const xs = perDisease.map(f).filter((x) => Number.isFinite(x));
    return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;
  };
  return {
    n: perDisease.reduce((s, x) => s + x.n, 0),
    at1: mean((x) => x.at1),
    at3: mean((x) => x.at3),
    at10: mean((x) => x.at10),
    meanRank: mean((x) => x.meanRank),
    unranked: perDisease.reduce((s, x) => s + x.unranked, 0),
  };
}

/** Ranking metrics of a benchmark: a rank of 0 means the truth was not in the list (it scores 0). */
export interface RankMetrics {
  n: number;
  top1: number;
  top3: number;
  top10: number;
  mrr: number;
  foundAt100: number;
}

export function rankMetrics(ranks: number[]): RankMetrics {
  const n = ranks.length || 1;
  const within = (k: number) => ranks.filter((r) => r > 0 && r <= k).length / n;
  return {
    n: ranks.length,
    top1: within(1),
    top3: within(3),
    top10: within(10),
    mrr: ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / n,
    foundAt100: within(100),
  };
}

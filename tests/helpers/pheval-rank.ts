/**
 * PhEval's ranking of a result table (pheval 0.5+, `post_processing.py` `_rank_results`), written out for the tests:
 * scores higher first; without `grouping_id`, polars `rank("max")` (equal scores share the worst rank: 1, 3, 3, 4);
 * with it, a dense rank over (score, grouping_id) and then the worst of those per score, so the rows of one group
 * count once and different groups with equal scores share the worst rank.
 */
export function phevalRanks(scores: number[], groups?: string[]): number[] {
  if (!groups) return scores.map((s) => scores.filter((t) => t >= s).length);
  const tuples = new Set<string>();
  const distinct: number[] = [];
  scores.forEach((s, i) => {
    const key = `${s}\u0000${groups[i]}`;
    if (!tuples.has(key)) {
      tuples.add(key);
      distinct.push(s);
    }
  });
  return scores.map((s) => distinct.filter((t) => t >= s).length);
}

/** Reads a PhEval result TSV: its header and rows as string cells. */
export function readTsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [header, ...rows] = lines.map((l) => l.split('\t'));
  return { header: header ?? [], rows };
}

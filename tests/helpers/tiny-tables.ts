import { ANNOTATION_NOT, RANKING_TABLES_FORMAT, RANKING_TABLES_VERSION, type RankingTables } from '../../graph-snapshot/snapshot/ranking-tables.js';

/**
 * A hand-written ranking world small enough to check the likelihood-ratio arithmetic by hand:
 *
 *   All ─ Phenotypic abnormality ─┬─ A ─┬─ A1 ─ A1x
 *                                 │     └─ A2
 *                                 └─ B ─── B1
 *
 *   OMIM:1  A1, B1 (frequency 0.5)        MONDO:1
 *   OMIM:2  A1x, NOT B                    MONDO:2
 *   ORPHA:3 A2                            MONDO:1 (same concept as OMIM:1)
 *   OMIM:4  B                             (no MONDO)
 *
 * Propagated disease counts: A 3, A1 2, A2 1, A1x 1, B 2 (OMIM:2 says NOT), B1 1; four annotated diseases.
 */
export const T = { All: 0, PA: 1, A: 2, A1: 3, A2: 4, A1x: 5, B: 6, B1: 7 } as const;
export const termIds = ['HP:0000001', 'HP:0000118', 'HP:1000002', 'HP:1000003', 'HP:1000004', 'HP:1000005', 'HP:1000006', 'HP:1000007'];

export function tinyTables(): RankingTables {
  const parents = [[], [0], [1], [2], [2], [3], [1], [6]];
  const closureOf = (t: number): number[] => [...new Set([t, ...parents[t]!.flatMap(closureOf)])].sort((a, b) => a - b);
  const closureOffsets = [0];
  const closure: number[] = [];
  for (let t = 0; t < parents.length; t += 1) {
    closure.push(...closureOf(t));
    closureOffsets.push(closure.length);
  }
  // diseases: [term, frequency (-1 unknown), flags]
  const anns: [number, number, number][][] = [
    [
      [T.A1, -1, 0],
      [T.B1, 0.5, 0],
    ],
    [
      [T.A1x, -1, 0],
      [T.B, -1, ANNOTATION_NOT],
    ],
    [[T.A2, -1, 0]],
    [[T.B, -1, 0]],
  ];
  const annOffsets = [0];
  const annTerm: number[] = [];
  const annFreq: number[] = [];
  const annFlags: number[] = [];
  const annOnset: number[] = [];
  for (const list of anns) {
    for (const [t, f, fl] of list) {
      annTerm.push(t);
      annFreq.push(f);
      annFlags.push(fl);
      annOnset.push(-1);
    }
    annOffsets.push(annTerm.length);
  }
  return {
    format: RANKING_TABLES_FORMAT,
    version: RANKING_TABLES_VERSION,
    snapshotId: 'tiny',
    terms: {
      ids: termIds,
      labels: ['All', 'Phenotypic abnormality', 'A', 'A1', 'A2', 'A1x', 'B', 'B1'],
      aspects: ['', 'P', 'P', 'P', 'P', 'P', 'P', 'P'],
      parents,
      closureOffsets,
      closure,
      diseaseCount: [4, 4, 3, 2, 1, 1, 2, 1],
      ic: [0, 0, 0, 0, 0, 0, 0, 0],
      depth: [0, 1, 2, 3, 3, 4, 2, 3],
    },
    annotatedDiseases: 4,
    redirects: { 'HP:2000003': 'HP:1000003' },
    replacements: { 'HP:3000005': 'HP:1000005' },
    diseases: {
      ids: ['OMIM:1', 'OMIM:2', 'ORPHA:3', 'OMIM:4'],
      labels: ['Disease one', 'Disease two', 'Disease three', 'Disease four'],
      mondo: ['MONDO:1', 'MONDO:2', 'MONDO:1', ''],
      inheritance: [[], [], [], []],
      genes: [[0], [1], [0], [2]],
      geneAssociation: [['MENDELIAN'], ['MENDELIAN'], ['MENDELIAN'], ['MENDELIAN']],
      annOffsets,
      annTerm,
      annFreq,
      annFlags,
      annOnset,
    },
    genes: {
      ncbiIds: [11, 22, 44],
      symbols: ['GENE1', 'GENE2', 'GENE4'],
      aliases: [['OLD1'], [], []],
      chrom: ['1', '2', 'X'],
      start: [1000, 5000, 100],
      end: [2000, 6000, 900],
    },
  };
}

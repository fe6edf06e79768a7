import { ANNOTATION_NOT, RANKING_TABLES_FORMAT, RANKING_TABLES_VERSION, type RankingTables } from '../../graph-snapshot/snapshot/ranking-tables.js';

/**
 * A hand-written ranking world small enough to check the likelihood-ratio arithmetic by hand:
 *
 *   All ─┬─ Phenotypic abnormality ─┬─ A ─┬─ A1 ─ A1x
 *        │                          │     └─ A2
 *        │                          └─ B ─── B1
 *        ├─ Clinical course ─ Onset ─┬─ Adult onset
 *        │                           └─ Congenital onset
 *        └─ Mode of inheritance ─ X-linked recessive inheritance
 *
 *   OMIM:1  A1 (class Very frequent), B1 (1/2 patients)        MONDO:1   gene GENE1 (12 ClinVar P/LP)
 *   OMIM:2  A1x (no frequency), NOT B; X-linked recessive      MONDO:2   gene GENE2 (0)
 *   ORPHA:3 A2 (class Occasional)                              MONDO:1   gene GENE1
 *   OMIM:4  B (8/10 patients), Adult onset                      (none)    gene GENE4 (3)
 *
 * Four annotated diseases; propagated disease counts: A 3, A1 2, A2 1, A1x 1, B 2 (OMIM:2 says NOT), B1 1.
 */
export const T = { All: 0, PA: 1, A: 2, A1: 3, A2: 4, A1x: 5, B: 6, B1: 7, Course: 8, Onset: 9, Adult: 10, Congenital: 11, MOI: 12, XLR: 13 } as const;
export const termIds = [
  'HP:0000001',
  'HP:0000118',
  'HP:1000002',
  'HP:1000003',
  'HP:1000004',
  'HP:1000005',
  'HP:1000006',
  'HP:1000007',
  'HP:0031797',
  'HP:0003674',
  'HP:0003581',
  'HP:0003577',
  'HP:0000005',
  'HP:0001419',
];

/** Frequency classes by index into FREQUENCY_CLASSES. */
const VERY_FREQUENT = 1;
const OCCASIONAL = 3;

/** One annotation of the tiny world: [term, frequency class (-1 none), n, m (-1 none), flags]. */
export type TinyAnnotation = [number, number, number, number, number];

/** The tiny world; `edit` may change the diseases' annotation lists first (a second knowledge version, for diffs). */
export function tinyTables(edit?: (annotations: TinyAnnotation[][]) => void): RankingTables {
  const parents = [[], [0], [1], [2], [2], [3], [1], [6], [0], [8], [9], [9], [0], [12]];
  const closureOf = (t: number): number[] => [...new Set([t, ...parents[t]!.flatMap(closureOf)])].sort((a, b) => a - b);
  const closureOffsets = [0];
  const closure: number[] = [];
  for (let t = 0; t < parents.length; t += 1) {
    closure.push(...closureOf(t));
    closureOffsets.push(closure.length);
  }
  // per disease: [term, frequency class (-1 none), n, m (-1 none), flags]
  const anns: TinyAnnotation[][] = [
    [
      [T.A1, VERY_FREQUENT, -1, -1, 0],
      [T.B1, -1, 1, 2, 0],
    ],
    [
      [T.A1x, -1, -1, -1, 0],
      [T.B, -1, -1, -1, ANNOTATION_NOT],
    ],
    [[T.A2, OCCASIONAL, -1, -1, 0]],
    [
      [T.B, -1, 8, 10, 0],
      [T.Adult, -1, -1, -1, 0],
    ],
  ];
  edit?.(anns);
  const annOffsets = [0];
  const annTerm: number[] = [];
  const annFreq: number[] = [];
  const annFreqClass: number[] = [];
  const annFreqN: number[] = [];
  const annFreqM: number[] = [];
  const annFlags: number[] = [];
  const annOnset: number[] = [];
  for (const list of anns) {
    for (const [t, cls, n, mm, fl] of list) {
      annTerm.push(t);
      annFreq.push(mm > 0 ? n / mm : -1);
      annFreqClass.push(cls);
      annFreqN.push(n);
      annFreqM.push(mm);
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
      labels: ['All', 'Phenotypic abnormality', 'A', 'A1', 'A2', 'A1x', 'B', 'B1', 'Clinical course', 'Onset', 'Adult onset', 'Congenital onset', 'Mode of inheritance', 'X-linked recessive inheritance'],
      aspects: ['', 'P', 'P', 'P', 'P', 'P', 'P', 'P', 'C', 'C', 'C', 'C', 'I', 'I'],
      parents,
      closureOffsets,
      closure,
      diseaseCount: [4, 4, 3, 2, 1, 1, 2, 1, 1, 1, 1, 0, 0, 0],
      ic: new Array(termIds.length).fill(0),
      depth: [0, 1, 2, 3, 3, 4, 2, 3, 1, 2, 3, 3, 1, 2],
    },
    annotatedDiseases: 4,
    redirects: { 'HP:2000003': 'HP:1000003' },
    replacements: { 'HP:3000005': 'HP:1000005' },
    diseases: {
      ids: ['OMIM:1', 'OMIM:2', 'ORPHA:3', 'OMIM:4'],
      labels: ['Disease one', 'Disease two', 'Disease three', 'Disease four'],
      mondo: ['MONDO:1', 'MONDO:2', 'MONDO:1', ''],
      inheritance: [[], [T.XLR], [], []],
      genes: [[0], [1], [0], [2]],
      geneAssociation: [['MENDELIAN'], ['MENDELIAN'], ['MENDELIAN'], ['MENDELIAN']],
      annOffsets,
      annTerm,
      annFreq,
      annFreqClass,
      annFreqN,
      annFreqM,
      annFlags,
      annOnset,
      prevalence: [250, -1, -1, 3],
      clinvarReports: [40, 0, 0, 2],
    },
    unprofiled: { ids: [], labels: [], mondo: [], genes: [] },
    genes: {
      ncbiIds: [11, 22, 44],
      symbols: ['GENE1', 'GENE2', 'GENE4'],
      aliases: [['OLD1'], [], []],
      chrom: ['1', '2', 'X'],
      start: [1000, 5000, 100],
      end: [2000, 6000, 900],
      pathogenicVariants: [12, 0, 3],
    },
  };
}

import { describe, expect, it } from 'vitest';
import { PhenotypeModel } from '../../../diagnosis/ranking/phenotype-model.js';
import { annotationDiff, describeDiff } from '../../../diagnosis/vignettes/annotation-diff.js';
import { studyMovers } from '../../../diagnosis/vignettes/movers.js';
import { benjaminiHochberg, exactMcNemar } from '../../../diagnosis/vignettes/paired-test.js';
import { releaseSample } from '../../../diagnosis/vignettes/release-sample.js';
import { diseaseMovements, type PairedRanks } from '../../../diagnosis/vignettes/vignette-comparison.js';
import type { DiseaseStudy } from '../../../diagnosis/vignettes/vignette-study.js';
import { T, tinyTables } from '../../helpers/tiny-tables.js';

describe('paired test', () => {
  it('is the exact two-sided sign test on the discordant pairs', () => {
    expect(exactMcNemar(0, 0)).toBe(1);
    expect(exactMcNemar(3, 3)).toBe(1);
    // five vignettes can never show a change at 5 %: the reason for confirming vignettes
    expect(exactMcNemar(0, 5)).toBeCloseTo(0.0625, 12);
    expect(exactMcNemar(6, 0)).toBeCloseTo(0.03125, 12);
    // 2 · P(X ≤ 2), X ~ Bin(10, 1/2) = 2 · 56/1024
    expect(exactMcNemar(2, 8)).toBeCloseTo(112 / 1024, 12);
    expect(exactMcNemar(8, 2)).toBe(exactMcNemar(2, 8));
    expect(exactMcNemar(0, 3000)).toBe(0); // underflows to 0 without throwing
  });

  it('adjusts many p-values for the false discovery rate (Benjamini-Hochberg)', () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.5]);
    expect(q[0]).toBeCloseTo(0.04, 12);
    expect(q[1]).toBeCloseTo(0.0533333, 6);
    expect(q[2]).toBeCloseTo(0.0533333, 6);
    expect(q[3]).toBeCloseTo(0.5, 12);
  });
});

describe('disease movements', () => {
  const pairs = (list: [number, number][]) => list.map(([a, b]) => [a, b] as const);
  it('tests only the discordant diseases, on their confirming vignettes, and sorts by the size of the change', () => {
    const list: PairedRanks[] = [
      // found at 10 by both on screening: never tested
      { diseaseId: 'OMIM:same', screen: pairs([[1, 1], [2, 3], [5, 9], [1, 1], [4, 4]]), confirm: [] },
      // lost: 12 of 20 fresh vignettes found before only
      { diseaseId: 'OMIM:lost', screen: pairs([[1, 40], [2, 2], [3, 3], [1, 1], [1, 1]]), confirm: pairs([...Array(12).fill([2, 30]), ...Array(8).fill([1, 1])]) },
      // one lucky screening discordance, nothing on fresh vignettes: not moved
      { diseaseId: 'OMIM:noise', screen: pairs([[11, 9], [1, 1], [1, 1], [1, 1], [1, 1]]), confirm: pairs([[1, 1], [12, 12], [9, 11], [11, 9]]) },
      // gained
      { diseaseId: 'ORPHA:gain', screen: pairs([[0, 1], [0, 1], [0, 0], [0, 2], [0, 0]]), confirm: pairs([...Array(10).fill([0, 3]), ...Array(10).fill([0, 0])]) },
    ];
    const m = diseaseMovements(list, 10, 0.05);
    expect(m.map((x) => x.diseaseId)).toEqual(['OMIM:lost', 'ORPHA:gain', 'OMIM:noise']);
    const lost = m[0]!;
    expect(lost).toMatchObject({ n: 25, baseOnly: 12, candidateOnly: 0, moved: true });
    expect(lost.before).toBe(1);
    expect(lost.after).toBeCloseTo(12 / 25, 12);
    expect(lost.p).toBeCloseTo(2 / 4096, 12);
    expect(m[1]).toMatchObject({ diseaseId: 'ORPHA:gain', baseOnly: 0, candidateOnly: 10, moved: true });
    expect(m[2]).toMatchObject({ diseaseId: 'OMIM:noise', moved: false, p: 1 });
  });
});

describe('annotation diff between two knowledge versions', () => {
  it('names added, removed and refrequenced features by HPO id', () => {
    const before = new PhenotypeModel(tinyTables());
    const after = new PhenotypeModel(
      tinyTables((anns) => {
        anns[0] = [[T.A1, 3, -1, -1, 0], [T.A2, -1, 3, 4, 0]]; // OMIM:1: A1 Very frequent → Occasional, B1 dropped, A2 3/4 added
      }),
    );
    const d = annotationDiff(before, after, 'OMIM:1');
    expect(d.added.map((c) => [c.hpoId, c.after])).toEqual([['HP:1000004', 0.667]]); // 3/4 shrunk by the ranker's count prior: (3 + 2 · 0.5) / (4 + 2)
    expect(d.removed.map((c) => [c.hpoId, c.before])).toEqual([['HP:1000007', 0.5]]);
    expect(d.refrequenced.map((c) => [c.hpoId, c.before, c.after])).toEqual([['HP:1000003', 0.895, 0.17]]);
    expect(describeDiff(d)).toBe('+1 (A2 67 %); −1 (B1 50 %); 1 refrequenced (A1 90 % → 17 %)');
    expect(describeDiff(annotationDiff(before, before, 'OMIM:4'))).toBe('no change to its own annotations');
    // a disease only one version knows: everything added, a NOT annotation (B) before a feature of unknown frequency
    expect(annotationDiff(undefined, after, 'OMIM:2').added.map((c) => [c.hpoId, c.notAfter])).toEqual([['HP:1000006', true], ['HP:1000005', false]]);
  });
});

describe('movers', () => {
  const before = new PhenotypeModel(tinyTables());
  const after = new PhenotypeModel(
    tinyTables((anns) => {
      anns[0] = [[T.A1, 3, -1, -1, 0], [T.A2, -1, 3, 4, 0]];
    }),
  );
  // each disease found first by the base on every vignette and lost to ORPHA:3 by the candidate
  const lost = (diseaseId: string): DiseaseStudy => ({
    diseaseId,
    screen: Array.from({ length: 5 }, () => [{ rank: 1, first: diseaseId }, { rank: 20, first: 'ORPHA:3' }]),
    confirm: Array.from({ length: 20 }, () => [{ rank: 1, first: diseaseId }, { rank: 20, first: 'ORPHA:3' }]),
  });

  it('says why a disease moved: its own annotations, a knock-on effect, or it is new to or gone from the knowledge', () => {
    const m = studyMovers([lost('OMIM:1'), lost('OMIM:4')], before, after, 10, 0.05);
    expect(m.map((x) => [x.diseaseId, x.kind, x.moved, x.label])).toEqual([
      ['OMIM:1', 'own annotations', true, 'Disease one'],
      ['OMIM:4', 'knock-on', true, 'Disease four'],
    ]);
    expect(m[0]!.competitor).toEqual({ id: 'ORPHA:3', label: 'Disease three', vignettes: 25 });
    expect(studyMovers([lost('OMIM:1')], undefined, after, 10, 0.05)[0]!.kind).toBe('added');
    expect(studyMovers([lost('OMIM:1')], before, undefined, 10, 0.05)[0]!.kind).toBe('removed');
  });
});

describe('release sample', () => {
  it('takes up to half the budget from the most changed diseases, the rest uniformly and reproducibly', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `OMIM:${i}`);
    const sizes = new Map(ids.map((id, i) => [id, i % 10 === 0 ? i : 0]));
    const s = releaseSample(ids, sizes, 8, 1);
    expect(s.changed).toEqual(['OMIM:90', 'OMIM:80', 'OMIM:70', 'OMIM:60']);
    expect(s.uniform).toHaveLength(4);
    expect(s.uniform.some((id) => s.changed.includes(id))).toBe(false);
    expect(releaseSample(ids, sizes, 8, 1)).toEqual(s);
    expect(releaseSample(ids, new Map(), 8, 1).changed).toEqual([]);
  });
});

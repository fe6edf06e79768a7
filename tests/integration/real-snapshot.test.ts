import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';

// Runs against the snapshot built from ../shared/data by tests/setup/real-snapshot.ts.
describe('snapshot built from the real sources', () => {
  let snap: GraphSnapshot;
  beforeAll(async () => {
    snap = await GraphSnapshot.open(inject('realSnapshotDir'));
  });
  afterAll(async () => snap?.close());

  it('holds the counts the acceptance asks for', () => {
    const s = snap.manifest.counts.summary;
    expect(s['currentHpoTerms']).toBeGreaterThanOrEqual(19_800);
    expect(s['diseasesWithPhenotypes']).toBeGreaterThanOrEqual(12_700);
    expect(s['genesWithDiseases']).toBeGreaterThanOrEqual(5_000);
    expect(s['clinvarPathogenicGrch38']).toBeGreaterThanOrEqual(35_000);
    expect(snap.manifest.buildSeconds).toBeGreaterThan(0);
  });

  it('lifts almost every ClinVar record and counts the rest', () => {
    const l = snap.manifest.liftover;
    expect(l.sourceBuild).toBe('GRCh37');
    expect(l.lifted + l.unlifted).toBe(l.records);
    expect(l.unlifted / l.records).toBeLessThan(0.01);
    expect(Object.values(l.unliftedByReason).reduce((a, b) => a + b, 0)).toBe(l.unlifted);
  });

  it('lifts a known GRCh37 ClinVar record to its GRCh38 position (ISG15 c.163C>T)', async () => {
    // GRCh37 1:949523 C>T is GRCh38 1:1014143 C>T (NM_005101.4:c.163C>T, p.Gln55Ter).
    const v = await snap.variant('1:1014143:C:T');
    expect(v).toMatchObject({ key37: '1:949523:C:T', significance: 'pathogenic', gene: { symbol: 'ISG15' } });
    expect(v!.hgvsC).toContain('c.163C>T');
  });

  it('keeps the precomputed closure equal to a walk over IS_A', async () => {
    for (const id of ['HP:0001250', 'HP:0001166', 'HP:0004322', 'HP:0000252']) {
      expect((await snap.ancestors(id)).sort()).toEqual(await snap.ancestorsByTraversal(id));
    }
    expect(await snap.ancestors('HP:0001166')).toEqual(expect.arrayContaining(['HP:0000118', 'HP:0001155']));
  });

  it('links Marfan syndrome across OMIM, ORPHA and MONDO, with its gene', async () => {
    expect(await snap.equivalentDiseases('OMIM:154700')).toEqual(expect.arrayContaining(['OMIM:154700', 'ORPHA:558']));
    expect((await snap.genesForDisease('OMIM:154700')).map((g) => g.symbol)).toContain('FBN1');
    const hits = await snap.diseasesWithAnyPhenotype(['HP:0001166', 'HP:0001083', 'HP:0002616']);
    expect(hits.map((h) => h.id)).toContain('OMIM:154700');
  });

  it('ranking tables agree with the graph', async () => {
    const t = await snap.loadRankingTables();
    expect(t.snapshotId).toBe(snap.snapshotId);
    expect(t.terms.ids).toHaveLength(snap.manifest.counts.summary['currentHpoTerms']!);
    expect(t.diseases.ids.length).toBeGreaterThanOrEqual(12_700);
    const seizure = t.terms.ids.indexOf('HP:0001250');
    const phen = await snap.phenotype('HP:0001250');
    expect(t.terms.diseaseCount[seizure]).toBe(phen!.diseaseCount);
  });
});

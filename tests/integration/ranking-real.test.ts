import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { matchExcluded, matchObserved } from '../../diagnosis/ranking/term-match.js';
import { TermScorer } from '../../diagnosis/ranking/term-scores.js';
import type { PhenotypeRanker } from '../../diagnosis/ranking/ranker.js';
import { seededRandom } from '../../scripts/bench/stats.js';

// Classic textbook presentations on the snapshot built from ../shared/data.
describe('phenotype ranker on the real snapshot', () => {
  let ranker: PhenotypeRanker;
  let session: KnowledgeSession;
  beforeAll(async () => {
    session = await KnowledgeSession.open(inject('realSnapshotDir'));
    ranker = session.ranker;
  });
  afterAll(async () => session?.close());

  const rankOf = (ids: string[], want: string) => ids.indexOf(want) + 1;

  it('achondroplasia: rhizomelic short stature, macrocephaly, frontal bossing, trident hand, midface hypoplasia', () => {
    const r = ranker.rank({ present: ['HP:0003026', 'HP:0004322', 'HP:0000256', 'HP:0002007', 'HP:0004060', 'HP:0011800'], excluded: [] }, { explain: 1 });
    expect(r.diseases[0]!.ids).toContain('OMIM:100800');
    expect(r.genes[0]!.symbol).toBe('FGFR3');
    const e = r.diseases[0]!.explanation!;
    expect(e.observed.filter((o) => o.match === 'exact').length).toBeGreaterThanOrEqual(4);
    expect(e.observed.every((o) => o.lr > 0)).toBe(true);
  });

  it('Marfan spectrum: arachnodactyly, ectopia lentis, aortic root aneurysm, myopia → FBN1', () => {
    const r = ranker.rank({ present: ['HP:0001166', 'HP:0001083', 'HP:0002616', 'HP:0000545'], excluded: [] });
    expect(r.genes[0]!.symbol).toBe('FBN1');
    expect(rankOf(r.diseases.flatMap((d) => (d.ids.includes('OMIM:154700') ? ['MARFAN'] : [d.id])), 'MARFAN')).toBeLessThanOrEqual(10);
  });

  it('cystic fibrosis: bronchiectasis, pancreatic insufficiency, meconium ileus, elevated sweat chloride → CFTR', () => {
    const r = ranker.rank({ present: ['HP:0002719', 'HP:0001738', 'HP:0002066', 'HP:0012236'], excluded: [] });
    expect(r.diseases[0]!.ids.some((id) => id === 'OMIM:219700' || id === 'ORPHA:586')).toBe(true);
    expect(r.genes.slice(0, 3).map((g) => g.symbol)).toContain('CFTR');
  });

  it('Duchenne: Gowers sign, calf pseudohypertrophy, elevated CK, proximal weakness → DMD in the top 5', () => {
    const r = ranker.rank({ present: ['HP:0003707', 'HP:0003236', 'HP:0003391', 'HP:0003701', 'HP:0001270'], excluded: [] });
    expect(r.diseases.slice(0, 5).flatMap((d) => d.ids)).toContain('OMIM:310200');
  });

  it('an absent very frequent hallmark is evidence against; shown probabilities form a distribution', () => {
    const m = ranker.model;
    const F = ranker.view(undefined).frequencies;
    const marfan = m.diseaseIndex.get('ORPHA:558')!; // Orphanet: arachnodactyly "Very frequent (80-99 %)"
    const arachnodactyly = m.resolveTerm('HP:0001166')!.index;
    const e = matchExcluded(m, F, ranker.parameters, arachnodactyly, marfan);
    expect(e).toMatchObject({ match: 'annotated' });
    expect(e.frequency).toBeGreaterThanOrEqual(0.8);
    expect(e.lr).toBeLessThan(0.6);
    const r = ranker.rank({ present: ['HP:0001166', 'HP:0001083'], excluded: [] }, { top: 100 });
    expect(r.diseases.reduce((s, d) => s + d.probability, 0) + r.unlistedProbability).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('the vectorised scorer agrees with the per-pair explanation on sampled real terms and diseases', () => {
    const m = ranker.model;
    const scorer = new TermScorer(m, ranker.parameters);
    const F = ranker.view(undefined).frequencies;
    const rand = seededRandom(7);
    for (let i = 0; i < 40; i += 1) {
      const t = Math.floor(rand() * m.termCount);
      if (m.termAspects[t] !== 'P') continue;
      const scores = new Float64Array(m.diseaseCount);
      scorer.addObserved(t, F, scores);
      for (let j = 0; j < 50; j += 1) {
        const d = Math.floor(rand() * m.diseaseCount);
        expect(scores[d]).toBeCloseTo(Math.log(matchObserved(m, F, ranker.parameters, t, d).lr), 9);
      }
    }
  });
});

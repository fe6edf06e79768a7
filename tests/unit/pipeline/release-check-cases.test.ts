import { describe, expect, it } from 'vitest';
import { reanalyzeCases } from '../../../diagnosis/pipeline/reanalysis.js';
import { casesAmongMovers } from '../../../diagnosis/pipeline/release-check-cases.js';
import type { ReleaseCheckRecord } from '../../../graph-snapshot/snapshot/release-check-record.js';
import { scratchDir } from '../../helpers/paths.js';
import { marfanCase, openStore, storeFile } from '../case-store/store-fixtures.js';

const mover = (id: string, before: number, after: number) => ({ id, label: `label of ${id}`, before, after, vignettes: 25, q: 0.001, changes: '' });
const check: ReleaseCheckRecord = {
  format: 'rarediag-release-check',
  checkedAt: '2026-12-01T00:00:00Z',
  seconds: 40,
  comparedWith: 'snap-old',
  seed: 1,
  diseases: 300,
  changedDiseases: 150,
  vignettesPerDisease: 5,
  confirmVignettes: 20,
  k: 10,
  fdr: 0.05,
  recall: { current: { at1: 0.6, at3: 0.7, at10: 0.8, meanRank: 90 }, previous: { at1: 0.6, at3: 0.7, at10: 0.8, meanRank: 90 } },
  moved: 2,
  harder: [mover('OMIM:609192', 0.9, 0.3)],
  easier: [mover('OMIM:620000', 0.1, 0.8)],
};

describe('re-analysis points to unsolved cases whose leading candidates moved in the release check', () => {
  it('finds the moved disease in the last run, or in the run it re-analysed, of unsolved cases only', async () => {
    const store = openStore(storeFile(scratchDir('rarediag-release-cases-')));
    const make = (label: string, top: string[], unsolved = true) => {
      const id = store.createCase(marfanCase(label)).case.id;
      store.recordRun(id, { snapshotId: 'snap-old', inputs: store.caseInputs(id), results: {}, topCandidates: top });
      if (unsolved) store.recordDecision(id, { kind: 'mark-unsolved', note: 'exome negative' });
      return id;
    };
    const harder = make('harder candidate second', ['OMIM:154700', 'OMIM:609192', 'OMIM:1', 'OMIM:2', 'OMIM:3']);
    const gone = make('harder candidate leaves on re-analysis', ['OMIM:609192', 'OMIM:4']);
    const deep = make('moved disease sixth', ['OMIM:1', 'OMIM:2', 'OMIM:3', 'OMIM:4', 'OMIM:5', 'OMIM:620000']);
    make('solved elsewhere', ['OMIM:620000'], false);
    await reanalyzeCases(store, async (inputs) => ({ snapshotId: 'snap-new', topCandidates: inputs.caseId === gone ? ['OMIM:4', 'OMIM:620000'] : ['OMIM:154700', 'OMIM:609192'], result: {} }), { snapshotId: 'snap-new' });
    const pointed = casesAmongMovers(store, check);
    expect(pointed.map((p) => [p.label, p.diseaseId, p.direction, p.position])).toEqual(
      expect.arrayContaining([
        ['harder candidate second', 'OMIM:609192', 'harder', 2],
        ['harder candidate leaves on re-analysis', 'OMIM:620000', 'easier', 2],
        ['harder candidate leaves on re-analysis', 'OMIM:609192', 'harder', 1],
        ['moved disease sixth', 'OMIM:609192', 'harder', 2],
      ]),
    );
    expect(pointed).toHaveLength(4);
    expect(pointed.find((p) => p.caseId === harder)).toMatchObject({ before: 0.9, after: 0.3, diseaseLabel: 'label of OMIM:609192' });
    expect(pointed.some((p) => p.caseId === deep && p.diseaseId === 'OMIM:620000')).toBe(false); // sixth: not a leading candidate
    expect(casesAmongMovers(store, { ...check, comparedWith: null })).toEqual([]);
    expect(casesAmongMovers(store, undefined)).toEqual([]);
    store.close();
  });
});

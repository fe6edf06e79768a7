import { describe, expect, it } from 'vitest';
import type { StoredCaseInputs } from '../../../diagnosis/case-store/case-types.js';
import { topChange } from '../../../diagnosis/case-store/top-change.js';
import { reanalyzeCases, type RankCaseFunction } from '../../../diagnosis/pipeline/reanalysis.js';
import { scratchDir } from '../../helpers/paths.js';
import { marfanCase, openStore, storeFile } from '../case-store/store-fixtures.js';

const OLD = 'snap-2025-01-aaaa';
const NEW = 'snap-2025-07-bbbb';

describe('re-analysis of unsolved and solved cases against a new snapshot', () => {
  const dir = scratchDir('rarediag-cases-reanalysis-');

  it('re-runs cases last run on another snapshot, stores the runs, flags changed top 5s of unsolved cases and dropped diagnoses of solved ones', async () => {
    const store = openStore(storeFile(dir));
    const make = (label: string, top: string[], snapshotId: string | null, status: 'unsolved' | 'in-progress' | 'solved' = 'unsolved', diagnosis = top[0]!) => {
      const id = store.createCase(marfanCase(label)).case.id;
      if (snapshotId) store.recordRun(id, { snapshotId, inputs: store.caseInputs(id), results: { top }, topCandidates: top });
      if (status === 'unsolved') store.recordDecision(id, { kind: 'mark-unsolved', note: 'exome negative' });
      if (status === 'solved') store.recordDecision(id, { kind: 'final-diagnosis', candidateId: diagnosis, candidateLabel: `dx ${diagnosis}` });
      return id;
    };
    const top5 = ['OMIM:154700', 'OMIM:609192', 'OMIM:610168', 'OMIM:613795', 'OMIM:614816'];
    const changes = make('new candidate enters', top5, OLD);
    const reordered = make('same five, new order', top5, OLD);
    const steady = make('unchanged', top5, OLD);
    const current = make('already on the new snapshot', top5, NEW);
    const solved = make('solved', top5, OLD, 'solved');
    // its diagnosis, named by the Orphanet id, is the OMIM candidate ranked 2nd by the new snapshot: still in place
    const solvedByOrpha = make('solved, diagnosis named by ORPHA', top5, OLD, 'solved', 'ORPHA:558');
    // the new snapshot ranks its diagnosis 11th: a second look is due
    const solvedDropped = make('solved, diagnosis falls', top5, OLD, 'solved', 'OMIM:614816');
    const inProgress = make('in progress', top5, OLD, 'in-progress');
    const neverRun = make('never run', top5, null);
    const failing = make('ranking fails', top5, OLD);

    // the new snapshot: a newly described disease enters the first case's top 5; the second's top 5 is re-ordered
    const seen: StoredCaseInputs[] = [];
    const rank: RankCaseFunction = async (inputs) => {
      seen.push(inputs);
      await new Promise((r) => setTimeout(r, 1));
      if (inputs.caseId === failing) throw new Error('no usable observed phenotype');
      const others = Array.from({ length: 10 }, (_, i) => `OMIM:60000${i}`);
      const top =
        inputs.caseId === changes
          ? ['OMIM:154700', 'OMIM:620000', 'OMIM:609192', 'OMIM:610168', 'OMIM:613795', 'OMIM:614816']
          : inputs.caseId === reordered
            ? [...top5].reverse()
            : inputs.caseId === solvedDropped
              ? [...others, 'OMIM:614816']
              : top5;
      const topConceptIds = top.map((id) => (id === 'OMIM:609192' ? [id, 'ORPHA:558'] : [id]));
      return { snapshotId: NEW, topCandidates: top, topConceptIds, result: { diseases: top }, parameters: { top: 100 }, timings: { rankMs: 2.5 } };
    };
    const progress: number[] = [];
    const report = await reanalyzeCases(store, rank, { snapshotId: NEW, onCase: (done) => progress.push(done) });

    expect(report).toMatchObject({ snapshotId: NEW, rerun: 6, upToDate: 1, neverRun: 1, errors: [{ caseId: failing, message: 'no usable observed phenotype' }] });
    expect([...report.flagged].sort((x, y) => x.reason.localeCompare(y.reason))).toEqual([
      {
        caseId: solvedDropped,
        label: 'solved, diagnosis falls',
        reason: 'diagnosis-dropped',
        diagnosis: { id: 'OMIM:614816', label: 'dx OMIM:614816', rank: 11 },
        previousRunId: expect.any(Number),
        previousSnapshotId: OLD,
        runId: expect.any(Number),
        snapshotId: NEW,
        previousTop: top5,
        top: ['OMIM:600000', 'OMIM:600001', 'OMIM:600002', 'OMIM:600003', 'OMIM:600004'],
        entered: ['OMIM:600000', 'OMIM:600001', 'OMIM:600002', 'OMIM:600003', 'OMIM:600004'],
        left: top5,
      },
      {
        caseId: changes,
        label: 'new candidate enters',
        reason: 'top-changed',
        previousRunId: expect.any(Number),
        previousSnapshotId: OLD,
        runId: expect.any(Number),
        snapshotId: NEW,
        previousTop: top5,
        top: ['OMIM:154700', 'OMIM:620000', 'OMIM:609192', 'OMIM:610168', 'OMIM:613795'],
        entered: ['OMIM:620000'],
        left: ['OMIM:614816'],
      },
    ]);
    expect(seen.map((s) => s.caseId).sort()).toEqual([changes, reordered, steady, solved, solvedByOrpha, solvedDropped, failing].sort());
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // the ranking function got the case as the ranker reads it
    expect(seen.find((s) => s.caseId === changes)!.findings).toMatchObject({ present: ['HP:0001166', 'HP:0001083', 'HP:0002616', 'HP:0000545'], excluded: ['HP:0001250'], sex: 'MALE' });

    // every re-run case has a stored reanalysis run linked to its previous run
    const run = store.getRun(report.flagged[0]!.runId);
    expect(run).toMatchObject({ kind: 'reanalysis', snapshotId: NEW, previousRunId: report.flagged[0]!.previousRunId, topChanged: true, results: { diseases: expect.any(Array) }, parameters: { top: 100 } });
    expect(run.timings).toMatchObject({ rankMs: 2.5, totalMs: expect.any(Number) });
    expect(store.getCase(reordered).runs.at(-1)).toMatchObject({ kind: 'reanalysis', topChanged: false });
    expect(store.getCase(steady).runs.at(-1)).toMatchObject({ kind: 'reanalysis', topChanged: false });
    // a solved case keeps its status: the flag asks for a review, it does not reopen the case
    expect(store.getCaseRecord(solvedDropped).status).toBe('solved');
    for (const untouched of [current, inProgress, neverRun, failing]) {
      expect(store.getCase(untouched).runs.every((r) => r.kind === 'manual'), untouched).toBe(true);
    }

    // run again: everything is up to date except the failing case, which is retried
    const again = await reanalyzeCases(store, rank, { snapshotId: NEW });
    expect(again).toMatchObject({ rerun: 0, upToDate: 7, flagged: [], errors: [{ caseId: failing }] });
    // in-progress cases only when asked
    const wider = await reanalyzeCases(store, rank, { snapshotId: NEW, statuses: ['unsolved', 'in-progress'] });
    expect(wider).toMatchObject({ rerun: 1, flagged: [] });
    expect(store.verifyAuditChain().ok).toBe(true);
    store.close();
  });

  it('refuses a ranking function that used another snapshot than announced', async () => {
    const store = openStore(storeFile(dir, 'mismatch.db'));
    const id = store.createCase(marfanCase()).case.id;
    store.recordRun(id, { snapshotId: OLD, inputs: {}, results: {}, topCandidates: ['OMIM:154700'] });
    store.recordDecision(id, { kind: 'mark-unsolved' });
    const report = await reanalyzeCases(store, async () => ({ snapshotId: OLD, topCandidates: [], result: {} }), { snapshotId: NEW });
    expect(report.errors).toEqual([{ caseId: id, message: `the ranking function used snapshot ${OLD}, not ${NEW}` }]);
    expect(store.getCase(id).runs).toHaveLength(1);
    store.close();
  });

  it('compares the top-5 sets: a candidate entering or leaving is a change, a re-ordering is not', () => {
    expect(topChange(['a', 'b', 'c', 'd', 'e', 'f'], ['e', 'd', 'c', 'b', 'a', 'z'])).toEqual({ changed: false, entered: [], left: [] });
    expect(topChange(['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'f'])).toEqual({ changed: true, entered: ['f'], left: ['e'] });
    expect(topChange(['a', 'b'], ['a', 'b', 'c'])).toEqual({ changed: true, entered: ['c'], left: [] });
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runReleaseCheck } from '../../diagnosis/pipeline/release-check.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import { rankVignette } from '../../diagnosis/pipeline/vignette-run.js';
import { recallFigures } from '../../diagnosis/vignettes/disease-recall.js';
import { keyedRandom, pickDistinct } from '../../diagnosis/vignettes/seeded-random.js';
import { VignetteSampler } from '../../diagnosis/vignettes/vignette-sampler.js';
import { runCli } from '../helpers/cli.js';

// Vignettes of the real knowledge, ranked through the conductor on the real snapshot.
describe('synthetic vignettes on the real snapshot', () => {
  let session: KnowledgeSession;
  let sampler: VignetteSampler;
  beforeAll(async () => {
    session = await KnowledgeSession.open(inject('realSnapshotDir'));
    sampler = new VignetteSampler(session.model);
  });
  afterAll(async () => session?.close());

  it('draws a vignette for every disease with a phenotype profile, in real HPO ids, of a plausible size', () => {
    const ids = sampler.diseasesWithProfile();
    expect(ids.length).toBeGreaterThan(12_000);
    let present = 0;
    for (const id of ids) {
      const v = sampler.sample(id, 0, 1)!;
      expect(v.present.length).toBeGreaterThanOrEqual(2); // at least one feature and one unrelated finding
      for (const t of [...v.present, ...v.excluded]) expect(session.model.resolveTerm(t)?.via).toBe('primary');
      expect(v.present.some((t) => v.excluded.includes(t))).toBe(false);
      present += v.present.length;
    }
    // phenopacket-store cases have a median of 7 present terms; the vignettes were not fitted to it
    expect(present / ids.length).toBeGreaterThan(4);
    expect(present / ids.length).toBeLessThan(14);
  });

  it('ranks vignettes through runCase: the rank is the one shown, or counted from the concept scores beyond the top 10', async () => {
    const diseases = pickDistinct(keyedRandom(5, 'integration'), sampler.diseasesWithProfile(), 40);
    const ranks: number[] = [];
    let beyond = 0;
    for (const id of diseases) {
      const v = sampler.sample(id, 0, 5)!;
      const out = await rankVignette(session, v);
      ranks.push(out.rank);
      const { ranking } = await runCase(session, runInputsOfFindings({ id: 'x', present: v.present, excluded: v.excluded, sex: v.sex, ageYears: v.ageYears }), { top: 200, explain: 0 });
      const shown = ranking.diseases.find((d) => d.ids.includes(id));
      if (out.rank <= 10) expect(shown?.rank).toBe(out.rank);
      else if (shown) {
        beyond += 1;
        // ties are not ordered beyond the top 10, and the concept scores do not count the diseases without a curated
        // profile that the list shows among them (listed behind the diseases they borrow from)
        const unprofiledAbove = ranking.diseases.filter((d) => d.rank < shown.rank && d.profile).length;
        expect(Math.abs(shown.rank - unprofiledAbove - out.rank)).toBeLessThanOrEqual(2);
      }
      expect(out.first).toBe(ranking.diseases[0]!.id);
    }
    expect(beyond).toBeGreaterThan(0);
    // generated from the knowledge the ranker reads, the vignettes are easier than published cases, not trivial
    const r = recallFigures(ranks);
    expect(r.at10).toBeGreaterThan(0.5);
    expect(r.at1).toBeLessThan(0.95);
  });

  it('a parameter set is a view of the same session that runs cases (comparisons by --param)', async () => {
    const view = session.withParameters({ noMatchLR: 0.1 });
    const v = sampler.sample('OMIM:154700', 0, 1)!;
    const out = await rankVignette(view, v);
    expect(out.rank).toBeGreaterThan(0);
    await view.close(); // closes nothing: the parent still runs
    expect((await rankVignette(session, v)).rank).toBeGreaterThan(0);
  });

  it('the release check of a snapshot against itself finds no mover', async () => {
    const dir = inject('realSnapshotDir');
    const check = await runReleaseCheck(dir, dir, { diseases: 30, perDisease: 3 });
    expect(check.comparedWith).toBe(session.snapshotId);
    expect(check.moved).toBe(0);
    expect(check.recall.previous).toEqual(check.recall.current);
    expect(check.changedDiseases).toBe(0);
  });

  it('`bench vignettes` prints per-disease figures as JSON and refuses bad options with exit code 2', async () => {
    const snapshot = inject('realSnapshotDir');
    const r = await runCli(['bench', 'vignettes', '--snapshot', snapshot, '--diseases', 'OMIM:154700,ORPHA:558', '--per-disease', '3', '--workers', '1', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { diseases: number; vignettes: number; perDisease: { id: string; versions: { n: number; at10: number }[] }[] };
    expect(j.diseases).toBe(2);
    expect(j.vignettes).toBe(6);
    expect(j.perDisease.map((d) => d.id)).toEqual(['OMIM:154700', 'ORPHA:558']);
    expect(j.perDisease[0]!.versions[0]!.n).toBe(3);
    const again = await runCli(['bench', 'vignettes', '--snapshot', snapshot, '--diseases', 'OMIM:154700,ORPHA:558', '--per-disease', '3', '--workers', '1', '--json']);
    expect(JSON.parse(again.stdout).perDisease).toEqual(j.perDisease); // seeded: the same figures
    for (const bad of [['--diseases', 'OMIM:0000000'], ['--k', '5'], ['--per-disease', '0'], ['--sample-from', 'both']]) {
      const e = await runCli(['bench', 'vignettes', '--snapshot', snapshot, ...bad]);
      expect(e.code).toBe(2);
      expect(e.stderr).toMatch(new RegExp(bad[0]!));
    }
  });
});

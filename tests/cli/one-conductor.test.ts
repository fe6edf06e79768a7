import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CaseStore } from '../../diagnosis/case-store/case-store.js';
import type { DiagnosisRun } from '../../diagnosis/case-store/case-types.js';
import type { JobEvent } from '../../diagnosis/contract/api.js';
import { WorkstationService } from '../../diagnosis/service/workstation-service.js';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';
import { achondroplasiaTerms, fgfr3G380R, spikedBackground } from '../helpers/spiked-vcf.js';

const KEY = 'conductor test passphrase';

/** What must agree between runs of the same case, whoever made them: the ranking and the stamp. */
function essentials(run: DiagnosisRun) {
  const results = run.results as { candidates: { id: string; probability: number }[] };
  const inputs = run.inputs as { present: string[]; excluded: string[]; vcf?: { sha256: string } };
  return {
    snapshotId: run.snapshotId,
    parameters: run.parameters,
    present: [...inputs.present].sort(),
    excluded: [...inputs.excluded].sort(),
    vcf: inputs.vcf?.sha256,
    top: run.topCandidates,
    probabilities: results.candidates.map((c) => Number(c.probability.toPrecision(9))),
  };
}

// One conductor (diagnosis/pipeline/run-case.ts) runs every case: the CLI, the workstation service and re-analysis
// must give the same ranking and the same stamp for the same case.
describe('the same case through the CLI, the service and re-analysis', () => {
  const dir = scratchDir('rarediag-conductor-');
  const store = join(dir, 'cases.db');
  const env = { RAREDIAG_HOME: dir, RAREDIAG_CASES_KEY: KEY, RAREDIAG_ACTOR: 'dr.conductor' };

  it('gives one ranking and one stamp', async () => {
    spikedBackground(inject('realSourcesDir'), join(dir, 'proband.vcf.gz'), [fgfr3G380R.grch37]);
    const caseFile = join(dir, 'case.json');
    writeFileSync(
      caseFile,
      JSON.stringify({
        id: 'conductor-1',
        sex: 'FEMALE',
        age: 'P2Y',
        narrative: 'Toddler with rhizomelic short stature and macrocephaly. Frontal bossing. No seizures. Her father is tall.',
        hpo: [achondroplasiaTerms[4], { id: 'HP:0001263', excluded: true }],
        vcf: 'proband.vcf.gz',
      }),
    );
    const snapshot = inject('realSnapshotDir');

    // 1. the CLI, stored with --save
    const cli = await runCli(['diagnose', caseFile, '--snapshot', snapshot, '--save', '--json'], env);
    expect(cli.code, cli.stderr).toBe(0);
    const out = JSON.parse(cli.stdout) as { saved: { caseId: string; runId: number }; stamp: { snapshotId: string; vcf: { sha256: string } }; result: { diseases: { ids: string[] }[] } };
    expect(out.result.diseases[0]!.ids).toContain('OMIM:100800');
    const caseId = out.saved.caseId;

    // 2. the workstation service, on the stored case
    const service = await WorkstationService.create({ snapshotDir: snapshot, sourcesDir: inject('realSourcesDir'), storeFile: store, storeKey: KEY, modelStoreDir: join(dir, 'models') });
    try {
      const done = new Promise<JobEvent>((resolve) => {
        const off = service.onJobEvent((e) => {
          if (e.type === 'done' || e.type === 'failed') {
            off();
            resolve(e);
          }
        });
      });
      await service.call('diagnosis.run', { caseId });
      const end = await done;
      expect(end.type, JSON.stringify(end)).toBe('done');
    } finally {
      await service.close();
    }

    // 3. re-analysis (forced: the snapshot is the same one)
    const re = await runCli(['cases', 'reanalyze', '--store', store, '--snapshot', snapshot, '--status', 'in-progress', '--all', '--json'], env);
    expect(re.code, re.stderr).toBe(0);
    expect(JSON.parse(re.stdout)).toMatchObject({ rerun: 1, flagged: [], errors: [] });

    const s = CaseStore.open({ path: store, key: KEY, actor: 'test' });
    try {
      const runs = s.getCase(caseId).runs.map((r) => s.getRun(r.id));
      expect(runs.map((r) => r.kind)).toEqual(['manual', 'manual', 'reanalysis']);
      const [fromCli, fromService, fromReanalysis] = runs.map(essentials);
      expect(fromCli!.present.length).toBeGreaterThanOrEqual(4);
      expect(fromCli!.excluded).toContain('HP:0001250');
      expect(fromCli!.vcf).toBe(out.stamp.vcf.sha256);
      expect(fromService).toEqual(fromCli);
      expect(fromReanalysis).toEqual(fromCli);
      // the stamp names the program and the ranker's parameters
      expect(fromCli!.parameters).toMatchObject({ application: expect.stringMatching(/^rarediag /), ranker: expect.any(Object) });
    } finally {
      s.close();
    }
  });
});

import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readTsv } from '../helpers/pheval-rank.js';
import { scratchDir } from '../helpers/paths.js';

const run = promisify(execFile);
const snakemakeVersion = spawnSync('snakemake', ['--version'], { encoding: 'utf8' });
const haveSnakemake = snakemakeVersion.status === 0;
// CI installs Snakemake (.ci/run); a developer without it is told, not failed
if (!haveSnakemake && !process.env['CI']) process.stderr.write('cohort workflow tests skipped: snakemake is not installed (apt-get install -y snakemake)\n');

const snakefile = resolve('workflows/cohort/Snakefile');
const profile = (name: string) => resolve('workflows/cohort/profiles', name);

describe.skipIf(!haveSnakemake && !process.env['CI'])('workflows/cohort (Snakemake): 3 phenopackets, one with a trio VCF and PED', () => {
  const dir = scratchDir('rarediag-cohort-');
  const snapshot = inject('realSnapshotDir');
  let snapshotId: string;
  const config = (name: string, extra: Record<string, string | number> = {}) => {
    const file = join(dir, `${name}.yaml`);
    const values = { samples: join(dir, 'samples.tsv'), snapshot, snapshot_id: snapshotId, shards: 2, top: 20, report_top: 5, out: 'results', rarediag: `${process.execPath} ${resolve('bin/rarediag.js')}`, ...extra };
    writeFileSync(file, Object.entries(values).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n') + '\n');
    return file;
  };
  const snakemake = (args: string[]) => run('snakemake', ['--snakefile', snakefile, '--directory', dir, ...args], { maxBuffer: 1 << 24, env: { ...process.env, PATH: process.env['PATH'] ?? '' } });
  const table = (path: string) => readTsv(readFileSync(join(dir, path), 'utf8'));

  beforeAll(() => {
    expect(haveSnakemake, 'snakemake is required in CI: apt-get install -y snakemake').toBe(true);
    snapshotId = (JSON.parse(readFileSync(join(snapshot, 'manifest.json'), 'utf8')) as { snapshotId: string }).snapshotId;
    mkdirSync(join(dir, 'phenopackets'));
    const lines = gunzipSync(readFileSync(resolve('../shared/bench/phenopackets-dev.jsonl.gz'))).toString('utf8').split('\n');
    for (const [i, n] of [5, 3000].entries()) writeFileSync(join(dir, 'phenopackets', `case-${i + 1}.json`), JSON.stringify((JSON.parse(lines[n]!) as { phenopacket: unknown }).phenopacket));
    const ach = { id: 'ach', subject: { id: 'PROBAND', sex: 'FEMALE' }, phenotypicFeatures: ['HP:0003026', 'HP:0004322', 'HP:0000256', 'HP:0002007'].map((id) => ({ type: { id } })) };
    writeFileSync(join(dir, 'phenopackets', 'ach.json'), JSON.stringify(ach));
    // the mother is the first column: only the pedigree says the proband is the second
    writeFileSync(
      join(dir, 'trio.vcf'),
      [
        '##fileformat=VCFv4.2',
        '##reference=GRCh38',
        '##contig=<ID=chr4,length=190214555>',
        '##contig=<ID=chr7,length=159345973>',
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tMOTHER\tPROBAND\tFATHER',
        'chr4\t1804392\t.\tG\tA\t500\tPASS\t.\tGT\t0/0\t0/1\t0/0',
        'chr7\t117559590\t.\tATCT\tA\t400\tPASS\t.\tGT\t0/1\t0/1\t0/0',
      ].join('\n') + '\n',
    );
    writeFileSync(join(dir, 'trio.ped'), '# family individual father mother sex phenotype\nF1\tFATHER\t0\t0\t1\t1\nF1\tMOTHER\t0\t0\t2\t1\nF1\tPROBAND\tFATHER\tMOTHER\t2\t2\n');
    writeFileSync(
      join(dir, 'samples.tsv'),
      ['case_id\tphenopacket\tvcf\tped\tgenome_assembly', 'C1\tphenopackets/case-1.json\t\t\t', 'C2\tphenopackets/case-2.json\t\t\t', 'C3\tphenopackets/ach.json\ttrio.vcf\ttrio.ped\tGRCh38'].join('\n') + '\n',
    );
  });

  it('local profile, --cores 2: shards, ranks against the pinned snapshot, merges into one table', async () => {
    const r = await snakemake(['--configfile', config('cohort'), '--profile', profile('local'), '--cores', '2']);
    expect(r.stderr).toMatch(/6 of 6 steps \(100%\) done/);
    const { header, rows } = table('results/cohort.tsv');
    expect(header).toEqual(['case_id', 'snapshot_id', 'kind', 'rank', 'id', 'label', 'score', 'probability', 'note']);
    expect([...new Set(rows.map((r) => r[0]))]).toEqual(['C1', 'C2', 'C3']);
    expect(rows.every((r) => r[1] === snapshotId)).toBe(true);
    for (const c of ['C1', 'C2']) expect(rows.filter((r) => r[0] === c && r[2] === 'disease')).toHaveLength(5);
    // the proband's genotype came through the PED: FGFR3 with its het variant first (the mother, column 1, has none)
    const gene = rows.find((r) => r[0] === 'C3' && r[2] === 'gene' && r[3] === '1')!;
    expect(gene.slice(4, 6)).toEqual(['NCBIGene:2261', 'FGFR3']);
    expect(gene[8]).toBe('dominant: heterozygous allele (4:1804392:G:A)');
    const shards = [0, 1].map((i) => readFileSync(join(dir, `results/shards/shard-00${i}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { caseId: string; vcf?: string; sample?: string }));
    expect(shards.map((s) => s.length).sort()).toEqual([1, 2]);
    expect(shards.flat().find((l) => l.caseId === 'C3')).toMatchObject({ vcf: join(dir, 'trio.vcf'), sample: 'PROBAND' });
    expect(readFileSync(join(dir, 'results/reanalysis.md'), 'utf8')).toContain('No previous results were given');
  }, 240_000);

  it("re-analysis: against the previous snapshot's table, the cases whose top 5 changed (not a re-ordering)", async () => {
    const { header, rows } = table('results/cohort.tsv');
    const previous = rows
      .filter((r) => r[0] !== 'C3')
      .map((r) => {
        const out = [...r];
        out[1] = 'hpo-previous';
        if (r[0] === 'C1' && r[2] === 'disease' && r[3] === '5') out[4] = 'OMIM:999999';
        if (r[0] === 'C2' && r[2] === 'disease' && (r[3] === '1' || r[3] === '2')) out[3] = r[3] === '1' ? '2' : '1';
        return out;
      });
    previous.push(['GONE', 'hpo-previous', 'disease', '1', 'OMIM:100800', 'Achondroplasia', '1', '0.5', '']);
    writeFileSync(join(dir, 'previous.tsv'), [header, ...previous].map((r) => r.join('\t')).join('\n') + '\n');
    const r = await snakemake(['--configfile', config('cohort', { previous: join(dir, 'previous.tsv') }), '--profile', profile('local'), '--cores', '2']);
    expect(r.stderr, 'only the merge runs again').not.toMatch(/rule rank:/);
    const status = new Map(table('results/reanalysis.tsv').rows.map((x) => [x[0], x]));
    expect(status.get('C1')!.slice(1, 3)).toEqual(['changed', 'hpo-previous']);
    expect(status.get('C1')![7]).toBe('OMIM:999999');
    expect(status.get('C2')![1]).toBe('unchanged');
    expect(status.get('C3')![1]).toBe('new');
    expect(status.get('GONE')![1]).toBe('dropped');
    expect(readFileSync(join(dir, 'results/reanalysis.md'), 'utf8')).toMatch(/\| 1 \| 1 \| 1 \| 1 \| 0 \|/);
  }, 120_000);

  it('refuses a snapshot other than the pinned one', async () => {
    const err = await snakemake(['--configfile', config('wrong', { snapshot_id: 'hpo-1999-01-01-000000', out: 'wrong' }), '--profile', profile('local'), '--cores', '2']).catch((e: { stderr: string }) => e);
    expect('stderr' in err && err.stderr).toMatch(new RegExp(`is ${snapshotId}, but the cohort is pinned to hpo-1999-01-01-000000`));
    expect(existsSync(join(dir, 'wrong', 'ranked'))).toBe(false);
  }, 120_000);

  it('Slurm profile: --dry-run plans one sbatch job per shard with its resources', async () => {
    const r = await snakemake(['--configfile', config('slurm', { out: 'slurm' }), '--profile', profile('slurm'), '--dry-run']);
    expect(r.stdout).toMatch(/rank\s+2\s+2\s+2/); // two rank jobs of two threads
    expect(r.stdout).toContain('slurm_account=CHANGE_ME, slurm_partition=CHANGE_ME');
    expect(r.stdout).toContain(`--workers 2 --snapshot ${snapshot} --expect-snapshot ${snapshotId}`);
    expect(r.stdout).toMatch(/localrule merge:/);
  }, 60_000);

  it('Slurm array mode: a task ranks its own shard', async () => {
    const cfg = config('array', { out: 'array' });
    await snakemake(['--configfile', cfg, '--cores', '1', '--until', 'shard', 'check_snapshot']);
    await run(resolve('workflows/cohort/slurm-array.sh'), [snakefile, cfg], { cwd: dir, env: { ...process.env, SLURM_ARRAY_TASK_ID: '1', SLURM_CPUS_PER_TASK: '1' }, maxBuffer: 1 << 24 });
    expect(existsSync(join(dir, 'array/ranked/shard-001.jsonl'))).toBe(true);
    expect(existsSync(join(dir, 'array/ranked/shard-000.jsonl'))).toBe(false);
  }, 120_000);
});

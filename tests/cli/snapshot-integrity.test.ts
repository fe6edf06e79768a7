import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';
import { fgfr3G380R, spikedBackground } from '../helpers/spiked-vcf.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Replaces the first occurrence of `from` by `to` (same byte length) in a file. */
function patch(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'latin1');
  const i = text.indexOf(from);
  if (i < 0 || from.length !== to.length) throw new Error(`cannot patch ${path}`);
  writeFileSync(path, text.slice(0, i) + to + text.slice(i + from.length), 'latin1');
}

// A run must never use a snapshot that changed after its build: one byte in a label, a ClinVar significance, or a
// manifest edited to match is refused with exit code 4 naming the file (snapshot-integrity.ts, snapshot-seal.ts).
describe('snapshot integrity at open', () => {
  const dir = scratchDir('rarediag-integrity-');
  const snap = join(dir, 'snapshot');
  const hpo = ['rank', '--snapshot', snap, '--hpo', 'HP:0003026,HP:0004322,HP:0000256', '--top', '3'];
  beforeAll(() => {
    cpSync(inject('realSnapshotDir'), snap, { recursive: true });
  });

  it('refuses a changed byte in the ranking tables, naming the file (exit 4)', async () => {
    expect((await runCli(hpo)).code).toBe(0);
    const tables = join(snap, 'ranking-tables.json');
    const original = readFileSync(tables);
    patch(tables, '"Achondroplasia"', '"Achondroplasiz"');
    const r = await runCli(hpo);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/ranking-tables\.json: content changed after the build/);
    expect(r.stdout).not.toContain('Achondroplasiz');
    writeFileSync(tables, original);
  });

  it('refuses an edited ClinVar significance when a VCF is read', async () => {
    const vcf = spikedBackground(inject('realSourcesDir'), join(dir, 'p.vcf.gz'), [fgfr3G380R.grch37]);
    const index = join(snap, 'variant-index.json');
    const original = readFileSync(index);
    patch(index, 'likely_pathogenic', 'likely_pathogeniX');
    const r = await runCli([...hpo, '--vcf', vcf]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/variant-index\.json: content changed/);
    writeFileSync(index, original);
  });

  it('refuses a manifest edited to match, an unsealed snapshot, and a missing file; `snapshot seal` is a deliberate trust', async () => {
    const tables = join(snap, 'ranking-tables.json');
    const manifestFile = join(snap, 'manifest.json');
    const originalTables = readFileSync(tables);
    const originalManifest = readFileSync(manifestFile);
    patch(tables, '"Achondroplasia"', '"Achondroplasiz"');
    const manifest = JSON.parse(originalManifest.toString('utf8')) as { files: { name: string; sha256: string }[] };
    manifest.files.find((f) => f.name === 'ranking-tables.json')!.sha256 = sha256(tables);
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    const edited = await runCli(hpo);
    expect(edited.code).toBe(4);
    expect(edited.stderr).toMatch(/manifest\.json: changed after it was sealed/);
    const verify = await runCli(['snapshot', 'verify', '--snapshot', snap]);
    expect(verify.code).toBe(4);
    expect(verify.stdout).toMatch(/manifest\.json: changed after it was sealed/);

    rmSync(join(snap, 'manifest.seal'));
    const unsealed = await runCli(hpo);
    expect(unsealed.code).toBe(4);
    expect(unsealed.stderr).toMatch(/not sealed by this installation/);
    const sealed = await runCli(['snapshot', 'seal', '--snapshot', snap]);
    expect(sealed.code, sealed.stderr).toBe(0);
    expect((await runCli(hpo)).code).toBe(0); // sealing vouches for what is there, edits included: use it with care

    writeFileSync(tables, originalTables);
    writeFileSync(manifestFile, originalManifest);
    expect((await runCli(['snapshot', 'seal', '--snapshot', snap])).code).toBe(0);
    const chain = join(snap, 'liftover', 'hg19ToHg38.over.chain.gz');
    const chainBytes = readFileSync(chain);
    rmSync(chain);
    const missing = await runCli(hpo);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/hg19ToHg38\.over\.chain\.gz: missing/);
    writeFileSync(chain, chainBytes);
    expect((await runCli(hpo)).code).toBe(0);
  });
});

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordReleaseCheck, runReleaseCheck } from '../../../diagnosis/pipeline/release-check.js';
import { buildSnapshot } from '../../../graph-snapshot/build/snapshot-builder.js';
import { GraphSnapshot } from '../../../graph-snapshot/query/graph-snapshot.js';
import { readManifest, type SnapshotManifest } from '../../../graph-snapshot/snapshot/manifest.js';
import { exportSnapshot, importSnapshot } from '../../../graph-snapshot/snapshot/snapshot-archive.js';
import { runCli } from '../../helpers/cli.js';
import { fixtureSources, scratchDir } from '../../helpers/paths.js';

// A release on the fixture sources: the second drops a feature of two diseases. The build runs the release check
// before the swap and records it in the (sealed) manifest; an import records it with recordReleaseCheck.
describe('release check of a snapshot build', () => {
  const dir = scratchDir();
  const out = join(dir, 'snap');
  const changed = join(dir, 'sources-v2');
  let first: SnapshotManifest;
  let second: SnapshotManifest;

  beforeAll(async () => {
    first = await buildSnapshot({ sourcesDir: fixtureSources, outDir: out });
    cpSync(fixtureSources, changed, { recursive: true });
    const hpoa = join(changed, 'hpo', 'phenotype.fixture.hpoa');
    writeFileSync(hpoa, readFileSync(hpoa, 'utf8').split('\n').filter((l) => !/\tHP:0005484\t|\tHP:0000505\t/.test(l)).join('\n'));
    second = await buildSnapshot({ sourcesDir: changed, outDir: out, releaseCheck: (built, previous, report) => runReleaseCheck(built, previous, { diseases: 10, perDisease: 3, confirm: 5, onProgress: report }) });
  });

  it('compares the new snapshot with the one it replaces and records the result in its sealed manifest', async () => {
    expect(second.snapshotId).not.toBe(first.snapshotId);
    const check = second.releaseCheck!;
    expect(check).toMatchObject({ format: 'rarediag-release-check', comparedWith: first.snapshotId, diseases: 3, changedDiseases: 2, vignettesPerDisease: 3, k: 10 });
    expect(check.recall.previous).not.toBeNull();
    expect((await readManifest(out)).releaseCheck).toEqual(check);
    // the manifest was sealed again after the check was added: the snapshot opens
    const snap = await GraphSnapshot.open(out);
    await snap.close();
  });

  it('without a previous snapshot records this one\'s figures only; an import records it with recordReleaseCheck', async () => {
    const alone = await runReleaseCheck(out, undefined, { diseases: 10, perDisease: 2 });
    expect(alone).toMatchObject({ comparedWith: null, changedDiseases: 0, diseases: 3, moved: 0, confirmVignettes: 0, note: expect.stringMatching(/no previous snapshot/) });
    expect(alone.recall.previous).toBeNull();
    const missing = await runReleaseCheck(out, join(dir, 'nowhere'), { diseases: 10, perDisease: 2 });
    expect(missing.note).toMatch(/could not be opened/);
    await recordReleaseCheck(out, undefined, { diseases: 10, perDisease: 2 });
    expect((await readManifest(out)).releaseCheck?.comparedWith).toBeNull();
    const snap = await GraphSnapshot.open(out);
    await snap.close();
  });

  it('`snapshot import` runs it on the verified archive before the swap, against the snapshot it replaces', async () => {
    const archive = join(dir, 'snap.tar.gz');
    const before = await readManifest(out);
    await exportSnapshot(out, archive);
    const imported = await importSnapshot(archive, out, { releaseCheck: (built, previous, report) => runReleaseCheck(built, previous, { diseases: 10, perDisease: 2, onProgress: report }) });
    expect(imported.releaseCheck).toMatchObject({ comparedWith: before.snapshotId, diseases: 3, changedDiseases: 0, moved: 0 });
    expect((await readManifest(out)).releaseCheck).toEqual(imported.releaseCheck);
    const snap = await GraphSnapshot.open(out);
    await snap.close();
  });

  it('`snapshot build --release-check` prints it, `snapshot info` shows it', async () => {
    const r = await runCli(['snapshot', 'build', '--sources', fixtureSources, '--out', out, '--release-check', '--release-check-diseases', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/release check \(.*\): 3 diseases × 5 synthetic vignettes \(2 with changed annotations\), against hpo-/);
    const info = await runCli(['snapshot', 'info', '--snapshot', out, '--json']);
    expect(JSON.parse(info.stdout).releaseCheck.comparedWith).toBe(second.snapshotId);
    expect((await runCli(['snapshot', 'build', '--sources', fixtureSources, '--out', out, '--release-check-diseases', '0'])).code).toBe(2);
  });
});

import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { tarEnd, writeTarEntry } from '../../graph-snapshot/snapshot/tar-archive.js';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// Moving the knowledge onto an air-gapped machine: one archive, its sha256 beside it, checked on import, re-sealed there.
describe('rarediag snapshot export / import', () => {
  const dir = scratchDir('rarediag-archive-');
  const source = inject('realSnapshotDir');
  const archive = join(dir, 'knowledge.tar.gz');
  // a clean machine: its own data home and installation key
  const clean = { RAREDIAG_HOME: join(dir, 'clinic'), RAREDIAG_SEAL_KEY_FILE: join(dir, 'clinic', 'installation.key') };
  const imported = join(dir, 'clinic', 'snapshots', 'default');
  let snapshotId: string;

  beforeAll(async () => {
    snapshotId = (JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as { snapshotId: string }).snapshotId;
    const r = await runCli(['snapshot', 'export', '--snapshot', source, '--out', archive, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ snapshotId, files: 7, sha256: sha256(readFileSync(archive)) });
  }, 120_000);

  it('writes one archive with its sha256 beside it, without the seal', () => {
    expect(readFileSync(`${archive}.sha256`, 'utf8')).toBe(`${sha256(readFileSync(archive))}  knowledge.tar.gz\n`);
    const tar = gunzipSync(readFileSync(archive)).toString('latin1');
    expect(tar.startsWith('rarediag-snapshot/manifest.json')).toBe(true);
    expect(tar).toContain('rarediag-snapshot/graph.kuzu');
    expect(tar).not.toContain('manifest.seal');
  });

  it('imports on a clean home: same snapshot id, sealed with that machine\'s key, verifies and ranks', async () => {
    const r = await runCli(['snapshot', 'import', archive, '--json'], clean);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ snapshotId, dir: imported, checkedAgainst: 'checksum file' });
    expect(existsSync(clean.RAREDIAG_SEAL_KEY_FILE)).toBe(true);
    expect(readFileSync(join(imported, 'manifest.seal'))).not.toEqual(readFileSync(join(source, 'manifest.seal')));
    const v = await runCli(['snapshot', 'verify', '--json'], clean);
    expect(v.code, v.stdout).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, snapshotId });
    const rank = await runCli(['rank', '--hpo', 'HP:0003026,HP:0004322,HP:0000256', '--top', '3'], clean);
    expect(rank.code, rank.stderr).toBe(0);
    expect(rank.stdout).toContain(`snapshot ${snapshotId}`);
    // the other machine's key does not open the original's copy: seals are per installation
    expect((await runCli(['snapshot', 'verify', '--snapshot', source], clean)).code).toBe(4);
  });

  /** Imports an archive into the clean home, which must stay exactly as it was. */
  async function refused(file: string, extra: string[] = []) {
    const before = ['manifest.seal', 'manifest.json'].map((f) => readFileSync(join(imported, f)));
    const r = await runCli(['snapshot', 'import', file, ...extra], clean);
    expect(['manifest.seal', 'manifest.json'].map((f) => readFileSync(join(imported, f)))).toEqual(before);
    expect(readdirSync(join(dir, 'clinic', 'snapshots'))).toEqual(['default']); // no half-unpacked folder left
    return r;
  }

  it('refuses a corrupted archive (exit 4) and replaces nothing', async () => {
    const bytes = Buffer.from(readFileSync(archive));
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    const damaged = join(dir, 'damaged.tar.gz');
    writeFileSync(damaged, bytes);
    writeFileSync(`${damaged}.sha256`, readFileSync(`${archive}.sha256`));
    const r = await refused(damaged);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/damaged\.tar\.gz: sha256 [0-9a-f]{64} is not the expected [0-9a-f]{64} \(damaged\.tar\.gz\.sha256\): the archive is damaged/);
    // with --sha256 read out over the phone: the same check
    expect((await refused(damaged, ['--sha256', sha256(readFileSync(archive))])).code).toBe(4);
  });

  it('checks every file against the manifest even when the sha256 was made to match (a file changed before packing)', async () => {
    const tar = Buffer.from(gunzipSync(readFileSync(archive)));
    const at = tar.indexOf('Achondroplasia', 0, 'latin1');
    tar[at] = 'a'.charCodeAt(0);
    const edited = join(dir, 'edited.tar.gz');
    writeFileSync(edited, gzipSync(tar));
    writeFileSync(`${edited}.sha256`, `${sha256(readFileSync(edited))}  edited.tar.gz\n`);
    const r = await refused(edited);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/edited\.tar\.gz: rarediag-snapshot\/\S+: content differs from the manifest \(sha256\); nothing was imported/);
    const cut = join(dir, 'cut.tar.gz');
    writeFileSync(cut, gzipSync(tar.subarray(0, tar.length >> 1)));
    writeFileSync(`${cut}.sha256`, sha256(readFileSync(cut)));
    const t = await refused(cut);
    expect(t.code).toBe(4);
    expect(t.stderr).toMatch(/cut\.tar\.gz: .*(truncated|ends inside)/);
  });

  it('refuses a manifest naming a file outside the snapshot folder', async () => {
    const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as { files: { name: string }[] };
    manifest.files[0]!.name = '../../escaped';
    const m = join(dir, 'evil-manifest.json');
    writeFileSync(m, JSON.stringify(manifest));
    const evil = join(dir, 'evil.tar.gz');
    const tarFile = join(dir, 'evil.tar');
    const out = createWriteStream(tarFile);
    await writeTarEntry(out, 'rarediag-snapshot/manifest.json', m, readFileSync(m).length, 0);
    out.end(tarEnd());
    await once(out, 'finish');
    writeFileSync(evil, gzipSync(readFileSync(tarFile)));
    writeFileSync(`${evil}.sha256`, sha256(readFileSync(evil)));
    const r = await refused(evil);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('lists an unsafe file name: ../../escaped');
    expect(existsSync(join(dir, 'escaped'))).toBe(false);
  });

  it('needs a checksum to compare with (exit 3), and names a missing archive', async () => {
    const lonely = join(dir, 'lonely.tar.gz');
    writeFileSync(lonely, readFileSync(archive));
    const r = await refused(lonely);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`no checksum to verify it against: put ${basename(lonely)}.sha256`);
    const missing = await runCli(['snapshot', 'import', join(dir, 'nope.tar.gz')], clean);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('nope.tar.gz: file not found');
  });
});

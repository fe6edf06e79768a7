import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeStubElectronDist } from '../../scripts/packaging/stub-electron-dist.js';
import { scratchDir } from '../helpers/paths.js';

const run = promisify(execFile);
const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(path: string): string[] };

// electron-builder.yml checked through the electronDist route: no Electron binary can be downloaded here.
describe('desktop packaging (electron-builder, electronDist route)', () => {
  const dir = scratchDir();

  // what a developer could leave in dist/: patient data and knowledge must never reach an installer
  const probe = resolve('dist/__packaging-probe__');
  const planted = ['cases/store.sqlite', 'proband.vcf.gz', 'family.ped', 'batch.jsonl', 'snapshots/default/graph.kuzu', 'model.gguf', '.rarediag/cases.db'];
  afterAll(() => rmSync(probe, { recursive: true, force: true }));

  it('packs the app into app.asar with the snapshot builder, unpacks the native modules, and leaves data and build-only sources out', async () => {
    expect(existsSync(resolve('dist/electron/main.js')), 'npm run build first').toBe(true);
    expect(existsSync(resolve('dist-renderer/index.html')), 'npm run build:renderer first').toBe(true);
    for (const f of planted) {
      mkdirSync(join(probe, f, '..'), { recursive: true });
      writeFileSync(join(probe, f), 'patient data\n');
    }
    const stub = writeStubElectronDist(join(dir, 'electron-dist'), '45.4.1');
    const out = join(dir, 'release');
    await run(
      process.execPath,
      [resolve('node_modules/electron-builder/cli.js'), '--linux', 'dir', `--config.electronDist=${stub}`, '--config.npmRebuild=false', '--config.electronVersion=45.4.1', `--config.directories.output=${out}`],
      { maxBuffer: 1 << 24, env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' } },
    );
    const resources = join(out, 'linux-unpacked', 'resources');
    const files = asar.listPackage(join(resources, 'app.asar'));
    for (const f of ['/dist/electron/main.js', '/dist/electron/preload.js', '/dist-renderer/index.html', '/package.json']) expect(files).toContain(f);
    expect(files.some((f) => f.startsWith('/tests/') || f.startsWith('/renderer/src'))).toBe(false);
    // the desktop app builds its snapshot from the sources on first use: the builder ships
    expect(files).toContain('/dist/graph-snapshot/build/snapshot-builder.js');
    expect(files.filter((f) => planted.some((p) => f.endsWith(`/__packaging-probe__/${p}`)))).toEqual([]);
    const unpacked = readdirSync(join(resources, 'app.asar.unpacked', 'node_modules'));
    expect(unpacked).toEqual(expect.arrayContaining(['kuzu', 'better-sqlite3-multiple-ciphers', 'node-llama-cpp']));
    expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'kuzu', 'kuzujs.node'))).toBe(true);
    expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'kuzu', 'kuzu-source'))).toBe(false);
  }, 240_000);
});

import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeStubElectronDist } from '../../scripts/packaging/stub-electron-dist.js';
import { scratchDir } from '../helpers/paths.js';

const run = promisify(execFile);
const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(path: string): string[] };

// electron-builder.yml checked through the electronDist route: no Electron binary can be downloaded here.
describe('desktop packaging (electron-builder, electronDist route)', () => {
  const dir = scratchDir();

  it('packs the app into app.asar and unpacks the native modules', async () => {
    expect(existsSync(resolve('dist/electron/main.js')), 'npm run build first').toBe(true);
    expect(existsSync(resolve('dist-renderer/index.html')), 'npm run build:renderer first').toBe(true);
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
    const unpacked = readdirSync(join(resources, 'app.asar.unpacked', 'node_modules'));
    expect(unpacked).toEqual(expect.arrayContaining(['kuzu', 'better-sqlite3-multiple-ciphers', 'node-llama-cpp']));
  }, 240_000);
});

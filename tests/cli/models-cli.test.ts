import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';

const tinyModel = resolve('..', 'shared', 'models', 'stories260K.gguf');
const sha256 = '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d';
const id = 'stories260K-270cba1b';

describe('rarediag models (CLI)', () => {
  const home = scratchDir('rarediag-models-cli-');
  // never ~/.rarediag: the store is <RAREDIAG_HOME>/models
  const env = { RAREDIAG_HOME: home };
  const models = (...args: string[]) => runCli(['models', ...args], env);

  it('has --help and exits 2 on a usage error', async () => {
    for (const sub of [[], ['import'], ['list'], ['info'], ['select'], ['remove'], ['hardware']]) {
      const r = await models(...sub, '--help');
      expect(r.code, sub.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: rarediag models');
    }
    const r = await models('import');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file'");
  });

  it('imports, lists, shows, selects and removes a model', async () => {
    const imported = await models('import', tinyModel, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ id, sha256, storage: 'copy', alreadyRegistered: false, metadata: { architecture: 'llama', contextLength: 2048 } });
    expect(existsSync(join(home, 'models', `${id}.gguf`))).toBe(true);

    const list = await models('list', '--json');
    expect(JSON.parse(list.stdout)).toMatchObject({ storeDir: join(home, 'models'), defaultModelId: null, models: [{ id }] });
    expect((await models('select', id)).stdout).toBe(`Default model: ${id}\n`);
    expect((await models('list')).stdout).toMatch(new RegExp(`\\* ${id}\\s+llama\\s+292\\.8K\\s+F32\\s+2,048`));

    const info = await models('info', id);
    expect(info.stdout).toMatch(new RegExp(`^${id} \\(default\\)`));
    expect(info.stdout).toMatch(new RegExp(`sha256\\s+${sha256}`));
    expect(info.stdout).toMatch(/trained context\s+2,048 tokens/);
    expect(JSON.parse((await models('info', id, '--json')).stdout)).toMatchObject({ id, isDefault: true, absolutePath: join(home, 'models', `${id}.gguf`) });

    const again = await models('import', tinyModel);
    expect(again.stdout).toMatch(new RegExp(`^Already registered as ${id}`));

    expect((await models('remove', id)).stdout).toBe(`Removed ${id} and deleted its copy\n`);
    expect(JSON.parse((await models('list', '--json')).stdout).models).toEqual([]);
    expect(existsSync(join(home, 'models', `${id}.gguf`))).toBe(false);
  });

  it('registers a file in place with --reference', async () => {
    const r = await models('import', tinyModel, '--reference', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ storage: 'reference', path: tinyModel });
    expect((await models('remove', id)).stdout).toBe(`Removed ${id}; the file stays at ${tinyModel}\n`);
    expect(existsSync(tinyModel)).toBe(true);
  });

  it('exits 3 and names the file for a non-GGUF, a truncated GGUF and an unknown id', async () => {
    const notGguf = join(home, 'notes.gguf');
    writeFileSync(notGguf, 'Patient notes, not a model\n');
    const r1 = await models('import', notGguf);
    expect(r1.code).toBe(3);
    expect(r1.stderr).toContain(`rarediag: ${notGguf}: not a GGUF file (magic bytes 50 61 74 69 "Pati", expected "GGUF")`);

    const cut = join(home, 'cut.gguf');
    writeFileSync(cut, readFileSync(tinyModel).subarray(0, 1_000_000));
    const r2 = await models('import', cut);
    expect(r2.code).toBe(3);
    expect(r2.stderr).toContain(`rarediag: ${cut}: truncated: header says 48 tensors ending at byte 1185376 but file ends at byte 1000000`);

    const r3 = await models('info', 'no-such-model');
    expect(r3.code).toBe(3);
    expect(r3.stderr).toContain(`${join(home, 'models', 'registry.json')}: no model with id "no-such-model"`);
  });

  it('describes the hardware: the CPU backend on this machine', async () => {
    const r = await models('hardware', '--threads', '1', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ backend: 'cpu', gpuDevices: [], vram: null, cpu: { threads: 1 } });
    const human = await models('hardware');
    expect(human.stdout).toMatch(/^cpu: /);
    expect(human.stdout).toMatch(/backend\s+cpu/);
  });
});

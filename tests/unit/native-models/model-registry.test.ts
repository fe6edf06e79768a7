import { copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../../../native-models/registry/model-file-error.js';
import { ModelRegistry } from '../../../native-models/registry/model-registry.js';
import { scratchDir } from '../../helpers/paths.js';
import { seededBytes } from './seeded-bytes.js';
import { tinyModelPath, tinyModelSha256, tinyModelSize } from './tiny-model.js';

describe('model registry', () => {
  const dir = scratchDir('rarediag-models-');
  const source = join(dir, 'stories260K.gguf');
  copyFileSync(tinyModelPath, source);

  it('imports a copy with its sha256 and header metadata, lists, selects and removes it', async () => {
    const registry = new ModelRegistry(join(dir, 'store'));
    expect(await registry.list()).toEqual([]);
    const fractions: number[] = [];
    const { entry, alreadyRegistered } = await registry.import(source, { onProgress: (e) => fractions.push(e.fraction) });
    expect(alreadyRegistered).toBe(false);
    expect(entry).toMatchObject({
      id: 'stories260K-270cba1b',
      fileName: 'stories260K.gguf',
      storage: 'copy',
      path: 'stories260K-270cba1b.gguf',
      sha256: tinyModelSha256,
      size: tinyModelSize,
      importedFrom: source,
      metadata: { architecture: 'llama', quantization: 'F32', contextLength: 2048, tensorCount: 48, fileSize: tinyModelSize },
    });
    expect(fractions.at(-1)).toBe(1);
    const copy = registry.pathOf(entry);
    expect(copy).toBe(join(dir, 'store', 'stories260K-270cba1b.gguf'));
    expect(readFileSync(copy).equals(readFileSync(tinyModelPath))).toBe(true);
    expect(await registry.list()).toEqual([entry]);
    // the only model is the one to run even before a default is chosen
    expect((await registry.resolve()).id).toBe(entry.id);

    const again = await registry.import(source);
    expect(again.alreadyRegistered).toBe(true);
    expect(await registry.list()).toHaveLength(1);

    await registry.select(entry.id);
    expect(await registry.defaultModelId()).toBe(entry.id);
    expect(await registry.verify(entry.id)).toEqual({ ok: true, sha256: tinyModelSha256, expected: tinyModelSha256 });

    await expect(registry.select('nope')).rejects.toThrow(`${registry.registryPath}: no model with id "nope" (known: stories260K-270cba1b)`);
    await registry.remove(entry.id);
    expect(await registry.list()).toEqual([]);
    expect(await registry.defaultModelId()).toBeNull();
    expect(existsSync(copy)).toBe(false);
    await expect(registry.resolve()).rejects.toThrow(/no model imported yet/);
  });

  it('references a file in place, and notices when it changes afterwards', async () => {
    const registry = new ModelRegistry(join(dir, 'store-ref'));
    const referenced = join(dir, 'referenced.gguf');
    copyFileSync(tinyModelPath, referenced);
    const { entry } = await registry.import(referenced, { reference: true });
    expect(entry).toMatchObject({ storage: 'reference', path: referenced, sha256: tinyModelSha256 });
    expect(readdirSync(join(dir, 'store-ref'))).toEqual(['registry.json']);
    expect(await registry.checkFile(entry)).toBe(referenced);
    truncateSync(referenced, 1000);
    await expect(registry.checkFile(entry)).rejects.toThrow(`${referenced}: size 1000 differs from the ${tinyModelSize} bytes registered for model ${entry.id}`);
    // removing a reference leaves the file alone
    await registry.remove(entry.id);
    expect(existsSync(referenced)).toBe(true);
  });

  it('refuses a corrupt or truncated GGUF with a clear error and leaves the registry untouched', async () => {
    const store = join(dir, 'store-bad');
    const registry = new ModelRegistry(store);
    await registry.import(source);
    const before = readFileSync(registry.registryPath);
    const random = join(dir, 'random.gguf');
    writeFileSync(random, seededBytes(50_000, 3));
    const cut = join(dir, 'cut.gguf');
    writeFileSync(cut, readFileSync(tinyModelPath).subarray(0, 600_000));

    const e1 = await registry.import(random).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(ModelFileError);
    expect((e1 as Error).message).toMatch(new RegExp(`^${random}: not a GGUF file \\(magic bytes `));
    const e2 = await registry.import(cut).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(ModelFileError);
    expect((e2 as Error).message).toBe(`${cut}: truncated: header says 48 tensors ending at byte ${tinyModelSize} but file ends at byte 600000`);
    await expect(registry.import(join(dir, 'missing.gguf'))).rejects.toThrow(`${join(dir, 'missing.gguf')}: file not found`);

    expect(readFileSync(registry.registryPath).equals(before)).toBe(true);
    expect(readdirSync(store).sort()).toEqual(['registry.json', 'stories260K-270cba1b.gguf']);
  });

  it('reports a damaged registry file by name instead of guessing', async () => {
    const store = join(dir, 'store-damaged');
    const registry = new ModelRegistry(store);
    await registry.import(source);
    const good = readFileSync(registry.registryPath, 'utf8');
    writeFileSync(registry.registryPath, '{"format": "rarediag-model-registry", ');
    await expect(registry.list()).rejects.toThrow(new RegExp(`^${registry.registryPath}: model registry is not valid JSON`));
    writeFileSync(registry.registryPath, good.replace(tinyModelSha256, 'not-a-hash'));
    await expect(registry.list()).rejects.toThrow(`${registry.registryPath}: model registry field models.0.sha256: `);
    // and an import does not overwrite what it cannot read
    await expect(registry.import(source)).rejects.toBeInstanceOf(ModelFileError);
    expect(readFileSync(registry.registryPath, 'utf8')).toContain('not-a-hash');
  });

  it('keeps every entry when imports run concurrently', async () => {
    const registry = new ModelRegistry(join(dir, 'store-concurrent'));
    const files = [1, 2, 3].map((n) => {
      // the same model with a different trailing padding byte: different sha256, still a valid GGUF
      const path = join(dir, `variant-${n}.gguf`);
      writeFileSync(path, Buffer.concat([readFileSync(tinyModelPath), Buffer.from([n])]));
      return path;
    });
    const results = await Promise.all(files.map((f) => registry.import(f)));
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(3);
    expect((await registry.list()).map((m) => m.fileName).sort()).toEqual(['variant-1.gguf', 'variant-2.gguf', 'variant-3.gguf']);
  });
});

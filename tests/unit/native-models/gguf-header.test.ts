import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGgufHeader } from '../../../native-models/registry/gguf-header.js';
import { ModelFileError } from '../../../native-models/registry/model-file-error.js';
import { summarizeHeader } from '../../../native-models/registry/model-metadata.js';
import { scratchDir } from '../../helpers/paths.js';
import { seededBytes } from './seeded-bytes.js';
import { tinyModelPath, tinyModelSize } from './tiny-model.js';

describe('GGUF header reader', () => {
  const dir = scratchDir('rarediag-gguf-');
  const real = readFileSync(tinyModelPath);

  it('reads the metadata of the tiny model without loading it', async () => {
    const started = performance.now();
    const header = await readGgufHeader(tinyModelPath);
    expect(performance.now() - started).toBeLessThan(500);
    expect(header.version).toBe(3);
    expect(header.tensors).toHaveLength(48);
    expect(header.dataEnd).toBe(tinyModelSize);
    const md = summarizeHeader(header);
    expect(md).toMatchObject({
      architecture: 'llama',
      quantization: 'F32',
      tensorTypes: { F32: 48 },
      contextLength: 2048,
      embeddingLength: 64,
      layerCount: 5,
      chatTemplate: { present: false, family: null, variants: [], thinkTags: false },
      fileSize: tinyModelSize,
      tensorCount: 48,
      splitParts: 1,
    });
    // 1,171,200 bytes of F32 tensors
    expect(md.parameterCount).toBe(292_800);
  });

  const write = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('names the file and shows the magic bytes of a file that is not a GGUF', async () => {
    const path = write('random.gguf', seededBytes(4096, 7));
    const err = await readGgufHeader(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as Error).message).toMatch(new RegExp(`^${path}: not a GGUF file \\(magic bytes [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} .*expected "GGUF"\\)$`));
    const tiny = write('two-bytes.gguf', real.subarray(0, 2));
    await expect(readGgufHeader(tiny)).rejects.toThrow(`${tiny}: not a GGUF file (only 2 bytes)`);
    await expect(readGgufHeader(join(dir, 'absent.gguf'))).rejects.toThrow(`${join(dir, 'absent.gguf')}: file not found`);
  });

  it('reports a truncated header or truncated tensor data, naming the file', async () => {
    const cases: [number, RegExp][] = [
      [6, /truncated: file ends at byte 6 while reading the GGUF version/],
      [20, /truncated: file ends at byte 20 while reading the tensor and metadata counts/],
      [100, /truncated or corrupt: header says 48 tensors and \d+ metadata entries but file ends at byte 100/],
      [5000, /truncated: file ends at byte 5000 while reading metadata entry \d+ of \d+/],
      [12_000, /truncated: file ends at byte 12000 while reading tensor info \d+ of 48 \(header says 48 tensors\)/],
      [100_000, /truncated: header says 48 tensors ending at byte 1185376 but file ends at byte 100000/],
      [tinyModelSize - 1, /truncated: header says 48 tensors ending at byte 1185376 but file ends at byte 1185375/],
    ];
    for (const [n, message] of cases) {
      const path = write(`cut-${n}.gguf`, real.subarray(0, n));
      const err = await readGgufHeader(path).catch((e: unknown) => e);
      expect(err, `first ${n} bytes`).toBeInstanceOf(ModelFileError);
      expect((err as ModelFileError).file).toBe(path);
      expect((err as Error).message, `first ${n} bytes`).toMatch(message);
    }
  });

  it('never crashes on damaged headers: every outcome is a header or a ModelFileError', async () => {
    const random = seededBytes(2000, 11);
    for (let i = 0; i < 200; i += 1) {
      const bytes = Buffer.from(real.subarray(0, 20_000));
      // damage a few bytes anywhere in the header, keeping the magic
      for (let k = 0; k < 3; k += 1) bytes[4 + (random[(i * 3 + k) % random.length]! * 57 + i * 131) % 14_000] = random[(i + k * 7) % random.length]!;
      const path = write('damaged.gguf', bytes);
      const outcome = await readGgufHeader(path).then(
        () => 'ok',
        (e: unknown) => e,
      );
      if (outcome !== 'ok') expect(outcome, `case ${i}: ${String(outcome)}`).toBeInstanceOf(ModelFileError);
    }
  });

  it('refuses GGUF version 1 and unknown versions', async () => {
    const v = (version: number) => {
      const bytes = Buffer.from(real.subarray(0, 64));
      bytes.writeUInt32LE(version, 4);
      return write(`v${version}.gguf`, bytes);
    };
    await expect(readGgufHeader(v(1))).rejects.toThrow(/GGUF version 1 is no longer supported/);
    await expect(readGgufHeader(v(9))).rejects.toThrow(/unsupported GGUF version 9/);
  });
});

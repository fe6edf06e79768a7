import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ggmlTypes } from '../../../native-models/registry/gguf-types.js';
import { ModelFileError } from '../../../native-models/registry/model-file-error.js';
import { ModelRegistry } from '../../../native-models/registry/model-registry.js';
import { GenerationAbortedError, GenerationTimeoutError, JsonOutputError, NoModelLoadedError, PromptTooLongError } from '../../../native-models/runtime/generation-errors.js';
import { loadRegisteredModel } from '../../../native-models/runtime/load-registered-model.js';
import { ModelRuntime, type GenerationChunk } from '../../../native-models/runtime/model-runtime.js';
import { measureThroughput } from '../../../native-models/runtime/throughput-benchmark.js';
import { scratchDir } from '../../helpers/paths.js';
import { tinyModelPath, tinyModelSha256 } from './tiny-model.js';

// Real llama.cpp on the CPU with the tiny model: its text is gibberish, so these tests check mechanics only.
describe('model runtime (stories260K on CPU)', () => {
  const dir = scratchDir('rarediag-runtime-');
  let runtime: ModelRuntime;
  const story = { prompt: 'Once upon a time', maxTokens: 24 };

  beforeAll(async () => {
    runtime = await ModelRuntime.start({ threads: 1 });
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('describes the hardware: CPU backend here, with the thread count used', () => {
    const h = runtime.hardware;
    expect(h.backend).toBe('cpu');
    expect(h.gpuDevices).toEqual([]);
    expect(h.vram).toBeNull();
    expect(h.cpu.threads).toBe(1);
    expect(h.cpu.logicalCores).toBeGreaterThan(0);
    expect(h.llamaCpp.binary).toBe('prebuilt');
    expect(h.llamaCpp.nodeLlamaCpp).toBe('3.22.1');
  });

  it('sizes tensors with the same block layout as the llama.cpp binary', () => {
    const bindings = (runtime.llama as unknown as { _bindings: { getBlockSizeForGgmlType(t: number): number; getTypeSizeForGgmlType(t: number): number } })._bindings;
    for (const [type, info] of Object.entries(ggmlTypes)) {
      expect([bindings.getBlockSizeForGgmlType(Number(type)), bindings.getTypeSizeForGgmlType(Number(type))], info.name).toEqual([info.blockSize, info.typeSize]);
    }
  });

  it('refuses a generation before a model is loaded', async () => {
    await expect(runtime.generate(story)).rejects.toBeInstanceOf(NoModelLoadedError);
  });

  it('reports a GGUF that llama.cpp cannot load (unknown architecture) as a ModelFileError naming the file', async () => {
    const bytes = readFileSync(tinyModelPath);
    const at = bytes.indexOf('general.architecture') + 'general.architecture'.length + 4 + 8;
    expect(bytes.toString('latin1', at, at + 5)).toBe('llama');
    bytes.write('llamx', at, 'latin1');
    const path = join(dir, 'unknown-arch.gguf');
    writeFileSync(path, bytes);
    const err = await runtime.loadModel({ path }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as Error).message).toMatch(new RegExp(`^${path}: llama.cpp cannot load this model: .*unknown model architecture: 'llamx'`));
    expect(runtime.loadedModel).toBeUndefined();

    const cut = join(dir, 'cut.gguf');
    writeFileSync(cut, readFileSync(tinyModelPath).subarray(0, 500_000));
    await expect(runtime.loadModel({ path: cut })).rejects.toThrow(`${cut}: truncated: header says 48 tensors ending at byte 1185376 but file ends at byte 500000`);
  });

  it('loads a registry model by id with automatic GPU offload (none on this machine)', async () => {
    const source = join(dir, 'stories260K.gguf');
    copyFileSync(tinyModelPath, source);
    const registry = new ModelRegistry(join(dir, 'store'));
    const { entry } = await registry.import(source);
    const info = await loadRegisteredModel(runtime, registry, entry.id, { contextSize: 512 });
    expect(info).toMatchObject({ id: entry.id, sha256: tinyModelSha256, trainedContext: 2048, contextSize: 512, gpuLayers: 0, threads: 1 });
    expect(info.totalLayers).toBeGreaterThan(0);
    expect(typeof info.chatWrapper).toBe('string');
    expect(info.loadMs).toBeLessThan(5000);
    expect(runtime.loadedModel?.id).toBe(entry.id);
  });

  it('streams several chunks before the generation completes', async () => {
    const events: string[] = [];
    const chunks: GenerationChunk[] = [];
    const result = await runtime
      .generate(story, {
        onChunk: (c) => {
          chunks.push(c);
          events.push('chunk');
        },
      })
      .finally(() => events.push('done'));
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(events.indexOf('done')).toBe(events.length - 1);
    expect(chunks.every((c) => c.kind === 'answer')).toBe(true);
    expect(chunks.map((c) => c.text).join('').trim()).toBe(result.answer);
    expect(result).toMatchObject({ thoughts: '', stopReason: 'maxTokens', model: { sha256: tinyModelSha256, gpuLayers: 0, threads: 1 } });
    expect(result.tokens.generated).toBeGreaterThanOrEqual(story.maxTokens - 1);
    expect(result.tokens.prompt).toBeGreaterThan(0);
  });

  it('streams as an async iterator, and stopping the loop cancels the job', async () => {
    const texts: string[] = [];
    const s = runtime.stream(story);
    for await (const c of s) texts.push(c.text);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    expect((await s.result).answer).toBe(texts.join('').trim());

    const early = runtime.stream({ ...story, maxTokens: 500 });
    let seen = 0;
    for await (const _c of early) if ((seen += 1) === 2) break;
    await expect(early.result).rejects.toBeInstanceOf(GenerationAbortedError);
    expect((await runtime.generate({ ...story, maxTokens: 4 })).stopReason).toBe('maxTokens');
  });

  const schema = {
    type: 'object',
    properties: {
      diagnosis: { type: 'string', maxLength: 24 },
      confidence: { type: 'number' },
      inheritance: { enum: ['AD', 'AR', 'XL', 'unknown'] },
      genes: { type: 'array', items: { type: 'string', maxLength: 8 }, maxItems: 2 },
    },
  } as const;

  it('returns JSON-schema constrained output, parsed and matching the schema', async () => {
    const result = await runtime.generateJson({ system: 'Answer in JSON.', prompt: 'Which disease?', maxTokens: 160, schema });
    const v = result.value;
    expect(JSON.parse(result.answer)).toEqual(v);
    expect(Object.keys(v).sort()).toEqual(['confidence', 'diagnosis', 'genes', 'inheritance']);
    expect(typeof v.diagnosis).toBe('string');
    expect(v.diagnosis.length).toBeLessThanOrEqual(24);
    expect(typeof v.confidence).toBe('number');
    expect(['AD', 'AR', 'XL', 'unknown']).toContain(v.inheritance);
    expect(Array.isArray(v.genes) && v.genes.length <= 2 && v.genes.every((g) => typeof g === 'string')).toBe(true);
  });

  it('keeps free reasoning apart from the JSON answer when asked to reason first', async () => {
    const chunks: GenerationChunk[] = [];
    const result = await runtime.generateJson({ prompt: 'Think about it.', maxTokens: 160, schema, reasoning: { maxTokens: 12 } }, { onChunk: (c) => chunks.push(c) });
    expect(result.thoughts.length).toBeGreaterThan(0);
    expect(JSON.parse(result.answer)).toEqual(result.value);
    const firstAnswer = chunks.findIndex((c) => c.kind === 'answer');
    expect(firstAnswer).toBeGreaterThan(0);
    expect(chunks.slice(0, firstAnswer).every((c) => c.kind === 'thought')).toBe(true);
    expect(chunks.slice(firstAnswer).every((c) => c.kind === 'answer')).toBe(true);
  });

  it('rejects with JsonOutputError when maxTokens cuts the JSON short', async () => {
    const err = await runtime.generateJson({ prompt: 'Which disease?', maxTokens: 3, schema }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JsonOutputError);
    expect((err as JsonOutputError).stopReason).toBe('maxTokens');
    expect((err as Error).message).toMatch(/stopped at maxTokens before the JSON was complete/);
  });

  it('cancels mid-generation with an AbortSignal; the next job still runs', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const started = performance.now();
    const aborted = runtime.generate({ ...story, maxTokens: 1500 }, {
      signal: controller.signal,
      onChunk: () => {
        if ((chunks += 1) === 3) controller.abort(new Error('clinician closed the case'));
      },
    });
    const err = await aborted.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenerationAbortedError);
    expect((err as Error).message).toBe('generation aborted: clinician closed the case');
    expect(chunks).toBeLessThan(10);
    expect(performance.now() - started).toBeLessThan(3000);
    const next = await runtime.generate(story);
    expect(next.stopReason).toBe('maxTokens');
    expect(next.answer.length).toBeGreaterThan(0);
  });

  it('times out a long generation; the next job still runs', async () => {
    const started = performance.now();
    const err = await runtime.generate({ ...story, maxTokens: 1500 }, { timeoutMs: 40 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenerationTimeoutError);
    expect((err as Error).message).toBe('generation timed out after 40 ms');
    expect(performance.now() - started).toBeLessThan(3000);
    expect((await runtime.generate(story)).stopReason).toBe('maxTokens');
  });

  it('runs queued jobs one after the other, in order; a job aborted while waiting leaves at once', async () => {
    const log: string[] = [];
    const track = (name: string) => (c: GenerationChunk) => log.push(`${name}:${c.kind}`);
    const a = runtime.generate({ ...story, maxTokens: 40 }, { onChunk: track('a') }).then((r) => (log.push('a:done'), r));
    const waiting = new AbortController();
    const dropped = runtime.generate(story, { signal: waiting.signal, onChunk: track('dropped') });
    const b = runtime.generate({ ...story, prompt: 'The little dog' }, { onChunk: track('b') }).then((r) => (log.push('b:done'), r));
    expect(runtime.pendingJobs).toBe(2);
    waiting.abort();
    await expect(dropped).rejects.toBeInstanceOf(GenerationAbortedError);
    const [ra, rb] = await Promise.all([a, b]);
    const lastA = log.lastIndexOf('a:done');
    const firstB = log.findIndex((e) => e.startsWith('b:'));
    expect(log.filter((e) => e.startsWith('a:answer')).length).toBeGreaterThanOrEqual(3);
    expect(firstB).toBeGreaterThan(lastA);
    expect(log.some((e) => e.startsWith('dropped'))).toBe(false);
    expect(rb.timing.queuedMs).toBeGreaterThanOrEqual(ra.timing.runMs - 5);
  });

  it('queues a JSON job at the call, before a generation asked for right after it', async () => {
    const order: string[] = [];
    const json = runtime.generateJson({ prompt: 'Which disease?', maxTokens: 160, schema }, { onChunk: () => order.push('json') });
    const text = runtime.generate(story, { onChunk: () => order.push('text') });
    await Promise.all([json, text]);
    expect(order.indexOf('text')).toBeGreaterThan(order.lastIndexOf('json'));
  });

  it('has grown the context for the longer jobs above, and refuses one beyond the trained context', async () => {
    // loaded with 512; the 1500-token jobs needed the whole trained context
    expect(runtime.loadedModel?.contextSize).toBe(2048);
    await expect(runtime.generate({ ...story, maxTokens: 5000 })).rejects.toBeInstanceOf(PromptTooLongError);
  });

  it('measures prompt and generation tokens per second', async () => {
    const report = await measureThroughput(runtime, { threads: [1], promptTokens: 64, generatedTokens: 16, runs: 1 });
    expect(report.byThreads).toHaveLength(1);
    expect(report.byThreads[0]!.promptTokensPerSecond).toBeGreaterThan(0);
    expect(report.byThreads[0]!.generationTokensPerSecond).toBeGreaterThan(0);
    expect(report.model.sha256).toBe(tinyModelSha256);
    expect(report.hardware.backend).toBe('cpu');
  });
});

import { resolve } from 'node:path';
import { parsePhenopacketCase } from '../../diagnosis/case-input/phenopacket-input.js';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import { SYSTEM_PROMPT, reasoningPrompt } from '../../diagnosis/reasoning/reasoning-prompt.js';
import { ModelRegistry } from '../../native-models/registry/model-registry.js';
import { formatTable } from '../cli/format-table.js';
import { median, percentile } from './stats.js';

export interface ReasoningBenchOptions {
  input: string;
  snapshot: string;
  cases: number;
  /** registry id, or a GGUF path; default: the tiny test model */
  model?: string;
  modelStore: string;
  threads: number[];
  json: boolean;
}

/**
 * `rarediag bench reasoning`: evidence-pack build time per case (median, p95) over phenopackets, the prompt size in
 * tokens of the model's own tokenizer (and in characters), and prompt / generation tokens per second on this machine.
 */
export async function runReasoningBench(o: ReasoningBenchOptions): Promise<void> {
  const session = await KnowledgeSession.open(o.snapshot);
  const t0 = performance.now();
  await session.diseaseTextIndex();
  const indexMs = performance.now() - t0;
  const packMs: number[] = [];
  const prompts: string[] = [];
  for await (const rec of readJsonRecords(resolve(o.input))) {
    if (prompts.length >= o.cases) break;
    const parsed = parsePhenopacketCase(rec.ok ? rec.value : undefined);
    if (!parsed.ok || parsed.findings.present.length === 0) continue;
    // explain 0: the pack builder explains its candidates itself, so its time includes the explanations as before
    const run = await runCase(session, runInputsOfFindings(parsed.findings), { top: 20, explain: 0, evidencePack: true });
    packMs.push(run.timings['evidencePackMs']!);
    prompts.push(`${SYSTEM_PROMPT}\n${reasoningPrompt(run.evidencePack!)}`);
  }
  await session.close();

  const { ModelRuntime } = await import('../../native-models/runtime/model-runtime.js');
  const { measureThroughput } = await import('../../native-models/runtime/throughput-benchmark.js');
  const runtime = await ModelRuntime.start({ threads: o.threads[0] ?? 1 });
  let modelId = o.model ?? 'stories260K (tests)';
  try {
    if (o.model && !o.model.endsWith('.gguf')) {
      const registry = new ModelRegistry(o.modelStore);
      const entry = await registry.resolve(o.model);
      await runtime.loadModel({ path: registry.pathOf(entry), id: entry.id, sha256: entry.sha256 });
    } else {
      await runtime.loadModel({ path: resolve(o.model ?? '../shared/models/stories260K.gguf'), id: modelId });
    }
    modelId = runtime.loadedModel?.id ?? modelId;
    const tokens = await runtime.withModel(async ({ model }) => prompts.map((p) => model.tokenize(p).length));
    const throughput = await measureThroughput(runtime, { threads: o.threads });
    const figures = {
      cases: packMs.length,
      textIndexBuildMs: indexMs,
      packBuildMs: { median: median(packMs), p95: percentile(packMs, 95) },
      promptTokens: { model: modelId, median: median(tokens), max: Math.max(...tokens) },
      promptChars: { median: median(prompts.map((p) => p.length)) },
      throughput: throughput.byThreads.map((b) => ({ threads: b.threads, prompt: b.promptTokensPerSecond, generation: b.generationTokensPerSecond })),
      hardware: runtime.hardware,
    };
    if (o.json) {
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      `${formatTable(
        ['measure', 'value', 'target'],
        [
          ['cases', String(figures.cases), ''],
          ['full-text index build (ms, once per process)', indexMs.toFixed(0), ''],
          ['evidence pack build per case (ms, median / p95)', `${figures.packBuildMs.median.toFixed(1)} / ${figures.packBuildMs.p95.toFixed(1)}`, '<= 100'],
          [`prompt size, tokens of ${modelId} (median / max)`, `${figures.promptTokens.median} / ${figures.promptTokens.max}`, ''],
          ['prompt size, characters (median)', String(figures.promptChars.median), ''],
          ...figures.throughput.flatMap((t) => [
            [`prompt processing, tokens/s (${t.threads} thread${t.threads > 1 ? 's' : ''})`, t.prompt.toFixed(0), ''],
            [`generation, tokens/s (${t.threads} thread${t.threads > 1 ? 's' : ''})`, t.generation.toFixed(0), ''],
          ]),
          ['hardware', `${runtime.hardware.backend}, ${runtime.hardware.cpu.model}`.slice(0, 60), ''],
        ],
        ['l', 'r', 'r'],
      )}\n`,
    );
  } finally {
    await runtime.dispose();
  }
}

import { join } from 'node:path';
import type { ReasoningRequest } from '../../diagnosis/pipeline/run-types.js';
import { dataHome } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { ModelRegistry } from '../../native-models/registry/model-registry.js';
import type { GenerationChunk, ModelRuntime } from '../../native-models/runtime/model-runtime.js';

export interface ModelOptions {
  model?: string;
  threads?: string;
  maxTokens: string;
  timeout: string;
}

/**
 * The local model for one command: a runtime started with explicit threads, the registry of `<data home>/models`, and
 * the model's streamed output on stderr (thinking and answer marked). node-llama-cpp is loaded only when a command
 * asks for a model (it costs ~0.3 s at start-up).
 */
export async function startModelRequest(opts: ModelOptions): Promise<{ request: ReasoningRequest; runtime: ModelRuntime }> {
  const { ModelRuntime } = await import('../../native-models/runtime/model-runtime.js');
  const runtime = await ModelRuntime.start({ threads: opts.threads ? Number(opts.threads) : undefined });
  process.stderr.write(`local model on ${runtime.hardware.backend}, ${runtime.threads} thread(s)\n`);
  let lastKind = '';
  const onChunk = (c: GenerationChunk) => {
    if (c.kind !== lastKind) process.stderr.write(`\n[${c.kind === 'thought' ? 'thinking' : 'answer'}] `);
    lastKind = c.kind;
    process.stderr.write(c.text);
  };
  const request: ReasoningRequest = {
    runtime,
    registry: new ModelRegistry(join(dataHome(), 'models')),
    modelId: opts.model,
    maxTokens: Number(opts.maxTokens),
    timeoutMs: Number(opts.timeout) * 1000,
    onChunk,
  };
  return { request, runtime };
}

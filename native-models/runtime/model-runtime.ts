import {
  InsufficientMemoryError,
  LlamaChatSession,
  LlamaLogLevel,
  type GbnfJsonSchema,
  type GbnfJsonSchemaToType,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaJsonSchemaGrammar,
  type LlamaModel,
} from 'node-llama-cpp';
import { readGgufHeader } from '../registry/gguf-header.js';
import { ModelFileError } from '../registry/model-file-error.js';
import { ChunkChannel } from './chunk-channel.js';
import { contextSizeFor, initialContextSize } from './context-size.js';
import { GenerationAbortedError, JsonOutputError, NoModelLoadedError, RuntimeDisposedError } from './generation-errors.js';
import { describeHardware, type HardwareDescription } from './hardware-description.js';
import { JobCancellation } from './job-cancellation.js';
import { JobQueue } from './job-queue.js';
import { sharedLlama, stderrLogger, type GpuChoice, type LlamaLogger } from './llama-instance.js';
import { defaultThreadCount } from './thread-count.js';
import { splitThoughts, ThinkTagSplitter, type ChunkKind } from './think-tag-splitter.js';

/** A JSON schema the model's answer is constrained to (llama.cpp grammar); the runtime's own name for it. */
export type OutputJsonSchema = GbnfJsonSchema;

export interface RuntimeOptions {
  /** CPU threads per context; default min(2, cores) */
  threads?: number;
  /** 'auto' (default): CUDA, Vulkan or Metal when present, else CPU; false: CPU only */
  gpu?: GpuChoice;
  /** llama.cpp's log lines (default: errors to stderr) */
  logger?: LlamaLogger;
}

export interface ModelToLoad {
  path: string;
  /** registry id, recorded with every run */
  id?: string;
  sha256?: string;
}

export interface LoadOptions {
  /** context to create now (capped at the trained context; grown later when a job needs more) */
  contextSize?: number;
  /** layers to offload to the GPU; 'auto' (default) fits as many as the free VRAM allows */
  gpuLayers?: 'auto' | number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface LoadedModelInfo {
  id: string;
  path: string;
  sha256: string | null;
  trainedContext: number;
  contextSize: number;
  gpuLayers: number;
  totalLayers: number;
  /** node-llama-cpp's chat wrapper for the model's template, e.g. "Llama3_1", "ChatML", "Qwen" */
  chatWrapper: string;
  threads: number;
  loadMs: number;
}

export interface GenerationRequest {
  system?: string;
  prompt: string;
  /** tokens the model may generate, thoughts included */
  maxTokens: number;
  /** 0 (default): greedy, the same output on every run */
  temperature?: number;
  seed?: number;
  /** the chat template opens the <think> block itself, so the output starts inside a thought */
  startsInThought?: boolean;
}

export interface JsonGenerationRequest<S> extends GenerationRequest {
  /** the JSON schema the answer must match (node-llama-cpp's GBNF subset of JSON Schema) */
  schema: S;
  /**
   * Let the model reason freely first, then ask for the JSON in a second turn. A grammar constrains output from
   * its first token, so without this a reasoning model skips its thoughts. The reasoning text becomes `thoughts`.
   */
  reasoning?: { maxTokens: number; instruction?: string };
}

export interface GenerationChunk {
  /** thoughts (reasoning segments, <think> blocks) are never mixed into the answer */
  kind: ChunkKind;
  text: string;
}

export interface JobOptions {
  signal?: AbortSignal;
  /** from the moment the job starts running */
  timeoutMs?: number;
  onChunk?: (chunk: GenerationChunk) => void;
}

export interface GenerationResult {
  answer: string;
  thoughts: string;
  /** eogToken (the model ended), maxTokens, stopGenerationTrigger, ... */
  stopReason: string;
  tokens: { prompt: number; generated: number };
  timing: { queuedMs: number; runMs: number };
  model: { id: string; sha256: string | null; gpuLayers: number; contextSize: number; threads: number };
}

export interface JsonGenerationResult<T> extends GenerationResult {
  value: T;
}

export interface GenerationStream extends AsyncIterable<GenerationChunk> {
  result: Promise<GenerationResult>;
}

/** Exclusive access to the loaded model, for work that is not a chat generation (benchmarks, embeddings). */
export interface ModelAccess {
  llama: Llama;
  model: LlamaModel;
  info: LoadedModelInfo;
  signal: AbortSignal;
}

interface Loaded {
  info: LoadedModelInfo;
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
}

interface Phase {
  prompt: string;
  maxTokens: number;
  grammar?: LlamaGrammar;
  /** every chunk of this phase is a thought (the free reasoning before a JSON answer) */
  allThought?: boolean;
}

/**
 * The local LLM: one llama.cpp instance, one model loaded at a time, and a FIFO queue of jobs (load, generate,
 * unload) that run one after another. Every job can be aborted with an AbortSignal or a timeout; a cancelled job
 * rejects with a GenerationCancelledError and the next job starts. Generations stream answer and thought chunks
 * separately.
 */
export class ModelRuntime {
  private readonly queue = new JobQueue();
  private loaded: Loaded | undefined;
  private disposed = false;
  private readonly grammars = new Map<string, Promise<LlamaJsonSchemaGrammar<GbnfJsonSchema>>>();
  private loadErrors: string[] | undefined;

  private constructor(
    readonly llama: Llama,
    readonly threads: number,
    /** the machine as it was when the runtime started; store it with every run */
    readonly hardware: HardwareDescription,
  ) {}

  static async start(options: RuntimeOptions = {}): Promise<ModelRuntime> {
    const threads = options.threads ?? defaultThreadCount();
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, not ${threads}`);
    const llama = await sharedLlama({ gpu: options.gpu });
    const runtime = new ModelRuntime(llama, threads, await describeHardware(llama, threads));
    const forward = options.logger ?? stderrLogger;
    llama.logger = (level, message) => {
      // while a model loads, llama.cpp's errors are kept for the error message (node-llama-cpp's own is generic)
      if (runtime.loadErrors && (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal)) runtime.loadErrors.push(message.trim());
      else forward(level, message);
    };
    return runtime;
  }

  get loadedModel(): LoadedModelInfo | undefined {
    return this.loaded?.info;
  }

  /** Jobs waiting behind the running one. */
  get pendingJobs(): number {
    return this.queue.pending;
  }

  /** Loads a model (after the jobs queued before it), unloading the previous one first. */
  loadModel(target: ModelToLoad, options: LoadOptions = {}): Promise<LoadedModelInfo> {
    return this.enqueue({ signal: options.signal }, async (signal) => {
      await this.unloadNow();
      // our header check names a missing, foreign or truncated file before llama.cpp maps it
      await readGgufHeader(target.path);
      const started = performance.now();
      let model: LlamaModel;
      this.loadErrors = [];
      try {
        model = await this.llama.loadModel({
          modelPath: target.path,
          gpuLayers: options.gpuLayers ?? 'auto',
          onLoadProgress: options.onProgress,
          loadSignal: signal,
        });
      } catch (err) {
        if (signal.aborted || err instanceof InsufficientMemoryError) throw err;
        await new Promise((r) => setImmediate(r)); // node-llama-cpp delivers log lines in a later tick
        const why = [...new Set(this.loadErrors)].join('; ') || (err as Error).message;
        throw new ModelFileError(target.path, `llama.cpp cannot load this model: ${why}`, { cause: err });
      } finally {
        this.loadErrors = undefined;
      }
      try {
        const trainedContext = model.trainContextSize;
        const context = await model.createContext({ contextSize: initialContextSize(trainedContext, options.contextSize), threads: this.threads });
        const sequence = context.getSequence();
        const probe = new LlamaChatSession({ contextSequence: sequence });
        const chatWrapper = probe.chatWrapper.wrapperName;
        probe.dispose({ disposeSequence: false });
        const info: LoadedModelInfo = {
          id: target.id ?? model.filename ?? target.path,
          path: target.path,
          sha256: target.sha256 ?? null,
          trainedContext,
          contextSize: context.contextSize,
          gpuLayers: model.gpuLayers,
          totalLayers: model.fileInsights.totalLayers,
          chatWrapper,
          threads: this.threads,
          loadMs: Math.round(performance.now() - started),
        };
        this.loaded = { info, model, context, sequence };
        return { ...info };
      } catch (err) {
        await model.dispose();
        throw err;
      }
    });
  }

  /** Frees the model (after the jobs queued before). */
  unloadModel(): Promise<void> {
    return this.enqueue({}, () => this.unloadNow());
  }

  /** A free-text generation: the answer and the thoughts, kept apart. */
  generate(request: GenerationRequest, options: JobOptions = {}): Promise<GenerationResult> {
    return this.chatJob(request, options, async () => [{ prompt: request.prompt, maxTokens: request.maxTokens }]);
  }

  /** Like generate, as an async iterator of chunks; breaking out of the loop cancels the job. */
  stream(request: GenerationRequest, options: Omit<JobOptions, 'onChunk'> = {}): GenerationStream {
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    const channel = new ChunkChannel<GenerationChunk>(() => stop.abort(new GenerationAbortedError('the stream consumer stopped reading')));
    const result = this.generate(request, { ...options, signal, onChunk: (c) => channel.push(c) });
    result.then(
      () => channel.close(),
      (err: unknown) => channel.fail(err),
    );
    // a consumer that only iterates learns of a failure from the iterator; do not let `result` go unhandled too
    result.catch(() => undefined);
    return { [Symbol.asyncIterator]: () => channel[Symbol.asyncIterator](), result };
  }

  /**
   * A generation constrained by a JSON schema (a llama.cpp grammar), parsed and checked against the schema.
   * Rejects with JsonOutputError if the output is incomplete (maxTokens too small) or does not match.
   */
  async generateJson<const S extends GbnfJsonSchema>(request: JsonGenerationRequest<S>, options: JobOptions = {}): Promise<JsonGenerationResult<GbnfJsonSchemaToType<S>>> {
    let grammar: LlamaJsonSchemaGrammar<GbnfJsonSchema> | undefined;
    // the grammar is built inside the job, so the job takes its place in the queue at the call
    const result = await this.chatJob(request, options, async () => {
      grammar = await this.grammarFor(request.schema);
      const json: Phase = { prompt: request.prompt, maxTokens: request.maxTokens, grammar };
      if (!request.reasoning) return [json];
      const instruction = request.reasoning.instruction ?? 'Now give your final answer as JSON only.';
      return [{ prompt: request.prompt, maxTokens: request.reasoning.maxTokens, allThought: true }, { ...json, prompt: instruction }];
    });
    if (!grammar) throw new Error('unreachable: the grammar is built before the generation');
    let value: unknown;
    try {
      value = grammar.parse(result.answer);
    } catch (err) {
      throw new JsonOutputError(result.answer, result.stopReason, { cause: err });
    }
    return { ...result, value: value as GbnfJsonSchemaToType<S> };
  }

  /** Runs work with exclusive use of the loaded model, in queue order. */
  withModel<T>(work: (access: ModelAccess) => Promise<T>, options: Omit<JobOptions, 'onChunk'> = {}): Promise<T> {
    return this.enqueue(options, (signal) => {
      const loaded = this.requireLoaded();
      return work({ llama: this.llama, model: loaded.model, info: { ...loaded.info }, signal });
    });
  }

  /**
   * Finishes the queued jobs, then frees the model and its context. The runtime takes no new jobs. llama.cpp itself
   * stays up for the process (see sharedLlama).
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    const last = this.enqueue({}, () => this.unloadNow());
    this.disposed = true;
    await last;
  }

  private async chatJob(request: GenerationRequest, options: JobOptions, plan: () => Promise<Phase[]>): Promise<GenerationResult> {
    const queuedAt = performance.now();
    return this.enqueue(options, async (signal) => {
      const startedAt = performance.now();
      const phases = await plan();
      const loaded = await this.fitContext(request, phases);
      const session = new LlamaChatSession({ contextSequence: loaded.sequence, systemPrompt: request.system });
      if (request.system === undefined) session.setChatHistory([]); // no default "helpful assistant" system prompt
      const meter = loaded.sequence.tokenMeter.getState();
      const emit = (kind: ChunkKind, text: string) => {
        if (text) options.onChunk?.({ kind, text });
      };
      const thoughts: string[] = [];
      let answer = '';
      let stopReason = '';
      try {
        for (const phase of phases) {
          const splitter = phase.grammar ? undefined : new ThinkTagSplitter({ startInThought: request.startsInThought });
          const segments: string[] = [];
          const response = await session.promptWithMeta(phase.prompt, {
            maxTokens: phase.maxTokens,
            temperature: request.temperature ?? 0,
            seed: request.seed,
            grammar: phase.grammar,
            signal,
            onResponseChunk: (chunk) => {
              if (chunk.type === 'segment') {
                // thought and comment segments of reasoning chat wrappers: never part of the answer
                segments.push(chunk.text);
                emit('thought', chunk.text);
              } else if (!splitter) emit(phase.allThought ? 'thought' : 'answer', chunk.text);
              else for (const p of splitter.push(chunk.text)) emit(phase.allThought ? 'thought' : p.kind, p.text);
            },
          });
          for (const p of splitter?.flush() ?? []) emit(phase.allThought ? 'thought' : p.kind, p.text);
          const split = phase.grammar ? { thoughts: '', answer: response.responseText.trim() } : splitThoughts(response.responseText, { startInThought: request.startsInThought });
          thoughts.push(segments.join('').trim(), split.thoughts, phase.allThought ? split.answer : '');
          if (!phase.allThought) answer = split.answer;
          stopReason = response.stopReason;
        }
      } catch (err) {
        // a cancelled evaluation may leave half a turn in the sequence: start the next job from a clean state
        await loaded.sequence.clearHistory().catch(() => undefined);
        throw err;
      } finally {
        session.dispose({ disposeSequence: false });
      }
      const used = loaded.sequence.tokenMeter.diff(meter);
      const { info } = loaded;
      return {
        answer,
        thoughts: thoughts.filter(Boolean).join('\n\n'),
        stopReason,
        tokens: { prompt: used.usedInputTokens, generated: used.usedOutputTokens },
        timing: { queuedMs: Math.round(startedAt - queuedAt), runMs: Math.round(performance.now() - startedAt) },
        model: { id: info.id, sha256: info.sha256, gpuLayers: info.gpuLayers, contextSize: info.contextSize, threads: info.threads },
      };
    });
  }

  /** Grows the context when this job needs more than the current one holds (never beyond the trained context). */
  private async fitContext(request: GenerationRequest, phases: Phase[]): Promise<Loaded> {
    const loaded = this.requireLoaded();
    const text = [request.system ?? '', ...phases.map((p) => p.prompt)].join('\n');
    const size = contextSizeFor({
      promptTokens: loaded.model.tokenize(text).length,
      maxOutputTokens: phases.reduce((a, p) => a + p.maxTokens, 0),
      trainedContext: loaded.info.trainedContext,
    });
    if (loaded.context.contextSize < size) {
      await loaded.context.dispose();
      loaded.context = await loaded.model.createContext({ contextSize: size, threads: this.threads });
      loaded.sequence = loaded.context.getSequence();
      loaded.info.contextSize = loaded.context.contextSize;
    }
    return loaded;
  }

  private grammarFor<S extends GbnfJsonSchema>(schema: S): Promise<LlamaJsonSchemaGrammar<GbnfJsonSchema>> {
    const key = JSON.stringify(schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      // the method's generic signature cannot be inferred for a schema typed only as GbnfJsonSchema
      const create = this.llama.createGrammarForJsonSchema.bind(this.llama) as unknown as (s: GbnfJsonSchema) => Promise<LlamaJsonSchemaGrammar<GbnfJsonSchema>>;
      grammar = create(schema);
      grammar.catch(() => this.grammars.delete(key));
      this.grammars.set(key, grammar);
    }
    return grammar;
  }

  /** Queues a job with its abort signal and timeout; a cancelled job rejects with its GenerationCancelledError. */
  private enqueue<T>(options: { signal?: AbortSignal; timeoutMs?: number }, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new RuntimeDisposedError());
    const cancel = new JobCancellation(options.signal, options.timeoutMs);
    return this.queue
      .run(async () => {
        cancel.start();
        try {
          return await work(cancel.signal);
        } catch (err) {
          throw cancel.error ?? err;
        }
      }, cancel.signal)
      .finally(() => cancel.dispose());
  }

  private requireLoaded(): Loaded {
    if (!this.loaded) throw new NoModelLoadedError();
    return this.loaded;
  }

  private async unloadNow(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = undefined;
    if (!loaded) return;
    await loaded.context.dispose();
    await loaded.model.dispose();
  }
}

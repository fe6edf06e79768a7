import type { HardwareDescription } from '../../native-models/runtime/hardware-description.js';
import type { GenerationChunk, ModelRuntime, OutputJsonSchema } from '../../native-models/runtime/model-runtime.js';
import type { PhenotypeModel } from '../ranking/phenotype-model.js';
import { fuseDifferential, type FusedCandidate } from './differential-fusion.js';
import type { EvidencePack } from './evidence-pack.js';
import { SYSTEM_PROMPT, reasoningPrompt } from './reasoning-prompt.js';
import { reasoningAnswerSchema, reasoningJsonSchema, type ReasoningAnswer } from './reasoning-schema.js';
import { verifyAnswer, type VerifiedAnswer } from './reasoning-verifier.js';
import { fitPackToContext } from './fit-pack.js';

export interface ReasoningOptions {
  maxTokens?: number;
  /** let a reasoning model think before the JSON answer (tokens for the thinking turn) */
  thinkingTokens?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  onChunk?: (chunk: GenerationChunk) => void;
}

/** Everything a run of the reasoning step produced, to show and to store with the case. */
export interface ReasoningRun {
  model: { id: string; sha256: string | null; gpuLayers: number; contextSize: number; threads: number };
  hardware: HardwareDescription;
  prompt: { system: string; user: string; tokens: number };
  /** the pack the model saw (trimmed to its context when needed) and what was left out */
  packSeen: EvidencePack;
  trimmed: string[];
  thoughts: string;
  rawAnswer: string;
  /** the answer as the model gave it (schema-valid), before verification */
  answer?: ReasoningAnswer;
  verified?: VerifiedAnswer;
  /** the deterministic ranking fused with the verified LLM ranking; equals the deterministic order if the model failed */
  fused: FusedCandidate[];
  stopReason: string;
  generatedTokens: number;
  generationMs: number;
  error?: string;
}

/**
 * Asks the loaded model to reason over the evidence pack, constrained to a JSON schema whose ids are enums of the
 * pack; verifies the answer; fuses it with the deterministic ranking. A failed or unusable answer is reported, and
 * the deterministic result stands on its own.
 */
export async function reasonAboutCase(runtime: ModelRuntime, model: PhenotypeModel, fullPack: EvidencePack, options: ReasoningOptions = {}): Promise<ReasoningRun> {
  let maxTokens = options.maxTokens ?? 768;
  // Fit the pack to the model's trained context, leaving room for the answer (and the thinking turn); a small model
  // gets a shorter answer budget rather than no answer (never below a quarter of its context).
  const fitted = await runtime.withModel(async ({ model: llm, info }) => {
    // margin for the chat template's own tokens, which the runtime counts and the prompt text does not show
    const context = info.trainedContext - (options.thinkingTokens ?? 0) - 64 - Math.ceil(info.trainedContext * 0.05);
    maxTokens = Math.min(maxTokens, Math.max(128, Math.floor(context / 4)));
    const fit = fitPackToContext(fullPack, (text) => llm.tokenize(text).length, context - maxTokens);
    maxTokens = Math.max(maxTokens, Math.min(options.maxTokens ?? 768, context - fit.promptTokens));
    return fit;
  });
  const pack = fitted.pack;
  const user = reasoningPrompt(pack);
  const base = {
    hardware: runtime.hardware,
    prompt: { system: SYSTEM_PROMPT, user, tokens: fitted.promptTokens },
    packSeen: pack,
    trimmed: fitted.trimmed,
    thoughts: '',
    rawAnswer: '',
    stopReason: '',
    generatedTokens: 0,
    generationMs: 0,
  };
  const loaded = runtime.loadedModel;
  const modelInfo = loaded
    ? { id: loaded.id, sha256: loaded.sha256, gpuLayers: loaded.gpuLayers, contextSize: loaded.contextSize, threads: loaded.threads }
    : { id: 'none', sha256: null, gpuLayers: 0, contextSize: 0, threads: runtime.threads };
  try {
    const result = await runtime.generateJson(
      {
        system: SYSTEM_PROMPT,
        prompt: user,
        maxTokens,
        schema: reasoningJsonSchema(pack) as unknown as OutputJsonSchema,
        reasoning: options.thinkingTokens ? { maxTokens: options.thinkingTokens } : undefined,
      },
      { signal: options.signal, timeoutMs: options.timeoutMs, onChunk: options.onChunk },
    );
    const parsed = reasoningAnswerSchema.safeParse(result.value);
    const run: ReasoningRun = {
      ...base,
      model: result.model,
      prompt: { ...base.prompt, tokens: result.tokens.prompt },
      thoughts: result.thoughts,
      rawAnswer: result.answer,
      stopReason: result.stopReason,
      generatedTokens: result.tokens.generated,
      generationMs: result.timing.runMs,
      fused: fuseDifferential(pack, undefined),
    };
    if (!parsed.success) {
      run.error = `the answer does not match the schema: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`;
      return run;
    }
    run.answer = parsed.data;
    run.verified = verifyAnswer(parsed.data, pack, model);
    run.fused = fuseDifferential(pack, run.verified);
    return run;
  } catch (err) {
    return { ...base, model: modelInfo, fused: fuseDifferential(pack, undefined), error: err instanceof Error ? err.message : String(err) };
  }
}

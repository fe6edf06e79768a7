import type { Token } from 'node-llama-cpp';
import type { HardwareDescription } from './hardware-description.js';
import type { LoadedModelInfo, ModelRuntime } from './model-runtime.js';

export interface ThroughputOptions {
  /** thread counts to measure, each in its own context (default: the runtime's) */
  threads?: number[];
  /** prompt length for the prompt-processing figure (default 256) */
  promptTokens?: number;
  /** tokens generated for the generation figure (default 64) */
  generatedTokens?: number;
  /** measured runs per thread count, after one warm-up (default 3) */
  runs?: number;
}

export interface ThroughputFigures {
  threads: number;
  /** medians over the runs */
  promptTokensPerSecond: number;
  generationTokensPerSecond: number;
  runs: { promptTokensPerSecond: number; generationTokensPerSecond: number }[];
}

export interface ThroughputReport {
  model: LoadedModelInfo;
  hardware: HardwareDescription;
  promptTokens: number;
  generatedTokens: number;
  byThreads: ThroughputFigures[];
}

const filler =
  'A child with developmental delay, seizures and hypotonia was seen in clinic. The parents reported feeding ' +
  'difficulties since birth, and the examination found a broad forehead, a short nose and long fingers. ';

/**
 * Tokens per second of the loaded model on this machine: prompt processing (one batch evaluation of a prompt) and
 * generation (one token at a time, greedy, end-of-text ignored so every run generates the same count), each the
 * median of a few runs after a warm-up. Runs as a queue job, so it never overlaps a generation.
 */
export async function measureThroughput(runtime: ModelRuntime, options: ThroughputOptions = {}): Promise<ThroughputReport> {
  const promptLength = options.promptTokens ?? 256;
  const generated = options.generatedTokens ?? 64;
  const runs = options.runs ?? 3;
  return runtime.withModel(async ({ model, info, signal }) => {
    const base = model.tokenize(filler);
    const prompt: Token[] = Array.from({ length: promptLength }, (_, i) => base[i % base.length]!);
    const byThreads: ThroughputFigures[] = [];
    for (const threads of options.threads ?? [runtime.threads]) {
      const context = await model.createContext({ contextSize: Math.min(info.trainedContext, promptLength + generated + 256), threads });
      try {
        const sequence = context.getSequence();
        const samples: ThroughputFigures['runs'] = [];
        for (let run = 0; run <= runs; run += 1) {
          signal.throwIfAborted();
          await sequence.clearHistory();
          let t = performance.now();
          await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1));
          const promptMs = performance.now() - t;
          t = performance.now();
          let n = 0;
          for await (const _token of sequence.evaluate(prompt.slice(-1), { temperature: 0, yieldEogToken: true })) {
            if ((n += 1) >= generated) break;
          }
          const generationMs = performance.now() - t;
          // run 0 warms up (buffer allocation, caches) and is not counted
          if (run > 0) samples.push({ promptTokensPerSecond: round((prompt.length - 1) / (promptMs / 1000)), generationTokensPerSecond: round(n / (generationMs / 1000)) });
        }
        byThreads.push({
          threads,
          promptTokensPerSecond: median(samples.map((s) => s.promptTokensPerSecond)),
          generationTokensPerSecond: median(samples.map((s) => s.generationTokensPerSecond)),
          runs: samples,
        });
      } finally {
        await context.dispose();
      }
    }
    return { model: info, hardware: runtime.hardware, promptTokens: promptLength, generatedTokens: generated, byThreads };
  });
}

const round = (x: number) => Math.round(x * 10) / 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : round((s[m - 1]! + s[m]!) / 2);
}

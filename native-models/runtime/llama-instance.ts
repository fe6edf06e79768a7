import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';

export type GpuChoice = 'auto' | false;
export type LlamaLogger = (level: LlamaLogLevel, message: string) => void;

/** llama.cpp's own log lines: errors to stderr, the rest dropped (a GGUF's harmless token warnings are noise). */
export const stderrLogger: LlamaLogger = (level, message) => {
  if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) process.stderr.write(`llama.cpp: ${message.trimEnd()}\n`);
};

/**
 * Starts llama.cpp strictly offline: only the binaries installed with node-llama-cpp (a GPU build when its device
 * is present, else the CPU build); never a download or a source build (`build: 'never'`, `skipDownload`).
 * `maxThreads: 0` lets each context use exactly the threads it is given.
 */
async function startLlama(options: { gpu?: GpuChoice }): Promise<Llama> {
  return getLlama({
    gpu: options.gpu ?? 'auto',
    build: 'never',
    skipDownload: true,
    usePrebuiltBinaries: true,
    progressLogs: false,
    maxThreads: 0,
    logLevel: LlamaLogLevel.warn,
    logger: stderrLogger,
  });
}

const shared = new Map<string, Promise<Llama>>();

/**
 * One llama.cpp instance per process and GPU choice. A second instance in the same process shares the native
 * library's global state (its log callback, for one) with the first, so it is never created; the instance lives
 * until the process exits (node-llama-cpp frees it then). Set its `logger` to route llama.cpp's log lines.
 */
export async function sharedLlama(options: { gpu?: GpuChoice } = {}): Promise<Llama> {
  const key = String(options.gpu ?? 'auto');
  let llama = shared.get(key);
  if (!llama) {
    llama = startLlama(options);
    shared.set(key, llama);
    llama.catch(() => shared.delete(key));
  }
  return llama;
}

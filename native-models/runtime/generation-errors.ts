// The errors a generation job can end with, so callers (pipeline, IPC, CLI) can tell a cancelled job from a failure
// without parsing messages.

/** The job did not run to its end because someone stopped it; the queue has already moved on. */
export class GenerationCancelledError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GenerationCancelledError';
  }
}

/** The caller's AbortSignal fired (while the job waited in the queue or while it ran). */
export class GenerationAbortedError extends GenerationCancelledError {
  constructor(reason?: unknown) {
    const why = reason instanceof Error ? `: ${reason.message}` : typeof reason === 'string' ? `: ${reason}` : '';
    super(`generation aborted${why}`, { cause: reason });
    this.name = 'GenerationAbortedError';
  }
}

/** The job ran longer than its timeout (counted from when it started running, not from when it was queued). */
export class GenerationTimeoutError extends GenerationCancelledError {
  readonly timeoutMs: number | undefined;

  constructor(timeoutMs: number | undefined, options?: { cause?: unknown }) {
    super(timeoutMs === undefined ? 'generation timed out' : `generation timed out after ${timeoutMs} ms`, options);
    this.name = 'GenerationTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The prompt plus the tokens asked for do not fit in the context the model was trained with. */
export class PromptTooLongError extends Error {
  constructor(
    readonly neededTokens: number,
    readonly trainedContext: number,
  ) {
    super(`prompt and output need about ${neededTokens} tokens but the model's context is ${trainedContext} tokens: shorten the prompt or lower maxTokens`);
    this.name = 'PromptTooLongError';
  }
}

/** A generation was asked for before any model was loaded (or after it was unloaded). */
export class NoModelLoadedError extends Error {
  constructor() {
    super('no model is loaded: call loadModel first');
    this.name = 'NoModelLoadedError';
  }
}

/** The runtime was disposed; it takes no more jobs. */
export class RuntimeDisposedError extends Error {
  constructor() {
    super('the model runtime was disposed');
    this.name = 'RuntimeDisposedError';
  }
}

/** A JSON-schema constrained generation gave text that is not a complete value of the schema (usually: maxTokens hit). */
export class JsonOutputError extends Error {
  constructor(
    readonly text: string,
    readonly stopReason: string,
    options?: { cause?: unknown },
  ) {
    const why = stopReason === 'maxTokens' ? 'output stopped at maxTokens before the JSON was complete' : `output does not match the schema (${(options?.cause as Error | undefined)?.message ?? 'invalid JSON'})`;
    super(`${why}; got ${text.length > 200 ? `${text.slice(0, 200)}...` : JSON.stringify(text)}`, options);
    this.name = 'JsonOutputError';
  }
}

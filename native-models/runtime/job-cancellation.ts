import { GenerationAbortedError, GenerationTimeoutError, type GenerationCancelledError } from './generation-errors.js';

/**
 * One job's stop signal: the caller's AbortSignal, plus a timeout that starts when the job starts running (a job
 * waiting behind others is not timed out by the wait). The signal's reason is already the error the job rejects with.
 */
export class JobCancellation {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly onCallerAbort: () => void;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeoutMs: number | undefined,
  ) {
    this.signal = this.controller.signal;
    this.onCallerAbort = () => this.cancel(fromCallerReason(this.callerSignal?.reason));
    if (callerSignal?.aborted) this.onCallerAbort();
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** Starts the timeout clock; called when the job leaves the queue. */
  start(): void {
    if (this.timeoutMs !== undefined && !this.signal.aborted) {
      this.timer = setTimeout(() => this.cancel(new GenerationTimeoutError(this.timeoutMs)), this.timeoutMs);
    }
  }

  /** The error to reject with if the job was stopped. */
  get error(): GenerationCancelledError | undefined {
    return this.signal.aborted ? (this.signal.reason as GenerationCancelledError) : undefined;
  }

  /** Stops the job from inside (e.g. a stream consumer that stopped reading). */
  cancel(error: GenerationCancelledError): void {
    if (!this.signal.aborted) this.controller.abort(error);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** AbortSignal.timeout() aborts with a DOMException named TimeoutError: that is a timeout, not an abort. */
function fromCallerReason(reason: unknown): GenerationCancelledError {
  if (reason instanceof GenerationAbortedError || reason instanceof GenerationTimeoutError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return new GenerationTimeoutError(undefined, { cause: reason });
  return new GenerationAbortedError(reason);
}

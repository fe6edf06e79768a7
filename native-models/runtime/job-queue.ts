interface Waiting {
  start: () => void;
}

/**
 * Runs jobs one at a time in the order they were queued (one model, one context: llama.cpp work does not
 * interleave). A job whose signal fires while it waits leaves the queue at once and rejects with the signal's reason.
 */
export class JobQueue {
  private readonly waiting: Waiting[] = [];
  private running = false;

  /** Jobs queued and not yet started. */
  get pending(): number {
    return this.waiting.length;
  }

  get busy(): boolean {
    return this.running;
  }

  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason);
      };
      const entry: Waiting = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          let result: Promise<T>;
          try {
            result = work();
          } catch (err) {
            result = Promise.reject(err);
          }
          result.then(resolve, reject).finally(() => this.next());
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
      if (!this.running) this.next();
    });
  }

  private next(): void {
    const entry = this.waiting.shift();
    this.running = entry !== undefined;
    entry?.start();
  }
}

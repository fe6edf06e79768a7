/**
 * Turns pushed values into an async iterator: the producer (token callbacks) never waits for the consumer, values
 * are buffered, and the iterator ends when the producer closes or rethrows its failure. `onReturn` runs when the
 * consumer stops early (break), so the producer can be cancelled.
 */
export class ChunkChannel<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private done = false;
  private failure: { error: unknown } | undefined;

  constructor(private readonly onReturn?: () => void) {}

  push(value: T): void {
    if (this.done) return;
    if (this.waiter) {
      this.waiter.resolve({ value, done: false });
      this.waiter = undefined;
    } else this.buffer.push(value);
  }

  close(): void {
    this.done = true;
    this.waiter?.resolve({ value: undefined, done: true });
    this.waiter = undefined;
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.failure = { error };
    this.done = true;
    this.waiter?.reject(error);
    this.waiter = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
        if (this.failure) return Promise.reject(this.failure.error);
        if (this.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
      },
      return: () => {
        if (!this.done) this.onReturn?.();
        this.done = true;
        this.buffer.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

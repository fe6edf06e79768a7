import { describe, expect, it } from 'vitest';
import { contextSizeFor, initialContextSize } from '../../../native-models/runtime/context-size.js';
import { GenerationAbortedError, GenerationCancelledError, GenerationTimeoutError, PromptTooLongError } from '../../../native-models/runtime/generation-errors.js';
import { JobCancellation } from '../../../native-models/runtime/job-cancellation.js';

describe('job cancellation', () => {
  it('turns the caller abort into GenerationAbortedError, carrying the reason', () => {
    const caller = new AbortController();
    const c = new JobCancellation(caller.signal, undefined);
    caller.abort(new Error('case closed'));
    expect(c.error).toBeInstanceOf(GenerationAbortedError);
    expect(c.error).toBeInstanceOf(GenerationCancelledError);
    expect(c.error?.message).toBe('generation aborted: case closed');
    c.dispose();
  });

  it('starts the timeout only when the job starts, and reads AbortSignal.timeout() as a timeout', async () => {
    const c = new JobCancellation(undefined, 10);
    await new Promise((r) => setTimeout(r, 30));
    expect(c.signal.aborted).toBe(false);
    c.start();
    await new Promise((r) => setTimeout(r, 30));
    expect(c.error).toBeInstanceOf(GenerationTimeoutError);
    expect((c.error as GenerationTimeoutError).timeoutMs).toBe(10);
    c.dispose();

    const d = new JobCancellation(AbortSignal.timeout(1), undefined);
    await new Promise((r) => setTimeout(r, 20));
    expect(d.error).toBeInstanceOf(GenerationTimeoutError);
    d.dispose();
  });
});

describe('context size', () => {
  it('fits prompt and output, rounded up, capped at the trained context', () => {
    expect(contextSizeFor({ promptTokens: 100, maxOutputTokens: 200, trainedContext: 32_768 })).toBe(1024);
    expect(contextSizeFor({ promptTokens: 3000, maxOutputTokens: 1000, trainedContext: 32_768 })).toBe(5120);
    expect(contextSizeFor({ promptTokens: 1500, maxOutputTokens: 400, trainedContext: 2048 })).toBe(2048);
    expect(() => contextSizeFor({ promptTokens: 1500, maxOutputTokens: 1000, trainedContext: 2048 })).toThrow(PromptTooLongError);
    expect(initialContextSize(131_072)).toBe(4096);
    expect(initialContextSize(2048)).toBe(2048);
    expect(initialContextSize(2048, 512)).toBe(512);
    expect(initialContextSize(2048, 100_000)).toBe(2048);
  });
});

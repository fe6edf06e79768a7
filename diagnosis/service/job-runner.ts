import { randomUUID } from 'node:crypto';
import type { JobEvent } from '../contract/api.js';

export type JobListener = (event: JobEvent) => void;

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  progress(fraction: number, step: string): void;
  chunk(kind: 'thought' | 'answer', text: string): void;
}

/**
 * Long jobs (VCF import, diagnosis, LLM reasoning) run in the background and report through events: progress,
 * streamed chunks, then done or failed. Any job can be cancelled. One listener set serves the IPC bridge and the
 * WebSocket alike.
 */
export class JobRunner {
  private readonly listeners = new Set<JobListener>();
  private readonly running = new Map<string, AbortController>();

  onEvent(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: JobEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // a broken listener (closed socket) must not stop the job
      }
    }
  }

  start(work: (ctx: JobContext) => Promise<Extract<JobEvent, { type: 'done' }>['result']>): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (fraction, step) => this.emit({ type: 'progress', jobId, fraction: Math.max(0, Math.min(1, fraction)), step }),
      chunk: (kind, text) => this.emit({ type: 'chunk', jobId, kind, text }),
    };
    // Started on the next tick so the caller has the id before the first event.
    setImmediate(() => {
      work(ctx)
        .then((result) => this.emit({ type: 'done', jobId, result }))
        .catch((err: unknown) => this.emit({ type: 'failed', jobId, error: controller.signal.aborted ? 'cancelled' : err instanceof Error ? err.message : String(err) }))
        .finally(() => this.running.delete(jobId));
    });
    return jobId;
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }

  /** Resolves when no job is running (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 20));
  }
}

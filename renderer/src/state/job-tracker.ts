import type { ApiResponse, JobEvent } from '../../../diagnosis/contract/api.js';
import type { WorkstationClient } from '../api-client.js';

export type JobKind = 'vcf' | 'run';

export interface JobState {
  jobId: string;
  kind: JobKind;
  caseId: string;
  status: 'running' | 'done' | 'failed';
  fraction: number;
  step: string;
  /** streamed model output, thoughts and answer kept apart */
  thought: string;
  answer: string;
  result?: Extract<JobEvent, { type: 'done' }>['result'];
  error?: string;
  /** set once the UI has acted on the job's completion (e.g. opened the results) */
  handled: boolean;
  cancelling: boolean;
}

const MAX_STREAM_CHARS = 200_000;
const MAX_PENDING_JOBS = 20;
const POLL_MS = 4000;

/**
 * Follows long jobs (VCF import, diagnosis) of every case through the job events, so a page can be left and come back
 * to a running job. Events that arrive before the call that started the job has returned are kept and replayed. If the
 * event channel drops, a running diagnosis is still noticed as finished by polling the case for a new run.
 */
export class JobTracker {
  private readonly jobs = new Map<string, JobState>();
  private readonly pending = new Map<string, JobEvent[]>();
  private readonly listeners = new Set<() => void>();
  private readonly lastEventAt = new Map<string, number>();
  private readonly pollers = new Map<string, ReturnType<typeof setInterval>>();

  constructor(private readonly api: WorkstationClient) {
    api.onJobEvent((e) => this.onEvent(e));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The most recent job of a kind for a case. */
  latest(caseId: string, kind: JobKind): JobState | undefined {
    let found: JobState | undefined;
    for (const j of this.jobs.values()) if (j.caseId === caseId && j.kind === kind) found = j;
    return found;
  }

  /** Starts a job through `start` (the API call) and follows it. Throws what the call throws. */
  async start(kind: JobKind, caseId: string, start: () => Promise<{ jobId: string }>, knownRunIds: string[] = []): Promise<JobState> {
    const { jobId } = await start();
    const job: JobState = { jobId, kind, caseId, status: 'running', fraction: 0, step: 'starting', thought: '', answer: '', handled: false, cancelling: false };
    this.jobs.set(jobId, job);
    this.lastEventAt.set(jobId, Date.now());
    for (const e of this.pending.get(jobId) ?? []) this.apply(e);
    this.pending.delete(jobId);
    if (kind === 'run') this.pollForRun(jobId, caseId, knownRunIds);
    this.changed();
    return this.jobs.get(jobId)!;
  }

  async cancel(jobId: string): Promise<void> {
    this.update(jobId, { cancelling: true });
    try {
      await this.api.call('jobs.cancel', { jobId });
    } finally {
      this.update(jobId, { cancelling: false });
    }
  }

  markHandled(jobId: string): void {
    this.update(jobId, { handled: true });
  }

  private onEvent(e: JobEvent): void {
    if (!this.jobs.has(e.jobId)) {
      // the call that started it has not returned yet: keep the events (bounded)
      const list = this.pending.get(e.jobId) ?? [];
      if (list.length < 2000) list.push(e);
      this.pending.set(e.jobId, list);
      while (this.pending.size > MAX_PENDING_JOBS) this.pending.delete(this.pending.keys().next().value!);
      return;
    }
    this.apply(e);
    this.changed();
  }

  private apply(e: JobEvent): void {
    const job = this.jobs.get(e.jobId);
    if (!job || job.status !== 'running') return;
    this.lastEventAt.set(e.jobId, Date.now());
    switch (e.type) {
      case 'progress':
        this.jobs.set(e.jobId, { ...job, fraction: e.fraction, step: e.step });
        break;
      case 'chunk': {
        const key = e.kind === 'thought' ? 'thought' : 'answer';
        const text = (job[key] + e.text).slice(-MAX_STREAM_CHARS);
        this.jobs.set(e.jobId, { ...job, [key]: text });
        break;
      }
      case 'done':
        this.jobs.set(e.jobId, { ...job, status: 'done', fraction: 1, step: 'done', result: e.result });
        this.stopPolling(e.jobId);
        break;
      case 'failed':
        this.jobs.set(e.jobId, { ...job, status: 'failed', error: e.error });
        this.stopPolling(e.jobId);
        break;
    }
  }

  /** A diagnosis that finished while the event channel was down shows up as a new run of the case. */
  private pollForRun(jobId: string, caseId: string, knownRunIds: string[]): void {
    const timer = setInterval(() => {
      const job = this.jobs.get(jobId);
      if (!job || job.status !== 'running') return this.stopPolling(jobId);
      if (Date.now() - (this.lastEventAt.get(jobId) ?? 0) < POLL_MS && this.api.connectionState() === 'open') return;
      this.api
        .call('cases.get', { id: caseId })
        .then((c: ApiResponse<'cases.get'>) => {
          const fresh = c.runs.find((r) => !knownRunIds.includes(r.id));
          const current = this.jobs.get(jobId);
          if (fresh && current && current.status === 'running') {
            this.jobs.set(jobId, { ...current, status: 'done', fraction: 1, step: 'done', result: { kind: 'run', runId: fresh.id } });
            this.stopPolling(jobId);
            this.changed();
          }
        })
        .catch(() => undefined);
    }, POLL_MS);
    this.pollers.set(jobId, timer);
  }

  private stopPolling(jobId: string): void {
    const t = this.pollers.get(jobId);
    if (t) clearInterval(t);
    this.pollers.delete(jobId);
  }

  private update(jobId: string, patch: Partial<JobState>): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    this.jobs.set(jobId, { ...job, ...patch });
    this.changed();
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}

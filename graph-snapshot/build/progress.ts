/** Progress of a long job, reported to whatever renders it (a CLI bar, an Electron progress event). */
export interface ProgressEvent {
  /** 0..1 over the whole job */
  fraction: number;
  /** short human label of the current step */
  step: string;
}

export type ProgressListener = (event: ProgressEvent) => void;

/** Splits a job into weighted steps and turns step-local progress into whole-job fractions. */
export class StepProgress {
  private done = 0;
  private readonly total: number;

  constructor(
    private readonly steps: Record<string, number>,
    private readonly listener: ProgressListener | undefined,
  ) {
    this.total = Object.values(steps).reduce((a, b) => a + b, 0);
  }

  /** Runs one step, reporting its start and end. */
  async run<T>(step: string, work: (report: (within: number) => void) => Promise<T> | T): Promise<T> {
    const weight = this.steps[step] ?? 0;
    const report = (within: number) =>
      this.listener?.({ fraction: Math.min(1, (this.done + weight * Math.max(0, Math.min(1, within))) / this.total), step });
    report(0);
    const result = await work(report);
    this.done += weight;
    this.listener?.({ fraction: Math.min(1, this.done / this.total), step });
    return result;
  }
}

/** A counted, reported skip: the real releases are known to contain such lines, so they do not stop a build. */
export interface SkipReport {
  /** what kind of problem, e.g. "unknown HPO id" */
  reason: string;
  count: number;
  /** up to a few examples as `file:line: text` */
  examples: string[];
}

/** Collects skips by reason, keeping a handful of examples of each. */
export class SkipLog {
  private readonly byReason = new Map<string, SkipReport>();
  private static readonly maxExamples = 5;

  add(reason: string, file: string, line: number | undefined, text: string): void {
    let report = this.byReason.get(reason);
    if (!report) {
      report = { reason, count: 0, examples: [] };
      this.byReason.set(reason, report);
    }
    report.count += 1;
    if (report.examples.length < SkipLog.maxExamples) {
      report.examples.push(line === undefined ? `${file}: ${text}` : `${file}:${line}: ${text}`);
    }
  }

  get total(): number {
    let n = 0;
    for (const r of this.byReason.values()) n += r.count;
    return n;
  }

  reports(): SkipReport[] {
    return [...this.byReason.values()].sort((a, b) => b.count - a.count);
  }
}

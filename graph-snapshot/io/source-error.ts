/**
 * An error in an input file. The message always names the file and, when known, the line, so a clinician
 * or data manager can open the file and see what is wrong.
 */
export class SourceError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly detail: string;

  constructor(file: string, line: number | undefined, detail: string, options?: { cause?: unknown }) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}: ${detail}`, options);
    this.name = 'SourceError';
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}

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

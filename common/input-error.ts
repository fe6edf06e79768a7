/**
 * An error in something the user or a data source gave us: an input file, a case, a field, an option value. The
 * message always names the file (or field) and, when known, the line, so a clinician or data manager can open it and
 * see what is wrong. Every layer may throw it; the command line maps it to exit code 3, the API to a "bad-input" error.
 */
export class InputError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly detail: string;

  constructor(file: string, line: number | undefined, detail: string, options?: { cause?: unknown }) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}: ${detail}`, options);
    this.name = 'InputError';
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}

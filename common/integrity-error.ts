/**
 * Something the program relies on is not what was recorded: a knowledge snapshot file that changed, a manifest whose
 * seal does not match, a case store whose rows do not match its audit log. Never ignored: the command line exits 4,
 * the app refuses the run and names the file.
 */
export class IntegrityError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'IntegrityError';
  }
}

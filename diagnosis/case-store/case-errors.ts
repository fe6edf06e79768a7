/**
 * The case store's errors. The command line maps CaseInputError and CaseStoreOpenError to a InputError (exit code 3);
 * the Electron and HTTP layers can map them to a 400 / 401-style answer. Messages are meant for a clinician.
 */

/** Input that does not validate: a phenopacket to import, a finding, a decision. The message names the field. */
export class CaseInputError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
    /** the file the input came from, when it came from one */
    readonly file?: string,
  ) {
    super(`${field ? `field ${field}: ` : ''}${detail}`);
    this.name = 'CaseInputError';
  }
}

/** A case, run or finding that does not exist. */
export class CaseNotFoundError extends Error {
  constructor(readonly what: string) {
    super(`no ${what}`);
    this.name = 'CaseNotFoundError';
  }
}

export type OpenProblem = 'wrong-key' | 'not-encrypted' | 'not-a-case-store' | 'newer-schema' | 'corrupt' | 'missing' | 'in-use' | 'migration-failed';

/** The store file cannot be opened. Nothing has been written to it. */
export class CaseStoreOpenError extends Error {
  constructor(
    readonly file: string,
    readonly problem: OpenProblem,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${detail}`, options);
    this.name = 'CaseStoreOpenError';
  }
}

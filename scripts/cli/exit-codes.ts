/** Exit codes of `rarediag`, documented in the README and in `--help`. */
export const ExitCode = {
  ok: 0,
  /** an unexpected failure (a bug): the message and stack are printed */
  failure: 1,
  /** the command line was wrong */
  usage: 2,
  /** an input or data file is missing or malformed: the message names the file and line */
  badInput: 3,
  /** `snapshot verify` found a problem */
  verifyFailed: 4,
} as const;

export const exitCodeHelp = `
Exit codes:
  0  success
  1  unexpected failure
  2  usage error (bad options)
  3  bad input or data file (the message names file and line)
  4  verification failed`;

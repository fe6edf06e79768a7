/** Exit codes of `rarediag`, documented in the README and in `--help`. */
export const ExitCode = {
  ok: 0,
  /** an unexpected failure (a bug): a short message; the stack with --debug */
  failure: 1,
  /** the command line was wrong */
  usage: 2,
  /** an input or data file is missing or malformed: the message names the file and line */
  badInput: 3,
  /** verification failed: a snapshot or case store that changed after it was written (`snapshot verify`, `audit-verify`, any command) */
  verifyFailed: 4,
} as const;

export const exitCodeHelp = `
Exit codes:
  0  success
  1  unexpected failure (a bug; --debug prints the stack)
  2  usage error (bad options)
  3  bad input or data file (the message names file and line)
  4  verification failed: a snapshot or case store changed after it was written`;

/**
 * A model file (a GGUF, or the registry that lists them) that is missing or malformed. The message always names
 * the file, so whoever imported it can see which one is wrong. The CLI maps it to exit code 3, like a bad data file.
 */
export class ModelFileError extends Error {
  readonly file: string;
  readonly detail: string;

  constructor(file: string, detail: string, options?: { cause?: unknown }) {
    super(`${file}: ${detail}`, options);
    this.name = 'ModelFileError';
    this.file = file;
    this.detail = detail;
  }
}

/** A short human reason for a file-system error (no stack, no errno noise). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'ENOSPC') return 'no space left on the device';
  return err instanceof Error ? err.message : String(err);
}

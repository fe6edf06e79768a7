import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { describeFsError } from '../io/line-reader.js';
import { InputError } from '../../common/input-error.js';

export interface FileDigest {
  size: number;
  sha256: string;
}

/** Size and sha256 of a file, streamed. */
export async function digestFile(path: string): Promise<FileDigest> {
  try {
    const { size } = await stat(path);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return { size, sha256: hash.digest('hex') };
  } catch (err) {
    throw new InputError(path, undefined, describeFsError(err), { cause: err });
  }
}

import { resolveUpload } from './upload-files.js';
import { uploadDirOf, type ServiceContext } from './service-context.js';

/**
 * A file named by a request: a path on the machine running the engine (the desktop app's file dialog, scripts), or a
 * file uploaded over the loopback API in browser mode (`uploadId`). The contract checks that exactly one is given.
 */
export function fileOfRequest(ctx: ServiceContext, r: { path?: string; uploadId?: string }): string {
  return r.uploadId !== undefined ? resolveUpload(uploadDirOf(ctx.options), r.uploadId) : r.path!;
}

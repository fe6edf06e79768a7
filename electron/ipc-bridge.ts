import { ApiCallError, isApiMethod, parseRequest, parseResponse, type ApiMethod, type JobEvent } from '../diagnosis/contract/api.js';

export const IPC_CALL = 'rarediag:call';
export const IPC_JOB_EVENT = 'rarediag:job';

export interface ApiService {
  call(method: ApiMethod, request: unknown): Promise<unknown>;
  onJobEvent(listener: (event: JobEvent) => void): () => void;
}

export type IpcReply = { ok: true; value: unknown } | { ok: false; error: string; kind: string };

/**
 * The main-process side of the IPC contract: the method name and request are validated with the contract's zod
 * schemas before the service sees them, and the response is validated before the renderer sees it. Errors become
 * `{ ok: false }` replies (an exception thrown across IPC would lose its kind).
 */
export function createIpcCallHandler(service: ApiService): (method: unknown, request: unknown) => Promise<IpcReply> {
  return async (method, request) => {
    try {
      if (typeof method !== 'string' || !isApiMethod(method)) throw new ApiCallError(`unknown method ${String(method)}`, 'not-found');
      const valid = parseRequest(method, request);
      const value = parseResponse(method, await service.call(method, valid));
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ApiCallError) return { ok: false, error: err.message, kind: err.kind };
      return { ok: false, error: err instanceof Error ? err.message : String(err), kind: 'failure' };
    }
  };
}

// Preload (sandboxed): exposes exactly two functions to the renderer. No Node, no engine, no zod here; requests are
// validated in the main process (ipc-bridge.ts) and responses again by the renderer's client.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const IPC_CALL = 'rarediag:call';
const IPC_JOB_EVENT = 'rarediag:job';

contextBridge.exposeInMainWorld('rarediag', {
  async call(method: string, request: unknown): Promise<unknown> {
    const reply = (await ipcRenderer.invoke(IPC_CALL, method, request)) as { ok: boolean; value?: unknown; error?: string; kind?: string };
    if (reply.ok) return reply.value;
    const err = new Error(reply.error ?? 'request failed');
    (err as Error & { kind?: string }).kind = reply.kind;
    throw err;
  },
  onJobEvent(listener: (event: unknown) => void): () => void {
    const handler = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on(IPC_JOB_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_JOB_EVENT, handler);
  },
});

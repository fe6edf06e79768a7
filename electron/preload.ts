// Preload (sandboxed): exposes four functions to the renderer (call, job events, file dialog, dropped file path). No Node, no engine, no zod here; requests are
// validated in the main process (ipc-bridge.ts) and responses again by the renderer's client.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

const IPC_CALL = 'rarediag:call';
const IPC_JOB_EVENT = 'rarediag:job';
const IPC_PICK_FILE = 'rarediag:pick-file';

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
  /** the native open dialog (main process); the chosen path or null */
  async pickFile(kind: string): Promise<string | null> {
    return (await ipcRenderer.invoke(IPC_PICK_FILE, kind)) as string | null;
  },
  /** the path of a file the user dropped or chose: the engine reads it where it is, nothing is copied */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
});

import {
  ApiCallError,
  apiError,
  jobEvent,
  parseRequest,
  parseResponse,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type JobEvent,
  type WorkstationApi,
} from '../../diagnosis/contract/api.js';
import { uploadReceipt, type UploadReceipt } from '../../diagnosis/contract/api-schemas.js';

/**
 * The renderer's only way to the engine: the typed WorkstationApi of diagnosis/contract, over the Electron preload
 * bridge when there is one, else over the loopback server (`rarediag serve`). Requests are checked with the
 * contract before they leave, every response with `parseResponse` and every job event with `jobEvent`, so the UI never
 * sees an unchecked value. Every failure becomes an ApiCallError with a message the UI can show.
 */

/** What Electron's preload exposes as `window.rarediag` (contextBridge). */
export interface RarediagBridge {
  call(method: string, request: unknown): Promise<unknown>;
  onJobEvent(listener: (event: unknown) => void): (() => void) | void;
  /** the native file dialog; the chosen path, or null when cancelled */
  pickFile?(kind: FileKind): Promise<string | null>;
  /** the path of a File the user dropped or chose (Electron's webUtils.getPathForFile); '' when it has none */
  pathForFile?(file: File): string;
}

/** The files a clinician brings from the desktop. */
export type FileKind = 'vcf' | 'phenopacket' | 'ped' | 'candidates';

/**
 * How a file on the user's machine reaches the engine: in the desktop app the engine reads it where it is (a path
 * from the native dialog or from the dropped file); in browser mode the file is streamed to the engine over the
 * loopback API (`upload`), with progress, and named by the upload id it returns.
 */
export interface FileTransport {
  pickPath?(kind: FileKind): Promise<string | undefined>;
  pathOf?(file: File): string | undefined;
  upload?(file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<UploadReceipt>;
}

declare global {
  interface Window {
    rarediag?: RarediagBridge;
  }
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** The client, plus the state of its event channel (for a "live updates" indicator). */
export interface WorkstationClient extends WorkstationApi {
  readonly transport: 'electron' | 'http' | 'fake';
  readonly files: FileTransport;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

/** Methods that start a job: their events must not be missed, so the event channel is opened first. */
const jobStarters: ReadonlySet<ApiMethod> = new Set<ApiMethod>(['vcf.attach', 'diagnosis.run']);

/** Turns anything thrown or returned as an error into an ApiCallError. */
export function toApiError(err: unknown, method?: string): ApiCallError {
  if (err instanceof ApiCallError) return err;
  const asError = apiError.safeParse(err);
  if (asError.success) return new ApiCallError(asError.data.error, asError.data.kind);
  if (err instanceof Error) {
    // the preload bridge throws Error objects carrying the API error kind
    const kind = apiError.shape.kind.safeParse((err as Error & { kind?: unknown }).kind);
    if (kind.success) return new ApiCallError(err.message, kind.data);
    // Electron wraps handler errors: "Error invoking remote method 'x': Error: message"
    const message = err.message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
    const embedded = safeJson(message);
    const parsed = apiError.safeParse(embedded);
    if (parsed.success) return new ApiCallError(parsed.data.error, parsed.data.kind);
    return new ApiCallError(method ? `${method}: ${message}` : message, 'failure');
  }
  return new ApiCallError(method ? `${method}: ${String(err)}` : String(err), 'failure');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Checks a response; a value shaped like an API error (a bridge that resolves errors) becomes that error. */
function checkResponse<M extends ApiMethod>(method: M, value: unknown): ApiResponse<M> {
  try {
    return parseResponse(method, value);
  } catch (err) {
    const asError = apiError.safeParse(value);
    if (asError.success) throw new ApiCallError(asError.data.error, asError.data.kind);
    throw err;
  }
}

/** Dispatches checked job events to listeners; a malformed event is reported, never passed on. */
class EventFanout {
  private readonly listeners = new Set<(event: JobEvent) => void>();

  add(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  emit(raw: unknown): void {
    const parsed = jobEvent.safeParse(raw);
    if (!parsed.success) {
      console.warn('rarediag: ignored a malformed job event', parsed.error.issues[0], raw);
      return;
    }
    for (const l of [...this.listeners]) {
      try {
        l(parsed.data);
      } catch (err) {
        console.error('rarediag: a job event listener failed', err);
      }
    }
  }
}

/** Over Electron's preload bridge. */
export class BridgeClient implements WorkstationClient {
  readonly transport = 'electron' as const;
  readonly files: FileTransport;
  private readonly fanout = new EventFanout();
  private unsubscribeBridge: (() => void) | undefined;

  constructor(private readonly bridge: RarediagBridge) {
    this.files = {
      pickPath: async (kind) => (await bridge.pickFile?.(kind)) ?? undefined,
      pathOf: (file) => bridge.pathForFile?.(file) || undefined,
    };
  }

  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    const checked = parseRequest(method, request);
    let value: unknown;
    try {
      value = await this.bridge.call(method, checked);
    } catch (err) {
      throw toApiError(err, method);
    }
    return checkResponse(method, value);
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    const remove = this.fanout.add(listener);
    if (!this.unsubscribeBridge) {
      const off = this.bridge.onJobEvent((e) => this.fanout.emit(e));
      this.unsubscribeBridge = typeof off === 'function' ? off : () => undefined;
    }
    return () => {
      remove();
      if (this.fanout.size === 0 && this.unsubscribeBridge) {
        this.unsubscribeBridge();
        this.unsubscribeBridge = undefined;
      }
    };
  }

  connectionState(): ConnectionState {
    return 'open';
  }

  onConnectionChange(): () => void {
    return () => undefined;
  }
}

/**
 * Over the loopback server: `POST /api/<method>` with a JSON body and `Authorization: Bearer <token>`, and job events
 * on the WebSocket `/events?token=...`, reconnected with back-off while the page is open.
 */
export class HttpClient implements WorkstationClient {
  readonly transport = 'http' as const;
  readonly files: FileTransport = { upload: (file, onProgress, signal) => this.upload(file, onProgress, signal) };
  private readonly fanout = new EventFanout();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private socket: WebSocket | undefined;
  private state: ConnectionState = 'closed';
  private retries = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private openWaiters: (() => void)[] = [];

  constructor(
    private readonly origin: string,
    private readonly token: string | undefined,
  ) {}

  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    const checked = parseRequest(method, request);
    if (jobStarters.has(method)) await this.eventsReady(3000);
    let res: Response;
    try {
      res = await fetch(`${this.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify(checked),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      throw new ApiCallError('The workstation server cannot be reached. Is `rarediag serve` still running?', 'failure');
    }
    const text = await res.text().catch(() => '');
    const body = text ? safeJson(text) : undefined;
    if (!res.ok) {
      const err = apiError.safeParse(body);
      if (err.success) throw new ApiCallError(err.data.error, err.data.kind);
      if (res.status === 401 || res.status === 403) {
        throw new ApiCallError(
          this.token
            ? 'Not authorised: the session token was refused. Open the address printed by `rarediag serve` again.'
            : 'Not authorised: open the full address printed by `rarediag serve` (it ends in #token=...).',
          'bad-request',
        );
      }
      if (res.status === 404) throw new ApiCallError(`${method}: not available on this server (HTTP 404)`, 'not-found');
      throw new ApiCallError(`${method}: HTTP ${res.status}${text && !body ? `: ${text.slice(0, 200)}` : ''}`, res.status >= 500 ? 'failure' : 'bad-request');
    }
    if (body === undefined) throw new ApiCallError(`${method}: the server sent no JSON`, 'failure');
    return checkResponse(method, body);
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    const remove = this.fanout.add(listener);
    this.connect();
    return remove;
  }

  /**
   * Streams a file to the server's upload endpoint (`POST /upload?name=`, the file as the body). XMLHttpRequest,
   * because fetch reports no upload progress; the browser reads the file from disk as it sends it.
   */
  upload(file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<UploadReceipt> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${this.origin}/upload?name=${encodeURIComponent(file.name)}`);
      if (this.token) xhr.setRequestHeader('Authorization', `Bearer ${this.token}`);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
      xhr.onerror = () => reject(new ApiCallError('The upload failed: the workstation server cannot be reached.', 'failure'));
      xhr.onabort = () => reject(new ApiCallError('The upload was cancelled.', 'failure'));
      xhr.onload = () => {
        const body = safeJson(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) {
          const receipt = uploadReceipt.safeParse(body);
          if (receipt.success) resolve(receipt.data);
          else reject(new ApiCallError('The server answered the upload with something unexpected.', 'failure'));
          return;
        }
        const err = apiError.safeParse(body);
        reject(err.success ? new ApiCallError(err.data.error, err.data.kind) : new ApiCallError(`The upload failed (HTTP ${xhr.status}).`, xhr.status >= 500 ? 'failure' : 'bad-request'));
      };
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(file);
    });
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Opens the event socket (idempotent). Called at start-up so events of a job started later are never missed. */
  connect(): void {
    if (this.socket || this.reconnectTimer) return;
    // without the session token the server refuses the socket: do not keep knocking (the API calls say why)
    if (!this.token) return;
    const wsOrigin = this.origin.replace(/^http/, 'ws');
    const url = `${wsOrigin}/events${this.token ? `?token=${encodeURIComponent(this.token)}` : ''}`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch (err) {
      console.warn('rarediag: cannot open the event socket', err);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.setState('connecting');
    socket.onopen = () => {
      this.retries = 0;
      this.setState('open');
      for (const w of this.openWaiters.splice(0)) w();
    };
    socket.onmessage = (msg: MessageEvent) => {
      if (typeof msg.data !== 'string') return;
      const value = safeJson(msg.data);
      if (value === undefined) {
        console.warn('rarediag: ignored a job event that is not JSON');
        return;
      }
      this.fanout.emit(value);
    };
    socket.onclose = () => {
      this.socket = undefined;
      this.setState('closed');
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and reconnects
    };
  }

  /** Resolves when the event socket is open, or after `timeoutMs` (the call then goes ahead anyway). */
  eventsReady(timeoutMs: number): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    this.connect();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.openWaiters = this.openWaiters.filter((w) => w !== done);
        resolve();
      }, timeoutMs);
      this.openWaiters.push(done);
    });
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return;
    const delay = Math.min(5000, 250 * 2 ** this.retries);
    this.retries += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delay);
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const l of [...this.connectionListeners]) l(state);
  }
}

let tokenInMemory: string | undefined;
let tokenTaken = false;

/**
 * Reads the session token from the URL fragment (`#token=...`, as printed by `rarediag serve`) once, keeps it in
 * memory only, and removes it from the address bar and history.
 */
export function takeSessionToken(): string | undefined {
  if (tokenTaken) return tokenInMemory;
  tokenTaken = true;
  const hash = window.location.hash;
  const match = /[#&]token=([^&]*)/.exec(hash);
  if (!match) return undefined;
  tokenInMemory = decodeURIComponent(match[1] ?? '') || undefined;
  const rest = hash.replace(/[#&]token=[^&]*/, '').replace(/^&/, '#').replace(/^#?$/, '');
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest || '#/cases'}`);
  return tokenInMemory;
}

/** True when the page was opened with `?fake` (the in-memory development API). */
export const wantsFakeApi = (): boolean => new URLSearchParams(window.location.search).has('fake');

/** The client for this page: Electron bridge, else the loopback server (same origin). */
export function createWorkstationClient(): WorkstationClient {
  const token = takeSessionToken();
  if (window.rarediag) return new BridgeClient(window.rarediag);
  const client = new HttpClient(window.location.origin, token);
  client.connect();
  return client;
}

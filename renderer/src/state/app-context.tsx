import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiCallError, type ApiMethod, type ApiRequest, type ApiResponse } from '../../../diagnosis/contract/api.js';
import { toApiError, type ConnectionState, type WorkstationClient } from '../api-client.js';
import { JobTracker, type JobKind, type JobState } from './job-tracker.js';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface AppServices {
  api: WorkstationClient;
  jobs: JobTracker;
  notify(kind: Notice['kind'], text: string): void;
  notices: Notice[];
  dismiss(id: number): void;
}

const AppContext = createContext<AppServices | null>(null);

export function AppProvider({ api, children }: { api: WorkstationClient; children: ReactNode }) {
  const jobs = useMemo(() => new JobTracker(api), [api]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const notify = useCallback((kind: Notice['kind'], text: string) => {
    const id = nextId.current++;
    setNotices((list) => [...list.slice(-3), { id, kind, text }]);
    if (kind === 'info') setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), 5000);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const value = useMemo(() => ({ api, jobs, notify, notices, dismiss }), [api, jobs, notify, notices, dismiss]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppServices {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppProvider');
  return ctx;
}

export function useApi(): WorkstationClient {
  return useApp().api;
}

/** The latest job of a kind for a case, re-rendering on its events. */
export function useJob(caseId: string, kind: JobKind): JobState | undefined {
  const { jobs } = useApp();
  return useSyncExternalStore(jobs.subscribe, () => jobs.latest(caseId, kind));
}

export function useConnectionState(): ConnectionState {
  const api = useApi();
  return useSyncExternalStore(
    (cb) => api.onConnectionChange(cb),
    () => api.connectionState(),
  );
}

export interface Query<T> {
  data: T | undefined;
  error: ApiCallError | undefined;
  loading: boolean;
  reload(): void;
  setData(value: T): void;
}

/**
 * One API call tied to a component: re-run when `key` changes, stale answers dropped, errors kept for display.
 * `request` undefined skips the call.
 */
export function useApiQuery<M extends ApiMethod>(method: M, request: ApiRequest<M> | undefined, key: string): Query<ApiResponse<M>> {
  const api = useApi();
  const [state, setState] = useState<{ data?: ApiResponse<M>; error?: ApiCallError; loading: boolean }>({ loading: request !== undefined });
  const [tick, setTick] = useState(0);
  const requestRef = useRef(request);
  requestRef.current = request;
  useEffect(() => {
    const req = requestRef.current;
    if (req === undefined) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.call(method, req).then(
      (data) => live && setState({ data, loading: false }),
      (err: unknown) => live && setState((s) => ({ data: s.data, error: toApiError(err, method), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [api, method, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((data: ApiResponse<M>) => setState({ data, loading: false }), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}

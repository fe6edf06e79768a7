import { dirname, join } from 'node:path';
import type { ModelRuntime } from '../../native-models/runtime/model-runtime.js';
import type { CaseStore } from '../case-store/case-store.js';
import type { CaseStoreKey } from '../case-store/store-key.js';
import type { KnowledgeSession } from '../pipeline/knowledge-session.js';
import type { JobRunner } from './job-runner.js';

export interface WorkstationOptions {
  snapshotDir: string;
  sourcesDir: string;
  storeFile: string;
  storeKey: CaseStoreKey;
  modelStoreDir: string;
  /** where files uploaded in browser mode are kept (default: `uploads/` beside the store file) */
  uploadDir?: string;
  /** the desktop app's version, shown in reports (default: the program's own) */
  applicationVersion?: string;
  /** who makes the changes (recorded in the audit log) */
  actor?: string;
  /** CPU threads for the local model */
  threads?: number;
  /** turns report HTML into PDF (the desktop app passes Electron's printToPDF; the loopback server has none) */
  renderPdf?: (html: string) => Promise<Buffer>;
}

/** What the handlers of every area share: the options, the store, the jobs, the current knowledge session, the model runtime. */
export interface ServiceContext {
  readonly options: WorkstationOptions;
  readonly store: CaseStore;
  readonly jobs: JobRunner;
  /** the session of the current snapshot (replaced when the snapshot is rebuilt) */
  session(): KnowledgeSession;
  /** swaps in a new session; the old one closes when its runs in flight have finished */
  replaceSession(next: KnowledgeSession): void;
  /** the local model runtime, started on first use */
  modelRuntime(): Promise<ModelRuntime>;
}

export const uploadDirOf = (o: WorkstationOptions) => o.uploadDir ?? join(dirname(o.storeFile), 'uploads');

/** The label of a disease id in the current snapshot (the id itself when unknown). */
export function diseaseLabel(ctx: ServiceContext, diseaseId: string): string {
  const m = ctx.session().model;
  return m.diseaseLabels[m.diseaseIndex.get(diseaseId) ?? -1] ?? diseaseId;
}

import { InputError } from '../../common/input-error.js';
import { IntegrityError } from '../../common/integrity-error.js';
import { ensureSnapshot } from '../../graph-snapshot/snapshot/ensure-snapshot.js';
import type { ModelRuntime } from '../../native-models/runtime/model-runtime.js';
import { CaseInputError, CaseNotFoundError } from '../case-store/case-errors.js';
import { CaseStore } from '../case-store/case-store.js';
import { ApiCallError, parseRequest, parseResponse, type ApiHandlers, type ApiMethod, type ApiRequest, type ApiResponse, type JobEvent } from '../contract/api.js';
import { KnowledgeSession } from '../pipeline/knowledge-session.js';
import { RunCancelledError } from '../pipeline/run-case.js';
import { caseHandlers, decisionHandlers } from './case-handlers.js';
import { diseaseInformation } from './disease-information.js';
import { familyHandlers } from './family-handlers.js';
import { intakeHandlers } from './intake-handlers.js';
import { JobRunner } from './job-runner.js';
import { modelHandlers } from './model-handlers.js';
import { runHandlers } from './run-handlers.js';
import { settingsHandlers } from './settings-handlers.js';
import type { ServiceContext, WorkstationOptions } from './service-context.js';
import { snapshotHandlers } from './snapshot-handlers.js';

export type { WorkstationOptions } from './service-context.js';

/**
 * The engine behind the UI: a typed adapter of the contract (diagnosis/contract), used by the Electron main process
 * and by the loopback server. Every method has one handler, typed by its request and response schemas and grouped by
 * area (cases, intake, runs, snapshot, models); diagnosis runs go through the pipeline's `runCase`. The service owns the
 * knowledge session, the case store, the model runtime and the background jobs.
 */
export class WorkstationService {
  private readonly jobs = new JobRunner();
  private runtime: Promise<ModelRuntime> | undefined;
  private readonly handlers: ApiHandlers;
  private readonly retiring = new Set<Promise<void>>();

  private constructor(
    private readonly options: WorkstationOptions,
    private current: KnowledgeSession,
    private readonly store: CaseStore,
  ) {
    const ctx: ServiceContext = {
      options,
      store,
      jobs: this.jobs,
      session: () => this.current,
      replaceSession: (next) => {
        const old = this.current;
        this.current = next;
        const closing = old.close().finally(() => this.retiring.delete(closing));
        this.retiring.add(closing);
      },
      modelRuntime: () => this.modelRuntime(),
    };
    this.handlers = {
      ...caseHandlers(ctx),
      ...decisionHandlers(ctx),
      ...familyHandlers(ctx),
      ...intakeHandlers(ctx),
      ...runHandlers(ctx),
      ...snapshotHandlers(ctx),
      ...modelHandlers(ctx),
      ...settingsHandlers(ctx),
      'diseases.info': ({ id }) => diseaseInformation(ctx.session(), id),
    };
  }

  static async create(options: WorkstationOptions): Promise<WorkstationService> {
    await ensureSnapshot(options.snapshotDir, options.sourcesDir);
    const session = await KnowledgeSession.open(options.snapshotDir);
    try {
      const store = CaseStore.open({ path: options.storeFile, key: options.storeKey, actor: options.actor ?? 'clinician', quickCheck: true });
      return new WorkstationService(options, session, store);
    } catch (err) {
      await session.close();
      throw err;
    }
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    return this.jobs.onEvent(listener);
  }

  /** The session of the current snapshot (tests compare runs made through other entry points against it). */
  get session(): KnowledgeSession {
    return this.current;
  }

  async close(): Promise<void> {
    await this.jobs.idle();
    if (this.runtime) await (await this.runtime).dispose();
    await Promise.all([...this.retiring]);
    await this.current.close();
    this.store.close();
  }

  /** Validates the request, runs the method's handler, validates the response; failures become API errors with a kind the UI can show. */
  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    try {
      const handler = this.handlers[method] as (r: unknown) => Promise<ApiResponse<M>> | ApiResponse<M>;
      return parseResponse(method, await handler(parseRequest(method, request)));
    } catch (err) {
      throw asApiError(err);
    }
  }

  private modelRuntime(): Promise<ModelRuntime> {
    this.runtime ??= (async () => {
      const { ModelRuntime } = await import('../../native-models/runtime/model-runtime.js');
      return ModelRuntime.start({ threads: this.options.threads });
    })();
    return this.runtime;
  }
}

/** Store and input errors become API errors the UI can show; anything else is a failure. */
function asApiError(err: unknown): unknown {
  if (err instanceof ApiCallError) return err;
  if (err instanceof CaseNotFoundError) return new ApiCallError(err.message, 'not-found');
  if (err instanceof CaseInputError || err instanceof InputError) return new ApiCallError(err.message, 'bad-input');
  if (err instanceof RunCancelledError) return new ApiCallError('cancelled', 'failure');
  if (err instanceof IntegrityError) return new ApiCallError(`the knowledge snapshot is damaged or was changed: ${err.message}`, 'failure');
  return err;
}

export const createWorkstationService = (o: WorkstationOptions) => WorkstationService.create(o);

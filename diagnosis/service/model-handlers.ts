import { ModelRegistry } from '../../native-models/registry/model-registry.js';
import type { ApiHandlers } from '../contract/api.js';
import type { ServiceContext } from './service-context.js';

/** The local model store, the hardware the model runs on, and cancelling background jobs. */
export function modelHandlers(ctx: ServiceContext): Pick<ApiHandlers, 'models.list' | 'models.select' | 'models.hardware' | 'jobs.cancel'> {
  const registry = () => new ModelRegistry(ctx.options.modelStoreDir);
  return {
    'models.list': async () => {
      const r = registry();
      const selected = await r.defaultModelId();
      return (await r.list()).map((m) => {
        const meta = m.metadata as Record<string, unknown>;
        return {
          id: m.id,
          file: m.fileName,
          sizeBytes: m.size,
          architecture: String(meta['architecture'] ?? ''),
          quantization: String(meta['quantization'] ?? ''),
          contextLength: typeof meta['contextLength'] === 'number' ? meta['contextLength'] : undefined,
          selected: m.id === selected,
        };
      });
    },
    'models.select': async ({ id }) => {
      await registry().select(id);
      return { ok: true as const };
    },
    'models.hardware': async () => {
      const runtime = await ctx.modelRuntime();
      const { hardwareSummary } = await import('../../native-models/runtime/hardware-description.js');
      return { backend: runtime.hardware.backend, summary: hardwareSummary(runtime.hardware) };
    },
    'jobs.cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  };
}

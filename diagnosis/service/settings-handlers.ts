import type { ApiHandlers } from '../contract/api.js';
import { reportSettings } from '../contract/api-schemas.js';
import type { ServiceContext } from './service-context.js';

/** Settings kept with the cases in the encrypted store (and so in its backups): the report header for now. */
export function settingsHandlers(ctx: ServiceContext): Pick<ApiHandlers, 'settings.get' | 'settings.update'> {
  const report = () => reportSettings.parse(ctx.store.getSetting('report') ?? {});
  return {
    'settings.get': () => ({ report: report() }),
    'settings.update': ({ report: value }) => {
      // empty fields are not kept: the report leaves them out
      const kept = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v?.trim()]).filter(([, v]) => v));
      ctx.store.setSetting({ key: 'report', value: kept });
      return { report: report() };
    },
  };
}

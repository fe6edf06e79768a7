import type { ApiHandlers } from '../contract/api.js';
import type { ServiceContext } from './service-context.js';

/** Narrative intake and the term picker, over the session's recognizer and term search. */
export function intakeHandlers(ctx: ServiceContext): Pick<ApiHandlers, 'intake.extract' | 'terms.search'> {
  return {
    'intake.extract': async ({ text }) =>
      (await ctx.session().recognizer()).extract(text).map((f) => ({
        hpoId: f.hpoId,
        label: f.label,
        status: f.status,
        source: 'extracted' as const,
        start: f.start,
        end: f.end,
        text: f.text,
        confidence: f.confidence,
      })),
    'terms.search': async ({ query, limit }) => (await ctx.session().termSearch()).search(query, limit ?? 10),
  };
}

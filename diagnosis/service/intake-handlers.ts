import type { ApiHandlers } from '../contract/api.js';
import { assessGrowth } from '../intake/growth-entry.js';
import type { ServiceContext } from './service-context.js';

/** Narrative intake and the term picker, over the session's recognizer and term search. */
export function intakeHandlers(ctx: ServiceContext): Pick<ApiHandlers, 'intake.extract' | 'terms.search' | 'intake.growth'> {
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
    'intake.growth': ({ measure, value, unit, ageYears, sex }) => {
      const a = assessGrowth({ measure, value, unit, ageYears, sex: sex === 'MALE' ? 'male' : sex === 'FEMALE' ? 'female' : undefined });
      const m = ctx.session().model;
      const label = a.hpoId ? m.termLabels[m.resolveTerm(a.hpoId)?.index ?? -1] : undefined;
      return {
        read: a.read,
        ...(a.z !== undefined ? { z: a.z } : {}),
        ...(a.centile !== undefined ? { centile: a.centile } : {}),
        basis: a.basis,
        ...(a.hpoId ? { finding: { hpoId: a.hpoId, label: label ?? a.hpoId } } : {}),
      };
    },
    'terms.search': async ({ query, limit }) => (await ctx.session().termSearch()).search(query, limit ?? 10),
  };
}

import { z } from 'zod';

/** A disease the release check found harder or easier to find (recall@k of its synthetic vignettes, before → after). */
const releaseMover = z.object({
  id: z.string(),
  label: z.string(),
  before: z.number(),
  after: z.number(),
  /** what changed in its own annotations */
  changes: z.string(),
  /** the candidate that took (or gave) its place, when one stands out */
  competitor: z.string().optional(),
});

/**
 * The release check recorded with the installed snapshot (graph-snapshot/snapshot/release-check-record.ts), as Settings
 * shows it: which diseases got harder or easier to find than with the snapshot it replaced. Browser-safe: zod only.
 */
export const releaseCheckView = z.object({
  checkedAt: z.string(),
  /** the snapshot compared with; null when there was none */
  comparedWith: z.string().nullable(),
  note: z.string().optional(),
  diseases: z.number().int(),
  vignettesPerDisease: z.number().int(),
  k: z.number().int(),
  recallNow: z.number(),
  recallBefore: z.number().nullable(),
  moved: z.number().int(),
  harder: z.array(releaseMover),
  easier: z.array(releaseMover),
});

export type ReleaseCheckView = z.infer<typeof releaseCheckView>;

import { z } from 'zod';

const recall = z.object({ at1: z.number(), at3: z.number(), at10: z.number(), meanRank: z.number().nullable() });

const mover = z.object({
  id: z.string(),
  label: z.string(),
  /** recall@k before and after, over the disease's vignettes */
  before: z.number(),
  after: z.number(),
  vignettes: z.number().int(),
  /** Benjamini-Hochberg q of the paired test */
  q: z.number(),
  /**
   * what changed in its own annotations ("+3 (Seizure 90 %), 2 refrequenced (...)"), after "added to the knowledge: " or
   * "removed from the knowledge: " for a disease only one version knows (listed after the others)
   */
  changes: z.string(),
  /** the candidate that most often outranks it now (harder) or did before (easier), when one stands out */
  competitor: z.string().optional(),
});

/**
 * The release check a snapshot build or import can run (diagnosis/pipeline/release-check.ts): synthetic vignettes of a
 * sample of diseases ranked by the previous snapshot and this one, and the diseases whose recall changed beyond
 * sampling noise. Recorded in the manifest, so the app can say which diseases got harder or easier to find.
 */
export const releaseCheckSchema = z.object({
  format: z.literal('rarediag-release-check'),
  checkedAt: z.string(),
  seconds: z.number().nonnegative(),
  /** the snapshot compared with; null when there was none (or it could not be opened: see note) */
  comparedWith: z.string().nullable(),
  note: z.string().optional(),
  seed: z.number().int(),
  /** diseases sampled, of which chosen because their annotations changed (the rest uniformly at random) */
  diseases: z.number().int().nonnegative(),
  changedDiseases: z.number().int().nonnegative(),
  vignettesPerDisease: z.number().int().positive(),
  confirmVignettes: z.number().int().nonnegative(),
  /** recall@k is the measure tested; fdr the false discovery rate of "moved" */
  k: z.number().int().positive(),
  fdr: z.number(),
  /** over the uniformly sampled diseases (an unbiased estimate for all diseases) */
  recall: z.object({ current: recall, previous: recall.nullable() }),
  /** diseases that moved beyond noise (all of them), and the largest movers each way */
  moved: z.number().int().nonnegative(),
  harder: z.array(mover),
  easier: z.array(mover),
});

export type ReleaseCheckRecord = z.infer<typeof releaseCheckSchema>;

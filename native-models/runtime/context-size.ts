import { PromptTooLongError } from './generation-errors.js';

/** Context sizes are rounded up to this, so small differences between jobs do not recreate the context. */
const granularity = 1024;
/** The smallest context worth creating. */
const minimum = 512;

/**
 * The context size a job needs: prompt tokens plus the tokens it may generate, rounded up, never beyond the
 * context the model was trained with (past it, output degrades). A job that cannot fit is refused before it starts.
 */
export function contextSizeFor(job: { promptTokens: number; maxOutputTokens: number; trainedContext: number }): number {
  // chat templates add a few dozen tokens around the prompt; the estimate of the prompt is made without them
  const needed = Math.ceil(job.promptTokens * 1.05) + 64 + job.maxOutputTokens;
  if (needed > job.trainedContext) throw new PromptTooLongError(needed, job.trainedContext);
  return Math.min(job.trainedContext, Math.max(minimum, Math.ceil(needed / granularity) * granularity));
}

/** The context created when a model loads: the caller's wish, else 4096, capped at the trained context. */
export function initialContextSize(trainedContext: number, requested?: number): number {
  return Math.max(Math.min(minimum, trainedContext), Math.min(trainedContext, requested ?? 4096));
}

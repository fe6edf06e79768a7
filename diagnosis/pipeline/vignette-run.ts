import { InputError } from '../../common/input-error.js';
import type { Vignette, VignetteOutcome } from '../vignettes/vignette.js';
import type { KnowledgeSession } from './knowledge-session.js';
import { runCase } from './run-case.js';
import { runInputsOfFindings } from './run-inputs.js';

/** Candidates returned per run; ranks beyond them are counted from the concept scores. */
const TOP = 10;

/**
 * Ranks a vignette through `runCase`, exactly as a user's case with these findings would be ranked, and reads the rank
 * of its disease's concept (OMIM and ORPHA entries of one MONDO concept are one candidate). Within the top 10 the rank
 * is the one shown; beyond, it is 1 + the number of concepts that scored higher (the ranker's tie order is not
 * reproduced there).
 */
export async function rankVignette(session: KnowledgeSession, v: Vignette): Promise<VignetteOutcome> {
  const inputs = runInputsOfFindings({ id: `${v.diseaseId}#${v.index}`, present: v.present, excluded: v.excluded, sex: v.sex, ageYears: v.ageYears }, `vignette ${v.index} of ${v.diseaseId}`);
  let ranking;
  try {
    ranking = (await runCase(session, inputs, { top: TOP, explain: 0, conceptScores: true })).ranking;
  } catch (err) {
    // no term of the vignette is known to this version's ontology: what a user of that version would get too
    if (err instanceof InputError) return { rank: 0, first: '' };
    throw err;
  }
  const first = ranking.diseases[0]?.id ?? '';
  const concept = session.ranker.conceptOf(v.diseaseId);
  if (concept === undefined) return { rank: 0, first };
  const shown = ranking.diseases.find((d) => d.ids.includes(v.diseaseId));
  if (shown) return { rank: shown.rank, first };
  const scores = ranking.conceptScores!;
  const own = scores[concept]!;
  let higher = 0;
  for (let i = 0; i < scores.length; i += 1) if (scores[i]! > own) higher += 1;
  return { rank: Math.max(TOP + 1, higher + 1), first };
}

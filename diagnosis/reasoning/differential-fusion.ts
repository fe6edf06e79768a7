import type { EvidencePack } from './evidence-pack.js';
import type { VerifiedAnswer } from './reasoning-verifier.js';

export interface FusedCandidate {
  diseaseId: string;
  label: string;
  fusedRank: number;
  fusedScore: number;
  deterministicRank?: number;
  deterministicProbability?: number;
  llmRank?: number;
}

/** Constants of the fusion rule (reciprocal-rank fusion). */
export const fusionParameters = { k: 5, llmWeight: 0.5 };

/**
 * Fuses the deterministic ranking with the verified LLM ranking by weighted reciprocal-rank fusion:
 *   score(d) = 1 / (k + deterministic rank) + w · 1 / (k + LLM rank),  k = 5, w = 0.5,
 * a term counting only when the disease has that rank. The model can re-order the leading candidates and lift one it
 * argues for, but with half the weight of the deterministic ranking it cannot by itself push a strong deterministic
 * leader far down. Candidates outside the deterministic top of the pack keep their deterministic rank if they have one.
 */
export function fuseDifferential(pack: EvidencePack, verified: VerifiedAnswer | undefined): FusedCandidate[] {
  const { k, llmWeight } = fusionParameters;
  const llmRank = new Map((verified?.differential ?? []).map((d) => [d.diseaseId, d.rank]));
  const fused = pack.candidates.map((c) => {
    const det = c.rank;
    const llm = llmRank.get(c.diseaseId);
    const score = (det ? 1 / (k + det) : 0) + (llm ? llmWeight / (k + llm) : 0);
    return { diseaseId: c.diseaseId, label: c.label, fusedScore: score, deterministicRank: det, deterministicProbability: c.probability, llmRank: llm };
  });
  fused.sort((a, b) => b.fusedScore - a.fusedScore || (a.deterministicRank ?? 1e9) - (b.deterministicRank ?? 1e9) || a.diseaseId.localeCompare(b.diseaseId));
  return fused.map((f, i) => ({ ...f, fusedRank: i + 1 }));
}

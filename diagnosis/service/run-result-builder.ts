import type { RunResult } from '../contract/api-schemas.js';
import { variantOut } from '../ranking/phenopacket-ranking.js';
import type { RankResult } from '../ranking/ranker.js';
import type { ReasoningRun } from '../reasoning/case-reasoner.js';
import type { EvidencePack } from '../reasoning/evidence-pack.js';
import { hardwareSummary } from '../../native-models/runtime/hardware-description.js';

/** A diagnosis run as the UI shows it and the case store keeps it (plain JSON, contract-shaped). */
export function buildRunResult(
  id: string,
  caseId: string,
  result: RankResult,
  pack: EvidencePack | undefined,
  reasoning: ReasoningRun | undefined,
  timings: Record<string, number>,
): RunResult {
  const run: RunResult = {
    id,
    caseId,
    createdAt: new Date().toISOString(),
    snapshotId: result.snapshotId,
    candidates: result.diseases.map((d) => ({
      rank: d.rank,
      id: d.id,
      ids: d.ids,
      label: d.label,
      mondo: d.mondo,
      score: d.score,
      probability: d.probability,
      coverage: Number.isFinite(d.coverage) ? d.coverage : 0,
      genes: d.genes,
      genotype: d.genotype ? { gene: d.genotype.gene, lr: d.genotype.lr, mode: d.genotype.mode, satisfied: d.genotype.satisfied, reason: d.genotype.reason, variants: d.genotype.variants.map(variantOut) } : undefined,
      observed: (d.explanation?.observed ?? []).map((o) => ({ id: o.id, label: o.label, match: o.match, diseaseTerm: o.diseaseTerm, lr: o.lr, frequency: o.frequencyKnown ? o.frequency : undefined })),
      excluded: (d.explanation?.excluded ?? []).map((o) => ({ id: o.id, label: o.label, match: o.match, diseaseTerm: o.diseaseTerm, lr: o.lr, frequency: o.frequencyKnown ? o.frequency : undefined })),
      notReported: (d.explanation?.notReported ?? []).map((f) => ({ id: f.id, label: f.label })),
    })),
    genes: result.genes.map((g) => ({ rank: g.rank, symbol: g.symbol, score: g.score, probability: g.probability, genotypeLR: g.genotype?.lr })),
    discriminating: (pack?.discriminating ?? []).map((f) => ({ hpoId: f.hpoId, label: f.label, presentIn: f.presentIn, absentIn: f.absentIn })),
    timings,
  };
  if (reasoning) {
    const seen = reasoning.packSeen;
    run.reasoning = {
      modelId: reasoning.model.id,
      hardware: hardwareSummary(reasoning.hardware),
      differential: reasoning.verified?.differential ?? [],
      evidence: Object.fromEntries(seen.items.map((i) => [i.id, i.text])),
      rejected: reasoning.verified?.rejected ?? [],
      fused: reasoning.fused.map((f) => ({ diseaseId: f.diseaseId, label: f.label, fusedRank: f.fusedRank, deterministicRank: f.deterministicRank, llmRank: f.llmRank })),
      nextSteps: reasoning.verified?.nextSteps ?? [],
      caveats: reasoning.verified?.caveats ?? [],
      error: reasoning.error,
    };
  }
  return run;
}

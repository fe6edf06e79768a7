import { hardwareSummary, type HardwareDescription } from '../../native-models/runtime/hardware-description.js';
import type { RunView } from '../contract/api-schemas.js';
import { variantOut } from './variant-out.js';
import type { RunResult } from './run-types.js';

/**
 * A run as the UI shows it and the case store keeps it (plain JSON, contract-shaped). Every stored run has this
 * shape, whoever made it (the app, `diagnose --save`, re-analysis), so any run can be opened in the app.
 */
export function runView(id: string, run: RunResult): RunView {
  const { ranking, evidencePack: pack, reasoning } = run;
  const view: RunView = {
    id,
    caseId: run.caseId,
    createdAt: run.finishedAt,
    snapshotId: ranking.snapshotId,
    unlistedProbability: ranking.unlistedProbability,
    candidates: ranking.diseases.map((d) => ({
      rank: d.rank,
      id: d.id,
      ids: d.ids,
      label: d.label,
      mondo: d.mondo,
      score: d.score,
      probability: d.probability,
      coverage: Number.isFinite(d.coverage) ? d.coverage : 0,
      parts: d.parts,
      genes: d.genes,
      genotype: d.genotype ? { gene: d.genotype.gene, lr: d.genotype.lr, mode: d.genotype.mode, satisfied: d.genotype.satisfied, reason: d.genotype.reason, variants: d.genotype.variants.map(variantOut) } : undefined,
      observed: (d.explanation?.observed ?? []).map((o) => ({ id: o.id, label: o.label, match: o.match, diseaseTerm: o.diseaseTerm, lr: o.lr, frequency: o.frequency > 0 ? o.frequency : undefined, frequencyText: o.frequencyText })),
      excluded: (d.explanation?.excluded ?? []).map((o) => ({ id: o.id, label: o.label, match: o.match, diseaseTerm: o.diseaseTerm, lr: o.lr, frequency: o.frequency > 0 ? o.frequency : undefined, frequencyText: o.notYetDue ? `${o.frequencyText ?? ''}; not yet due at this age` : o.frequencyText })),
      notReported: (d.explanation?.notReported ?? []).map((f) => ({ id: f.id, label: f.label, frequencyText: f.frequencyText, lr: f.lr })),
      ...(d.profile ? { profile: d.profile } : {}),
    })),
    genes: ranking.genes.map((g) => ({ rank: g.rank, symbol: g.symbol, score: g.score, probability: g.probability, genotypeLR: g.genotype?.lr })),
    discriminating: (pack?.discriminating ?? []).map((f) => ({ hpoId: f.hpoId, label: f.label, presentIn: f.presentIn, absentIn: f.absentIn })),
    timings: run.timings,
  };
  if (reasoning) {
    view.reasoning = {
      modelId: reasoning.model.id,
      hardware: hardwareSummary(reasoning.hardware as HardwareDescription),
      differential: reasoning.verified?.differential ?? [],
      evidence: Object.fromEntries(reasoning.packSeen.items.map((i) => [i.id, i.text])),
      rejected: reasoning.verified?.rejected ?? [],
      fused: reasoning.fused.map((f) => ({ diseaseId: f.diseaseId, label: f.label, fusedRank: f.fusedRank, deterministicRank: f.deterministicRank, llmRank: f.llmRank })),
      nextSteps: reasoning.verified?.nextSteps ?? [],
      caveats: reasoning.verified?.caveats ?? [],
      error: reasoning.error,
    };
  }
  return view;
}

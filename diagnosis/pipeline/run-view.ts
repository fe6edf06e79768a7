import { basename } from 'node:path';
import { hardwareSummary, type HardwareDescription } from '../../native-models/runtime/hardware-description.js';
import type { RunView } from '../contract/api-schemas.js';
import { orderDiseaseIds } from '../contract/disease-ids.js';
import { variantsAndGenotype } from './variant-out.js';
import type { RunResult } from './run-types.js';

/** The name of a disease entry in the current knowledge (undefined when unknown). */
export type DiseaseLabelOf = (id: string) => string | undefined;

/**
 * One id per disease concept (contract/disease-ids.ts): each candidate is shown under its OMIM id when it has one,
 * whichever of its entries the ranker scored best, with that entry's name; the scored entry is kept as `entryId`
 * (the evidence pack and the model cite it). Also applied to stored runs when they are read, so runs stored before
 * this rule show the same ids.
 */
export function withPreferredIds(view: RunView, labelOf?: DiseaseLabelOf): RunView {
  return {
    ...view,
    candidates: view.candidates.map((c) => {
      const ids = orderDiseaseIds([c.id, ...c.ids]);
      const id = ids[0]!;
      if (id === c.id) return ids.join() === c.ids.join() ? c : { ...c, ids };
      return { ...c, id, ids, entryId: c.entryId ?? c.id, label: labelOf?.(id) ?? c.label };
    }),
  };
}

/**
 * A run as the UI shows it and the case store keeps it (plain JSON, contract-shaped). Every stored run has this
 * shape, whoever made it (the app, `diagnose --save`, re-analysis), so any run can be opened in the app.
 */
export function runView(id: string, run: RunResult, labelOf?: DiseaseLabelOf): RunView {
  const { ranking, evidencePack: pack, reasoning } = run;
  const vcf = run.stamp.vcf;
  const s = ranking.vcf;
  const view: RunView = {
    id,
    caseId: run.caseId,
    createdAt: run.finishedAt,
    snapshotId: ranking.snapshotId,
    unlistedProbability: ranking.unlistedProbability,
    // what the genotype panel states about the run: it read this VCF (or none)
    ...(vcf && s
      ? {
          vcf: {
            // a lab's list is named as one, so the page and the report never call it a VCF
            file: 'path' in vcf ? basename(vcf.path) : s.buildBasis === 'candidate list' ? `candidate list (${vcf.label})` : vcf.label,
            ...('sha256' in vcf ? { sha256: vcf.sha256 } : {}),
            sample: s.sample,
            build: s.build,
            records: s.records,
            passed: s.passed,
            inGenes: s.inGenes,
          },
        }
      : {}),
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
      // each variant with its family members' calls and, where the check rests on it, the inheritance finding
      genotype: d.genotype
        ? {
            gene: d.genotype.gene,
            lr: d.genotype.lr,
            mode: d.genotype.mode,
            satisfied: d.genotype.satisfied,
            reason: d.genotype.reason,
            variants: variantsAndGenotype(d.genotype.variants, { ...d.genotype, evidence: [] }).variants,
          }
        : undefined,
      observed: (d.explanation?.observed ?? []).map((o) => ({ id: o.id, label: o.label, match: o.match, diseaseTerm: o.diseaseTerm, lr: o.lr, frequency: o.frequency > 0 ? o.frequency : undefined, frequencyText: o.frequencyText })),
      excluded: (d.explanation?.excluded ?? []).map((o) => ({ id: o.id, label: o.label, match: o.match, diseaseTerm: o.diseaseTerm, lr: o.lr, frequency: o.frequency > 0 ? o.frequency : undefined, frequencyText: o.notYetDue ? `${o.frequencyText ?? ''}; not yet due at this age` : o.frequencyText })),
      notReported: (d.explanation?.notReported ?? []).map((f) => ({ id: f.id, label: f.label, frequencyText: f.frequencyText, lr: f.lr })),
      ...(d.profile ? { profile: d.profile } : {}),
    })),
    genes: ranking.genes.map((g) => ({ rank: g.rank, symbol: g.symbol, score: g.score, probability: g.probability, genotypeLR: g.genotype?.lr })),
    discriminating: (pack?.discriminating ?? []).map((f) => ({ hpoId: f.hpoId, label: f.label, presentIn: f.presentIn, absentIn: f.absentIn })),
    ...(run.setAside?.length ? { setAside: run.setAside } : {}),
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
  return withPreferredIds(view, labelOf);
}

import { sha256File } from '../../native-models/registry/file-sha256.js';
import type { DiagnosisEngine } from '../pipeline/diagnosis-engine.js';
import type { RankResult } from '../ranking/ranker.js';
import type { PatientVariants } from '../variants/patient-variants.js';
import type { RankCaseFunction } from './reanalysis.js';

const round = (x: number) => Number(x.toPrecision(6));

/** What a run stores of a ranking: the differential and the genes, without the per-variant detail (kept small). */
export function compactRankResult(r: RankResult) {
  return {
    snapshotId: r.snapshotId,
    candidates: r.candidates,
    diseases: r.diseases.map((d) => ({ rank: d.rank, id: d.id, ids: d.ids, label: d.label, mondo: d.mondo, score: round(d.score), probability: round(d.probability) })),
    genes: r.genes.map((g) => ({
      rank: g.rank,
      symbol: g.symbol,
      ncbiGeneId: g.ncbiGeneId,
      score: round(g.score),
      probability: round(g.probability),
      ...(g.genotype ? { genotype: g.genotype } : {}),
    })),
    skipped: r.skipped.map((s) => ({ id: s.input, reason: s.reason })),
    ...(r.vcf ? { vcf: { file: r.vcf.file, records: r.vcf.records, passed: r.vcf.passed, sample: r.vcf.sample, build: r.vcf.build } } : {}),
  };
}

/**
 * The deterministic engine as a ranking function for the case store (re-analysis, the CLI, the app). A case with a
 * VCF is ranked with it, after checking the file is still the one that was attached: a re-analysis must not
 * silently rank other variants, nor drop them.
 */
export function engineRankFunction(engine: DiagnosisEngine, options: { top?: number } = {}): RankCaseFunction {
  const top = options.top ?? 100;
  return async (inputs) => {
    const timings: Record<string, number> = {};
    let variants: PatientVariants | undefined;
    if (inputs.vcf) {
      const t0 = performance.now();
      const sha = await sha256File(inputs.vcf.path);
      if (sha !== inputs.vcf.sha256) throw new Error(`${inputs.vcf.path}: the VCF changed since it was attached (sha256 ${sha.slice(0, 12)}…, recorded ${inputs.vcf.sha256.slice(0, 12)}…)`);
      variants = await engine.readVariants(inputs.vcf.path, { sample: inputs.vcf.sample ?? undefined, assembly: inputs.vcf.build ?? undefined });
      timings['vcfMs'] = performance.now() - t0;
    }
    const t1 = performance.now();
    const result = engine.rank(inputs.findings, { top, variants });
    timings['rankMs'] = performance.now() - t1;
    return {
      snapshotId: result.snapshotId,
      topCandidates: result.diseases.slice(0, 10).map((d) => d.id),
      result: compactRankResult(result),
      parameters: { top, ranker: { ...engine.ranker.parameters } },
      timings,
    };
  };
}

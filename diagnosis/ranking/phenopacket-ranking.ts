import { isAbsolute, resolve, dirname } from 'node:path';
import { z } from 'zod';
import { SourceError } from '../../graph-snapshot/io/source-error.js';
import { parsePhenopacketCase } from '../case/phenopacket-input.js';
import type { JsonLine } from '../io/jsonl-reader.js';
import type { DiagnosisEngine } from '../pipeline/diagnosis-engine.js';
import type { PatientVariants, VcfSummary } from '../variants/patient-variants.js';
import type { AnnotatedVariant } from '../variants/variant-annotator.js';
import { NoObservedTermsError } from './ranker.js';

/** One output line of `rarediag rank --phenopackets` (the command-line contract). */
export type RankOutputLine =
  | {
      id: string;
      diseases: { id: string; label: string; mondo: string; score: number; probability: number; rank: number; ids: string[] }[];
      genes: {
        symbol: string;
        ncbiGeneId: number;
        score: number;
        rank: number;
        probability: number;
        variants?: VariantOut[];
        genotype?: { lr: number; mode: string; satisfied: boolean; reason: string };
      }[];
      /** input terms that were not used, and why */
      skipped?: { id: string; reason: string }[];
      vcf?: { records: number; passed: number; lifted: number; unlifted: number; inGenes: number; sample: string; build: string; dropped: Record<string, number> };
    }
  | { id: string | null; error: string };

const round = (x: number, digits: number) => Number(x.toPrecision(digits));

interface VariantOut {
  grch38: string;
  input: string;
  inputBuild: string;
  zygosity: string;
  clinvar?: { significance: string; stars: number; id: string; hgvsC?: string; hgvsP?: string };
  consequence?: string;
  tier: string;
  lr: number;
}

export function variantOut(v: AnnotatedVariant): VariantOut {
  return {
    grch38: v.key,
    input: v.inputKey,
    inputBuild: v.inputBuild,
    zygosity: v.call.zygosity,
    clinvar: v.clinvar
      ? { significance: v.clinvar.significance, stars: v.clinvar.stars, id: v.clinvar.clinvarId, hgvsC: v.clinvar.hgvsC || undefined, hgvsP: v.clinvar.hgvsP || undefined }
      : undefined,
    consequence: v.annotation?.consequence,
    tier: v.assessment.tier,
    lr: v.assessment.lr,
  };
}

/** Wrapper fields that attach a VCF to a case (issue 4 contract). */
const vcfWrapper = z.object({ vcf: z.string().min(1), genomeAssembly: z.enum(['GRCh37', 'GRCh38']).optional(), sample: z.string().optional() });

function vcfSummaryOut(s: VcfSummary) {
  return { records: s.records, passed: s.passed, lifted: s.lifted, unlifted: s.unlifted, inGenes: s.inGenes, sample: s.sample, build: s.build, dropped: s.dropped };
}

/**
 * Ranks one input record (a phenopacket or a wrapper, optionally with `"vcf"`, `"genomeAssembly"` and `"sample"`).
 * Problems with the record or its VCF become an `error` line naming the input line, so one bad case never stops a
 * batch. A relative VCF path is resolved against the input file's directory.
 */
export async function rankPhenopacketRecord(engine: DiagnosisEngine, rec: JsonLine, top: number, inputFile?: string): Promise<RankOutputLine> {
  if (!rec.ok) return { id: null, error: `line ${rec.line}: ${rec.error}` };
  const parsed = parsePhenopacketCase(rec.value);
  if (!parsed.ok) return { id: parsed.id ?? null, error: `line ${rec.line}: ${parsed.error}` };
  const { findings } = parsed;
  let variants: PatientVariants | undefined;
  if ('vcf' in parsed.extra) {
    const w = vcfWrapper.safeParse(parsed.extra);
    if (!w.success) return { id: findings.id, error: `line ${rec.line}: wrapper field ${w.error.issues[0]!.path.join('.')}: ${w.error.issues[0]!.message}` };
    const path = isAbsolute(w.data.vcf) || !inputFile ? w.data.vcf : resolve(dirname(inputFile), w.data.vcf);
    try {
      variants = await engine.readVariants(path, { assembly: w.data.genomeAssembly, sample: w.data.sample });
    } catch (err) {
      if (err instanceof SourceError) return { id: findings.id, error: `line ${rec.line}: ${err.message}` };
      throw err;
    }
  }
  try {
    const result = engine.rank(findings, { top, variants });
    const line: RankOutputLine = {
      id: findings.id,
      diseases: result.diseases.map((d) => ({
        id: d.id,
        label: d.label,
        mondo: d.mondo,
        score: round(d.score, 6),
        probability: round(d.probability, 6),
        rank: d.rank,
        ids: d.ids,
      })),
      genes: result.genes.map((g) => ({
        symbol: g.symbol,
        ncbiGeneId: g.ncbiGeneId,
        score: round(g.score, 6),
        rank: g.rank,
        probability: round(g.probability, 6),
        ...(g.variants ? { variants: g.variants.map(variantOut), genotype: g.genotype } : {}),
      })),
    };
    if (result.vcf) line.vcf = vcfSummaryOut(result.vcf);
    if (result.skipped.length) line.skipped = result.skipped.map((s) => ({ id: s.input, reason: s.impliedBy ? `${s.reason} (${s.impliedBy})` : s.reason }));
    return line;
  } catch (err) {
    if (err instanceof NoObservedTermsError) return { id: findings.id, error: `line ${rec.line}: ${err.message}` };
    throw err;
  }
}

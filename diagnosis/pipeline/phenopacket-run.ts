import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InputError } from '../../common/input-error.js';
import { parsePhenopacketCase, type PhenopacketVcf } from '../case-input/phenopacket-input.js';
import type { JsonLine } from '../io/jsonl-reader.js';
import type { VcfSummary } from '../variants/patient-variants.js';
import type { KnowledgeSession } from './knowledge-session.js';
import { runCase } from './run-case.js';
import { runInputsOfFindings } from './run-inputs.js';
import type { CaseRunInputs } from './run-types.js';
import { variantsAndGenotype, type VariantOut } from './variant-out.js';
import { parseListedVariant, type ListedVariant } from '../case-input/listed-variant.js';

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
        /** evidence: the GRCh38 keys of the variants the gene's genotype evidence rests on */
        genotype?: { lr: number; mode: string; satisfied: boolean; reason: string; evidence: string[] };
      }[];
      /** input terms that were not used, and why */
      skipped?: { id: string; reason: string }[];
      vcf?: {
        records: number;
        passed: number;
        lifted: number;
        unlifted: number;
        inGenes: number;
        sample: string;
        build: string;
        dropped: Record<string, number>;
        /** with a pedigree: the members read, and the trio's apparent de novo calls among the proband's */
        family?: { members: string[]; calls: number; apparentDeNovo: number };
      };
      /** with candidateVariants: how many were given and placed in a gene */
      candidateVariants?: { listed: number; inGenes: number };
      /** inputs not used (pedigree members, candidate variants), each with why */
      setAside?: string[];
    }
  | { id: string | null; error: string };

const round = (x: number, digits: number) => Number(x.toPrecision(digits));

/** How a batch reads its records. */
export interface RecordOptions {
  /** the input file: relative VCF paths of a `.jsonl` are resolved against its folder */
  inputFile?: string;
  /** a folder holding the VCFs a phenopacket names in `files` (PhEval's testdata layout: the file's name looked up here) */
  vcfDir?: string;
  /**
   * scores at full precision instead of 6 significant digits: whoever re-ranks by score (PhEval) must see two
   * candidates the ranker told apart as different, and only true ties as equal
   */
  exactScores?: boolean;
}

/** Wrapper fields that attach a VCF to a case (issue 4 contract). */
const vcfWrapper = z.object({
  vcf: z.string().min(1),
  genomeAssembly: z.enum(['GRCh37', 'GRCh38']).optional(),
  sample: z.string().optional(),
  /** issue 14: the sequenced family of a multi-sample VCF (PED ids = VCF sample names) */
  pedigree: z.string().min(1).optional(),
});
/** Issue 14: a lab's candidate list instead of a VCF; each entry is validated on its own (listed-variant.ts). */
const listWrapper = z.object({ candidateVariants: z.array(z.unknown()) });
/** Copy-number calls (BED / CSV / TSV, cnv-call-file.ts) beside the VCF or alone; their assembly when the rows do not say. */
const cnvWrapper = z.object({ cnv: z.string().min(1), cnvAssembly: z.enum(['GRCh37', 'GRCh38']).optional() });

function vcfSummaryOut(s: VcfSummary) {
  return { records: s.records, passed: s.passed, lifted: s.lifted, unlifted: s.unlifted, inGenes: s.inGenes, sample: s.sample, build: s.build, dropped: s.dropped, ...(s.structural ? { copyNumberCalls: s.structural } : {}) };
}


/**
 * Where the VCF a phenopacket names in `files` is: with `vcfDir`, the file's name in that folder (PhEval's convention:
 * corpora move between machines, their URIs do not); else the URI's path, relative to the phenopacket's folder.
 */
function phenopacketVcfPath(vcf: PhenopacketVcf, baseDir: string, vcfDir: string | undefined): string {
  let path = vcf.uri;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    if (!path.toLowerCase().startsWith('file:')) throw new Error(`files: the VCF "${path.slice(0, 60)}" is not a local file (only file: URIs and paths are read)`);
    path = fileURLToPath(path);
  }
  if (vcfDir) return join(vcfDir, basename(path));
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/**
 * Ranks one input record (a phenopacket or a wrapper, optionally with `"vcf"`, `"genomeAssembly"` and `"sample"`)
 * through `runCase`; without a wrapper `vcf`, the VCF the phenopacket names in `files` is read. Problems with the
 * record or its VCF become an `error` line naming the input line (or file), so one bad case never stops a batch. A
 * relative VCF path is resolved against the folder of the file it was written in.
 */
export async function runPhenopacketRecord(session: KnowledgeSession, rec: JsonLine, top: number, options: RecordOptions = {}): Promise<RankOutputLine> {
  const where = rec.file ? basename(rec.file) : `line ${rec.line}`;
  if (!rec.ok) return { id: null, error: `${where}: ${rec.error}` };
  const parsed = parsePhenopacketCase(rec.value);
  if (!parsed.ok) return { id: parsed.id ?? null, error: `${where}: ${parsed.error}` };
  const { findings } = parsed;
  const inputs: CaseRunInputs = runInputsOfFindings(findings, where);
  const source = rec.file ?? options.inputFile;
  const baseDir = source ? dirname(source) : process.cwd();
  if ('vcf' in parsed.extra) {
    const w = vcfWrapper.safeParse(parsed.extra);
    if (!w.success) return { id: findings.id, error: `${where}: wrapper field ${w.error.issues[0]!.path.join('.')}: ${w.error.issues[0]!.message}` };
    const path = isAbsolute(w.data.vcf) || !source ? w.data.vcf : resolve(baseDir, w.data.vcf);
    inputs.variants = { path, assembly: w.data.genomeAssembly, sample: w.data.sample };
    if (w.data.pedigree) inputs.pedigree = { path: isAbsolute(w.data.pedigree) || !source ? w.data.pedigree : resolve(baseDir, w.data.pedigree) };
  } else if ('pedigree' in parsed.extra) {
    return { id: findings.id, error: `${where}: wrapper field pedigree: a pedigree needs the family's multi-sample "vcf"` };
  } else if (parsed.vcf && !('candidateVariants' in parsed.extra)) {
    let path: string;
    try {
      path = phenopacketVcfPath(parsed.vcf, baseDir, options.vcfDir);
    } catch (err) {
      return { id: findings.id, error: `${where}: ${(err as Error).message}` };
    }
    inputs.variants = { path, assembly: parsed.vcf.assembly };
  }
  if ('cnv' in parsed.extra) {
    const w = cnvWrapper.safeParse(parsed.extra);
    if (!w.success) return { id: findings.id, error: `${where}: wrapper field ${w.error.issues[0]!.path.join('.')}: ${w.error.issues[0]!.message}` };
    const path = isAbsolute(w.data.cnv) || !source ? w.data.cnv : resolve(baseDir, w.data.cnv);
    inputs.cnvCalls = { path, assembly: w.data.cnvAssembly ?? (inputs.variants && 'path' in inputs.variants ? inputs.variants.assembly : undefined) };
  }
  const listSetAside: string[] = [];
  if ('candidateVariants' in parsed.extra) {
    if ('vcf' in parsed.extra) return { id: findings.id, error: `${where}: wrapper fields vcf and candidateVariants: give one or the other` };
    const w = listWrapper.safeParse(parsed.extra);
    if (!w.success) return { id: findings.id, error: `${where}: wrapper field candidateVariants: ${w.error.issues[0]!.message}` };
    const variants: ListedVariant[] = [];
    w.data.candidateVariants.forEach((entry, i) => {
      const v = parseListedVariant(entry, `${where}: candidateVariants[${i}]`);
      if (v.ok) variants.push(v.variant);
      else listSetAside.push(`${v.error}: set aside`);
    });
    inputs.candidateVariants = { variants, source: `${where}: candidateVariants` };
  }
  let result;
  let setAside: string[];
  try {
    const run = await runCase(session, inputs, { top, explain: 0 });
    result = run.ranking;
    setAside = [...listSetAside, ...(run.setAside ?? [])];
  } catch (err) {
    if (err instanceof InputError) return { id: findings.id, error: err.file === inputs.origin ? err.message : `${where}: ${err.message}` };
    throw err;
  }
  const digits = options.exactScores ? (x: number) => x : (x: number) => round(x, 6);
  const line: RankOutputLine = {
    id: findings.id,
    diseases: result.diseases.map((d) => ({
      id: d.id,
      label: d.label,
      mondo: d.mondo,
      score: digits(d.score),
      probability: round(d.probability, 6),
      rank: d.rank,
      ids: d.ids,
    })),
    genes: result.genes.map((g) => ({
      symbol: g.symbol,
      ncbiGeneId: g.ncbiGeneId,
      score: digits(g.score),
      rank: g.rank,
      probability: round(g.probability, 6),
      ...(g.variants && g.genotype ? variantsAndGenotype(g.variants, g.genotype) : {}),
    })),
  };
  if (result.vcf && !inputs.candidateVariants) line.vcf = vcfSummaryOut(result.vcf);
  if (line.vcf && result.vcf?.family) line.vcf.family = result.vcf.family;
  if (inputs.candidateVariants && result.vcf) line.candidateVariants = { listed: inputs.candidateVariants.variants.length + listSetAside.length, inGenes: result.vcf.inGenes };
  if (setAside.length) line.setAside = setAside;
  if (result.skipped.length) line.skipped = result.skipped.map((s) => ({ id: s.input, reason: s.impliedBy ? `${s.reason} (${s.impliedBy})` : s.reason }));
  return line;
}

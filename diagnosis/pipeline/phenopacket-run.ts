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
import { looksLikeFamily, parseFamily } from '../case-input/phenopacket-family.js';
import type { Pedigree } from '../case-input/pedigree.js';

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
  /** relatives sequenced on their own: PED id → their single-sample VCF (with `pedigree`) */
  memberVcfs: z.record(z.string().min(1), z.string().min(1)).optional(),
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

type FamilyRecord = { ok: true; value: unknown; pedigree: Pedigree; familyId: string } | { ok: false; id?: string; error: string };

/**
 * A Family record → the proband's phenopacket as a record of its own (the wrapper's other fields kept; the Family's
 * `files` stand in when the proband names no VCF: the family's joint VCF) and the pedigree; undefined for a phenopacket.
 */
function familyOf(value: unknown): FamilyRecord | undefined {
  const wrapped = !!value && typeof value === 'object' && 'phenopacket' in value;
  const inner = wrapped ? (value as { phenopacket: unknown }).phenopacket : value;
  if (!looksLikeFamily(inner)) return undefined;
  const f = parseFamily(inner);
  const familyId = (inner as { id?: unknown }).id;
  if (!f.ok) return { ok: false, ...(typeof familyId === 'string' ? { id: familyId } : {}), error: f.error };
  const files = (inner as { files?: unknown }).files;
  const proband = f.proband as Record<string, unknown>;
  const packet = proband['files'] === undefined && files !== undefined ? { ...proband, files } : proband;
  const rest = wrapped ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => k !== 'phenopacket')) : {};
  return { ok: true, value: { ...rest, phenopacket: packet }, pedigree: f.pedigree, familyId: String(familyId) };
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
  // a GA4GH Family (the line itself, or a wrapper's "phenopacket"): its proband is ranked, its pedigree read
  const family = familyOf(rec.value);
  if (family && !family.ok) return { id: family.id ?? null, error: `${where}: ${family.error}` };
  const parsed = parsePhenopacketCase(family ? family.value : rec.value);
  if (!parsed.ok) return { id: parsed.id ?? null, error: `${where}: ${parsed.error}` };
  const { findings } = parsed;
  const inputs: CaseRunInputs = runInputsOfFindings(findings, where);
  const source = rec.file ?? options.inputFile;
  const baseDir = source ? dirname(source) : process.cwd();
  if ('vcf' in parsed.extra) {
    const w = vcfWrapper.safeParse(parsed.extra);
    if (!w.success) return { id: findings.id, error: `${where}: wrapper field ${w.error.issues[0]!.path.join('.')}: ${w.error.issues[0]!.message}` };
    const path = isAbsolute(w.data.vcf) || !source ? w.data.vcf : resolve(baseDir, w.data.vcf);
    const at = (p: string) => (isAbsolute(p) || !source ? p : resolve(baseDir, p));
    inputs.variants = { path, assembly: w.data.genomeAssembly, sample: w.data.sample };
    if (w.data.pedigree) inputs.pedigree = { path: at(w.data.pedigree) };
    if (w.data.memberVcfs) {
      if (!w.data.pedigree) return { id: findings.id, error: `${where}: wrapper field memberVcfs: relatives' VCFs need the family's "pedigree"` };
      inputs.variants.memberVcfs = Object.entries(w.data.memberVcfs).map(([member, p]) => ({ member, path: at(p) }));
    }
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
  if (family?.ok) {
    if (inputs.pedigree) return { id: findings.id, error: `${where}: a Family with a wrapper "pedigree" too: give one pedigree` };
    if (inputs.variants) inputs.pedigree = { pedigree: family.pedigree, source: `${where}: family ${family.familyId}` };
    else listSetAside.push(`${where}: family ${family.familyId}: the pedigree is not used without the family's VCF`);
  }
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

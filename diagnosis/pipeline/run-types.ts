import type { CnvCallRecord } from '../case-input/cnv-call-file.js';
import type { ModelRegistry } from '../../native-models/registry/model-registry.js';
import type { GenerationChunk, ModelRuntime } from '../../native-models/runtime/model-runtime.js';
import type { Sex } from '../case-input/case-findings.js';
import type { LlmIntakeResult } from '../intake/llm-proposals.js';
import type { RankResult } from '../ranking/ranker.js';
import type { RankerParameters } from '../ranking/ranker-parameters.js';
import type { ReasoningRun } from '../reasoning/case-reasoner.js';
import type { EvidencePack } from '../reasoning/evidence-pack.js';
import type { PatientVariants } from '../variants/patient-variants.js';
import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import type { ListedVariant } from '../case-input/listed-variant.js';
import type { Pedigree } from '../case-input/pedigree.js';

/** The statuses a finding of a case can have; only present and excluded findings are ranked. */
export type RunFindingStatus = 'present' | 'excluded' | 'uncertain' | 'family';

/**
 * A finding as a run uses it: typed (or imported) by a clinician, extracted from the narrative (with its span), or
 * proposed by the local model and accepted by a clinician.
 */
export interface RunFinding {
  hpoId: string;
  label: string;
  status: RunFindingStatus;
  source: 'typed' | 'extracted' | 'llm-accepted';
  start?: number;
  end?: number;
  text?: string;
  confidence?: number;
}

/** A finding given to a run; the run fills in the label from the ontology when it is missing. */
export type RecordedFinding = Omit<RunFinding, 'label'> & { label?: string };

/** The patient's variants: a VCF file (read, lifted and annotated by the run), or variants already read (benchmarks). */
export type RunVariantsInput =
  | {
      path: string;
      /** when the VCF was attached earlier: the run refuses a file that changed since */
      sha256?: string;
      sample?: string;
      assembly?: GenomeBuild;
      /** keep only FILTER = PASS or '.' (default true) */
      passOnly?: boolean;
      /** with a pedigree: relatives sequenced on their own, each one's single-sample VCF (else `path` is joint-called) */
      memberVcfs?: { member: string; path: string }[];
    }
  | { preloaded: PatientVariants; label: string };

/** Everything `runCase` needs to know about a case. */
export interface CaseRunInputs {
  caseId: string;
  /** where the case came from, for error messages (a file path, "case 3f2a…", "line 12") */
  origin?: string;
  sex?: Sex;
  ageYears?: number;
  narrative?: string;
  /** findings recorded for the case (typed, or extracted earlier and reviewed) */
  findings: RecordedFinding[];
  variants?: RunVariantsInput;
  /**
   * The sequenced family of a multi-sample VCF (`variants.path`): a PED file, or a pedigree already read (a
   * phenopacket's Family, the app). Its proband is the VCF sample (`variants.sample`, else the one affected member).
   */
  pedigree?: { path: string } | { pedigree: Pedigree; source: string };
  /** a lab's prioritized candidate variants, when there is no VCF: only these are weighed against the phenotype */
  candidateVariants?: { variants: ListedVariant[]; source: string };
  /**
   * Copy-number calls (a chromosomal microarray's or a CNV caller's BED / CSV / TSV, cnv-call-file.ts), beside the
   * VCF or alone; `assembly` for rows that do not state theirs (else the VCF's build). A file is read by the run.
   */
  cnvCalls?: { path: string; assembly?: GenomeBuild } | { calls: CnvCallRecord[]; source: string };
  /** inputs of the case the run will not use, with why (a stored family beside a single-sample VCF); reported in `setAside` */
  notUsed?: string[];
}

export interface ReasoningRequest {
  runtime: ModelRuntime;
  registry: ModelRegistry;
  /** registry id; default: the selected model */
  modelId?: string;
  maxTokens?: number;
  thinkingTokens?: number;
  timeoutMs?: number;
  onChunk?: (chunk: GenerationChunk) => void;
}

export interface RunOptions {
  /** run the concept recognizer over the narrative and add what it finds (default false: findings are recorded) */
  extractNarrative?: boolean;
  /** diseases and genes returned (default 50) */
  top?: number;
  /** leading diseases with a per-term explanation (default 10) */
  explain?: number;
  /** also return every concept's ln score (RankResult.conceptScores; for fitting the calibration) */
  conceptScores?: boolean;
  /** build the GraphRAG evidence pack (default: when reasoning is asked for) */
  evidencePack?: boolean;
  /** reason over the evidence pack with the local model */
  reasoning?: ReasoningRequest;
  /** let the local model propose findings from the narrative, grounded to HPO (shown for review, never ranked) */
  llmIntake?: ReasoningRequest;
  signal?: AbortSignal;
  /** fraction in [0, 1] and the step under way */
  onProgress?: (fraction: number, step: string) => void;
}

/** What a run was made with: enough to reproduce it and to tell two runs apart. */
export interface RunStamp {
  snapshotId: string;
  application: string;
  parameters: { ranker: RankerParameters; top: number; explain: number };
  /** the local model, when one reasoned */
  model?: { id: string; sha256: string | null };
  /** the hardware the model ran on */
  hardware?: Record<string, unknown>;
  /** the VCF the run read */
  vcf?: { path: string; sha256: string; members?: { member: string; path: string; sha256: string }[] } | { label: string };
}

export interface RunResult {
  caseId: string;
  startedAt: string;
  finishedAt: string;
  /** every finding of the case: recorded and extracted, with which were ranked (present / excluded) */
  findings: RunFinding[];
  ranking: RankResult;
  evidencePack?: EvidencePack;
  reasoning?: ReasoningRun;
  llmProposals?: LlmIntakeResult;
  stamp: RunStamp;
  /** inputs read but not used (pedigree members not in the VCF, candidate variants that could not be placed), with why */
  setAside?: string[];
  /** milliseconds per step */
  timings: Record<string, number>;
}

import { z } from 'zod';
import { releaseCheckView } from './release-check-view.js';

/**
 * The typed API between the UI and the engine. The same schemas validate requests and responses on both sides of the
 * Electron IPC bridge and of the loopback HTTP server, so the renderer never sees an unchecked value and the main
 * process never acts on one. Browser-safe: zod only, no Node imports.
 */
export const hpoId = z.string().regex(/^HP:\d{7}$/);
export const sex = z.enum(['MALE', 'FEMALE', 'OTHER_SEX', 'UNKNOWN_SEX']);
export const findingStatus = z.enum(['present', 'excluded', 'uncertain', 'family']);
export const findingSource = z.enum(['typed', 'extracted', 'llm-accepted']);
/**
 * new: nothing run or decided yet; in progress: under work-up; solved: a final diagnosis stands; unsolved: work-up
 * exhausted (re-analysis picks these up); closed: no further action
 */
export const caseStatus = z.enum(['new', 'in-progress', 'solved', 'unsolved', 'closed']);
/** what a clinician decides about one candidate: accept, reject, or "considered and excluded" (e.g. by a test) */
export const candidateDecision = z.enum(['accept', 'reject', 'exclude']);
export const decisionKind = z.enum(['accept', 'reject', 'exclude', 'final-diagnosis', 'mark-solved', 'mark-unsolved', 'reopen', 'close']);
/** ACMG/AMP classes of a variant */
export const variantClassification = z.enum(['pathogenic', 'likely-pathogenic', 'uncertain-significance', 'likely-benign', 'benign']);
export const diagnosisCertainty = z.enum(['confirmed', 'probable', 'possible']);

export const finding = z.object({
  hpoId,
  label: z.string(),
  status: findingStatus,
  source: findingSource,
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
  text: z.string().optional(),
  confidence: z.number().min(0).max(1).optional(),
});
export type FindingView = z.infer<typeof finding>;

export const caseSummary = z.object({
  id: z.string(),
  label: z.string(),
  status: caseStatus,
  sex: sex.optional(),
  ageYears: z.number().nonnegative().optional(),
  updatedAt: z.string(),
  findingCount: z.number().int(),
  /** the leading candidate of the latest run: its id, and its name when the run recorded it */
  topCandidate: z.string().optional(),
  topCandidateLabel: z.string().optional(),
  /** the final diagnosis that stands */
  finalDiagnosis: z.object({ diseaseId: z.string(), label: z.string() }).optional(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

/** One recorded decision, as the UI and the report show it. */
export const decisionView = z.object({
  id: z.string(),
  kind: decisionKind,
  diseaseId: z.string().optional(),
  label: z.string().optional(),
  runId: z.string().optional(),
  /** the reason or note */
  note: z.string(),
  gene: z.string().optional(),
  variant: z.string().optional(),
  classification: variantClassification.optional(),
  certainty: diagnosisCertainty.optional(),
  decidedAt: z.string(),
  decidedBy: z.string(),
});
export type DecisionView = z.infer<typeof decisionView>;

export const finalDiagnosis = decisionView.extend({ diseaseId: z.string(), label: z.string() });
export type FinalDiagnosis = z.infer<typeof finalDiagnosis>;

export const vcfSummary = z.object({
  path: z.string(),
  sample: z.string(),
  build: z.string(),
  records: z.number().int(),
  passed: z.number().int(),
  lifted: z.number().int(),
  unlifted: z.number().int(),
  inGenes: z.number().int(),
  dropped: z.record(z.string(), z.number()),
  /** every sample of the VCF (attachments since schema 4): a family sequenced together is read with the case's pedigree */
  samples: z.array(z.string()).optional(),
});
export type VcfSummary = z.infer<typeof vcfSummary>;

/** A member's affected status, as PED files and Phenopacket pedigrees give it. */
export const affectedStatus = z.enum(['affected', 'unaffected', 'unknown']);
/** The vocabularies of a lab's candidate list (diagnosis/case-input/listed-variant.ts). */
export const listedZygosity = z.enum(['heterozygous', 'homozygous', 'hemizygous', 'compound heterozygous', 'mosaic']);
export const listedInheritance = z.enum(['de novo', 'maternal', 'paternal', 'unknown']);
export const acmgClass = z.enum(['pathogenic', 'likely pathogenic', 'uncertain significance', 'likely benign', 'benign']);

/** A member of the case's family: ids are the VCF's sample names when the family was sequenced together. */
export const pedigreeMember = z.object({
  id: z.string().min(1).max(100),
  sex,
  affected: affectedStatus,
  fatherId: z.string().min(1).max(100).optional(),
  motherId: z.string().min(1).max(100).optional(),
  proband: z.boolean(),
});
export type PedigreeMemberView = z.infer<typeof pedigreeMember>;

export const pedigreeView = z.object({
  familyId: z.string(),
  /** stated consanguinity of the proband's parents */
  consanguineous: z.boolean(),
  /** "typed in the app" or the PED file's name */
  source: z.string(),
  members: z.array(pedigreeMember),
  /** what a run will not use as given, and why (a father recorded as female, ...) */
  notes: z.array(z.string()),
});
export type PedigreeView = z.infer<typeof pedigreeView>;

/** One variant of a lab's prioritized list: coordinates (with their assembly), or a gene and an HGVS description. */
export const candidateVariant = z.object({
  gene: z.string().max(50).optional(),
  hgvsC: z.string().max(500).optional(),
  hgvsP: z.string().max(500).optional(),
  transcript: z.string().max(100).optional(),
  chrom: z.string().max(10).optional(),
  pos: z.number().int().positive().optional(),
  ref: z.string().max(1000).optional(),
  alt: z.string().max(1000).optional(),
  assembly: z.enum(['GRCh37', 'GRCh38']).optional(),
  zygosity: listedZygosity.optional(),
  inheritance: listedInheritance.optional(),
  acmg: acmgClass.optional(),
  /** where the row came from ("typed", file:line) */
  source: z.string().max(600).optional(),
});
export type CandidateVariantView = z.infer<typeof candidateVariant>;

export const candidateListView = z.object({ source: z.string(), variants: z.array(candidateVariant) });
export type CandidateListView = z.infer<typeof candidateListView>;

export const caseDetail = caseSummary.extend({
  /** the reason for referral, and who referred */
  indication: z.string().optional(),
  referrer: z.string().optional(),
  narrative: z.string(),
  findings: z.array(finding),
  vcf: vcfSummary.optional(),
  notes: z.string(),
  finalDiagnosis: finalDiagnosis.optional(),
  /** every decision, oldest first */
  decisions: z.array(decisionView),
  /** the family (issue 14): applied to a multi-sample VCF */
  pedigree: pedigreeView.optional(),
  /** a lab's candidate variants (issue 14): weighed when the case has no VCF */
  candidateVariants: candidateListView.optional(),
  runs: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      snapshotId: z.string(),
      modelId: z.string().optional(),
      kind: z.enum(['manual', 'reanalysis']).optional(),
      topCandidate: z.string().optional(),
      topCandidateLabel: z.string().optional(),
    }),
  ),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const termRef = z.object({ id: z.string(), label: z.string() });

export const termHit = z.object({
  id: hpoId,
  label: z.string(),
  /** the synonym that matched, when it was not the label */
  matched: z.string().optional(),
  /** the path from the top of the phenotype branch to the term's parent */
  path: z.array(termRef),
});
export type TermHit = z.infer<typeof termHit>;

export const variantEvidence = z.object({
  grch38: z.string(),
  input: z.string(),
  inputBuild: z.string(),
  zygosity: z.string(),
  clinvar: z.object({ significance: z.string(), stars: z.number(), id: z.string(), hgvsC: z.string().optional(), hgvsP: z.string().optional() }).optional(),
  consequence: z.string().optional(),
  location: z
    .object({
      transcript: z.string(),
      class: z.string(),
      position: z.string().optional(),
      exon: z.number().optional(),
      intron: z.number().optional(),
      exonCount: z.number(),
      spliceRegion: z.boolean(),
      mane: z.boolean(),
    })
    .optional(),
  constraint: z.object({ pli: z.number().optional(), loeuf: z.number().optional(), misZ: z.number().optional() }).optional(),
  tier: z.string(),
  lr: z.number(),
  /** a copy-number call (CNV): extent, copy number, genes hit, and what it does to this gene or syndrome region */
  structural: z
    .object({
      change: z.enum(['deletion', 'duplication']),
      chrom: z.string(),
      start: z.number(),
      end: z.number(),
      lengthBp: z.number(),
      copyNumber: z.number().optional(),
      genes: z.number(),
      gene: z.object({ transcript: z.string(), coverage: z.number(), whole: z.boolean(), exonsHit: z.number(), exonCount: z.number(), codingExonsHit: z.number() }).optional(),
      region: z.object({ label: z.string(), basis: z.string(), covered: z.number() }).optional(),
      text: z.string(),
    })
    .optional(),
  /** with a family (a trio's VCF, a lab's stated inheritance): each member's call */
  members: z.array(z.object({ id: z.string(), role: z.string().optional(), affected: z.string().optional(), gt: z.string(), dp: z.number().optional(), gq: z.number().optional() })).optional(),
  /** what the family says of the variant, when the genotype check rests on it */
  inheritance: z.object({ finding: z.string(), lr: z.number(), consistent: z.boolean().optional(), caution: z.string().optional() }).optional(),
});

export const termEvidence = z.object({
  id: z.string(),
  label: z.string(),
  match: z.string(),
  diseaseTerm: termRef.optional(),
  lr: z.number(),
  /** P(feature | disease) used, and what it rests on ("3/5 patients → 57 %", "Very frequent (80-99 %)") */
  frequency: z.number().optional(),
  frequencyText: z.string().optional(),
});

/** A hallmark feature of the disease the patient was not reported to have, with the (weak) evidence that was. */
export const missingFeature = termRef.extend({ frequencyText: z.string().optional(), lr: z.number().optional() });

/** The parts of a candidate's score other than the reported findings, log10 each (0: says nothing). */
export const scoreParts = z.object({ notReported: z.number(), onset: z.number(), sex: z.number(), prior: z.number(), genotype: z.number() });

export const candidate = z.object({
  rank: z.number().int(),
  /** one id per disease concept: OMIM when the concept has one (disease-ids.ts) */
  id: z.string(),
  /** every id of the concept, the shown one first */
  ids: z.array(z.string()),
  /** the entry the ranker scored, when it is not `id` (the evidence pack and the model cite it) */
  entryId: z.string().optional(),
  label: z.string(),
  mondo: z.string(),
  score: z.number(),
  probability: z.number(),
  /** share of the disease's hallmark features that the patient's present findings cover */
  coverage: z.number(),
  parts: scoreParts.optional(),
  genes: z.array(z.object({ symbol: z.string(), ncbiGeneId: z.number() })),
  genotype: z.object({ gene: z.string(), lr: z.number(), mode: z.string(), satisfied: z.boolean(), reason: z.string(), variants: z.array(variantEvidence) }).optional(),
  observed: z.array(termEvidence),
  excluded: z.array(termEvidence),
  notReported: z.array(missingFeature),
  /** a disease without a curated phenotype profile, scored from the annotated diseases of its genes (borrowedFrom) */
  profile: z.object({ curated: z.literal(false), borrowedFrom: z.array(z.string()) }).optional(),
});
export type Candidate = z.infer<typeof candidate>;

export const reasoningView = z.object({
  modelId: z.string(),
  hardware: z.string(),
  differential: z.array(z.object({ diseaseId: z.string(), label: z.string(), rank: z.number(), confidence: z.number(), rationale: z.string(), evidenceIds: z.array(z.string()) })),
  evidence: z.record(z.string(), z.string()),
  rejected: z.array(z.object({ where: z.string(), value: z.string(), reason: z.string() })),
  fused: z.array(z.object({ diseaseId: z.string(), label: z.string(), fusedRank: z.number(), deterministicRank: z.number().optional(), llmRank: z.number().optional() })),
  nextSteps: z.array(z.string()),
  caveats: z.array(z.string()),
  error: z.string().optional(),
});

export const runView = z.object({
  id: z.string(),
  caseId: z.string(),
  createdAt: z.string(),
  snapshotId: z.string(),
  candidates: z.array(candidate),
  /** calibrated probability that the diagnosis is a disease the knowledge snapshot does not contain */
  unlistedProbability: z.number().optional(),
  /** the VCF the run read (absent: the run used phenotypes only, or was stored before runs recorded it) */
  vcf: z
    .object({ file: z.string(), sha256: z.string().optional(), sample: z.string(), build: z.string(), records: z.number().int(), passed: z.number().int(), inGenes: z.number().int() })
    .optional(),
  genes: z.array(z.object({ rank: z.number(), symbol: z.string(), score: z.number(), probability: z.number(), genotypeLR: z.number().optional() })),
  discriminating: z.array(z.object({ hpoId: z.string(), label: z.string(), presentIn: z.array(z.string()), absentIn: z.array(z.string()) })),
  reasoning: reasoningView.optional(),
  /** what the run read but did not use (pedigree members not in the VCF, list rows it could not place), with why */
  setAside: z.array(z.string()).optional(),
  timings: z.record(z.string(), z.number()),
});
export type RunView = z.infer<typeof runView>;

export const snapshotInfo = z.object({
  snapshotId: z.string(),
  builtAt: z.string(),
  schemaVersion: z.number(),
  summary: z.record(z.string(), z.number()),
  sources: z.array(z.object({ path: z.string(), release: z.string() })),
  /** when the snapshot was installed with a release check: which diseases got harder or easier to find */
  releaseCheck: releaseCheckView.optional(),
});

export const modelInfo = z.object({ id: z.string(), file: z.string(), sizeBytes: z.number(), architecture: z.string(), quantization: z.string(), contextLength: z.number().optional(), selected: z.boolean() });

/** The institution and clinician printed in the report header and sign-off block (Settings). */
export const reportSettings = z.object({
  institution: z.string().max(200).optional(),
  department: z.string().max(200).optional(),
  address: z.string().max(500).optional(),
  clinician: z.string().max(200).optional(),
  clinicianTitle: z.string().max(200).optional(),
  contact: z.string().max(200).optional(),
});
export type ReportSettings = z.infer<typeof reportSettings>;

/** What the knowledge snapshot says about a disease: enough to judge a candidate without leaving the app. */
export const diseaseInfo = z.object({
  /** the concept's shown id (OMIM preferred) and all its ids */
  id: z.string(),
  ids: z.array(z.string()),
  label: z.string(),
  mondo: z.string().optional(),
  synonyms: z.array(z.string()),
  /** Orphanet classification parents */
  classification: z.array(termRef),
  inheritance: z.array(termRef),
  genes: z.array(z.object({ symbol: z.string(), ncbiGeneId: z.number(), association: z.string().optional() })),
  /** the annotated features, most frequent first (at most `featureLimit`), with the frequency and its basis */
  features: z.array(termRef.extend({ frequency: z.number().optional(), frequencyText: z.string().optional(), onset: z.string().optional() })),
  featureCount: z.number().int(),
  /** onset and clinical course terms annotated to the disease */
  onset: z.array(termRef),
  /** the knowledge sources behind it, with their releases */
  sources: z.array(z.object({ name: z.string(), release: z.string() })),
});
export type DiseaseInfo = z.infer<typeof diseaseInfo>;

/** What the loopback server's streamed upload answers: the id to pass to vcf.attach or cases.importPhenopacket. */
export const uploadReceipt = z.object({ uploadId: z.string().regex(/^[0-9a-f-]{36}$/), name: z.string(), size: z.number().int().nonnegative(), sha256: z.string() });
export type UploadReceipt = z.infer<typeof uploadReceipt>;

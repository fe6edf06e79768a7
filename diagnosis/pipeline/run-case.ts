import { applicationVersion } from '../../common/app-version.js';
import { InputError } from '../../common/input-error.js';
import { describeFsError } from '../../graph-snapshot/io/line-reader.js';
import { sha256File } from '../../native-models/registry/file-sha256.js';
import type { ExtractedFinding } from '../intake/finding.js';
import { proposeFindings } from '../intake/llm-proposals.js';
import { NoObservedTermsError } from '../ranking/ranker.js';
import { reasonAboutCase } from '../reasoning/case-reasoner.js';
import { buildEvidencePack } from '../reasoning/evidence-pack-builder.js';
import { readPedFile } from '../case-input/ped-file.js';
import { buildPedigree, PedigreeError, type Pedigree } from '../case-input/pedigree.js';
import { loadListedVariants } from '../variants/listed-variants.js';
import { readCnvCallFile, type CnvCallRecord } from '../case-input/cnv-call-file.js';
import { addCnvCalls } from '../variants/cnv-calls.js';
import { matchSyndromes } from '../variants/contiguous-syndromes.js';
import { loadPatientVariants, type PatientVariants } from '../variants/patient-variants.js';
import { loadFamilyVariants } from './family-variants.js';
import { narrativeVariants } from './narrative-variants.js';
import { collectFindings, rankedTerms } from './findings-merge.js';
import type { KnowledgeSession } from './knowledge-session.js';
import type { CaseRunInputs, ReasoningRequest, RunOptions, RunResult, RunStamp } from './run-types.js';

/** The run was cancelled through its AbortSignal. */
export class RunCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'RunCancelledError';
  }
}

/**
 * Runs one case: the only place that turns case inputs into a result (the CLI, the workstation service, re-analysis,
 * batch ranking and the benchmarks all call it). In order, each step optional but the ranking:
 *
 * 1. intake: the narrative through the concept recognizer, added to the recorded findings (findings-merge.ts has the
 *    rules: present wins over excluded; uncertain and family findings are shown, not ranked);
 * 2. variants: the VCF, refused if it changed since it was attached (sha256), read, lifted and annotated; with a
 *    pedigree, the family's members in it too (family-variants.ts); or, without a VCF, a lab's candidate list,
 *    annotated the same way (listed-variants.ts); what is read but not used is returned as `setAside`;
 * 3. ranking: the deterministic differential with per-term and per-variant evidence;
 * 4. evidence pack (GraphRAG) and, when asked, reasoning by the local model over it; LLM intake proposals;
 * 5. the stamp (snapshot, program, parameters, model and its hash, hardware, VCF hash) and the timings.
 *
 * Progress is reported through `onProgress`; the signal is checked between steps and while reading the VCF.
 * A case without a usable observed finding is an InputError naming the case.
 */
export async function runCase(session: KnowledgeSession, inputs: CaseRunInputs, options: RunOptions = {}): Promise<RunResult> {
  return session.use(async () => {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const timings: Record<string, number> = {};
    const step = (fraction: number, name: string) => {
      if (options.signal?.aborted) throw new RunCancelledError();
      options.onProgress?.(fraction, name);
    };
    const origin = inputs.origin ?? `case ${inputs.caseId}`;
    const top = options.top ?? 50;
    const explain = options.explain ?? 10;

    // 1. intake
    step(0, 'intake');
    let extracted: ExtractedFinding[] = [];
    if (options.extractNarrative && inputs.narrative?.trim()) {
      // The case's age and sex, when recorded, read the growth values of the narrative (else the text's own).
      const sex = inputs.sex === 'MALE' ? 'male' : inputs.sex === 'FEMALE' ? 'female' : undefined;
      extracted = (await session.recognizer()).extract(inputs.narrative, { ageYears: inputs.ageYears, sex });
    }
    const findings = collectFindings(session.model, inputs.findings, extracted);
    timings['intakeMs'] = performance.now() - t0;

    // 2. variants
    step(0.05, 'reading variants');
    const t1 = performance.now();
    let variants: PatientVariants | undefined;
    const setAside: string[] = [...(inputs.notUsed ?? [])];
    let sex = inputs.sex;
    let vcfStamp: RunStamp['vcf'];
    const v = inputs.variants;
    if (v && 'preloaded' in v) {
      variants = v.preloaded;
      vcfStamp = { label: v.label };
    } else if (v) {
      if (v.memberVcfs?.length && !inputs.pedigree) throw new InputError(v.memberVcfs[0]!.path, undefined, "a relative's VCF needs the family's pedigree (PED) to say who they are");
      const sha256 = await sha256File(v.path).catch((err: unknown) => {
        throw new InputError(v.path, undefined, describeFsError(err), { cause: err });
      });
      if (v.sha256 && sha256 !== v.sha256) {
        throw new InputError(v.path, undefined, `the VCF changed since it was attached (sha256 ${sha256.slice(0, 12)}…, recorded ${v.sha256.slice(0, 12)}…): attach it again`);
      }
      const read = {
        assembly: v.assembly,
        passOnly: v.passOnly,
        // copy numbers on X and Y are read against the proband's sex (the pedigree's, below, when the case has none)
        ...(inputs.sex ? { sex: inputs.sex } : {}),
        // the VCF is most of a run's time: its share of the file read moves the run from 5 % to 40 %
        onProgress: (records: number, fraction: number) => step(0.05 + 0.35 * fraction, `reading variants: ${records.toLocaleString('en-US')} records`),
      };
      if (inputs.pedigree) {
        const { pedigree, source } = await casePedigree(inputs.pedigree, v.sample);
        // the pedigree knows the proband's sex when the case does not (X-linked checks and X copy numbers need it)
        const probandSex = pedigree.members.find((m) => m.id === pedigree.probandId)?.sex;
        if (sex === undefined && probandSex !== 'UNKNOWN_SEX') sex = probandSex;
        variants = await loadFamilyVariants(v.path, pedigree, source, { ...read, ...(sex ? { sex } : {}) }, await session.variantAnnotator(), v.memberVcfs);
        setAside.push(...variants.family!.setAside);
      } else {
        variants = await loadPatientVariants(v.path, { ...read, sample: v.sample }, await session.variantAnnotator());
      }
      vcfStamp = { path: v.path, sha256 };
      if (v.memberVcfs?.length) {
        const members = [];
        for (const m of v.memberVcfs) members.push({ ...m, sha256: await sha256File(m.path).catch((err: unknown) => { throw new InputError(m.path, undefined, describeFsError(err), { cause: err }); }) });
        vcfStamp.members = members;
      }
    } else if (inputs.candidateVariants) {
      const listed = loadListedVariants(inputs.candidateVariants.variants, await session.variantAnnotator());
      variants = listed.variants;
      setAside.push(...listed.setAside);
      vcfStamp = { label: inputs.candidateVariants.source };
    } else if (options.extractNarrative && inputs.narrative?.trim()) {
      // no VCF and no list: the genetic results the narrative names, if any (narrative-variants.ts)
      const named = narrativeVariants((await session.recognizer()).candidateVariants(inputs.narrative));
      setAside.push(...named.setAside);
      if (named.variants.length > 0) {
        const loaded = loadListedVariants(named.variants, await session.variantAnnotator());
        variants = { ...loaded.variants, listed: false, named: true };
        setAside.push(...loaded.setAside);
        vcfStamp = { label: 'variants named in the narrative' };
      }
    }
    if (inputs.cnvCalls) {
      variants = await withCopyNumberCalls(session, variants, inputs.cnvCalls, setAside, sex);
      vcfStamp ??= { label: 'path' in inputs.cnvCalls ? inputs.cnvCalls.path : inputs.cnvCalls.source };
    }
    if (variants?.structural?.length || variants?.copyNumberCalled) variants = await withSyndromes(session, variants);
    timings['vcfMs'] = performance.now() - t1;

    // 3. ranking
    step(0.4, 'ranking');
    const t2 = performance.now();
    const terms = rankedTerms(findings);
    let ranking;
    try {
      ranking = session.ranker.rank({ ...terms, sex, ageYears: inputs.ageYears }, { top, explain, variants, conceptScores: options.conceptScores });
    } catch (err) {
      if (err instanceof NoObservedTermsError) throw new InputError(origin, undefined, err.message, { cause: err });
      throw err;
    }
    timings['rankMs'] = performance.now() - t2;

    // 4. evidence pack, reasoning, LLM intake
    const result: RunResult = {
      caseId: inputs.caseId,
      startedAt,
      finishedAt: startedAt,
      findings,
      ranking,
      stamp: {
        snapshotId: session.snapshotId,
        application: applicationVersion(),
        parameters: { ranker: { ...session.ranker.parameters }, top, explain },
        ...(vcfStamp ? { vcf: vcfStamp } : {}),
      },
      timings,
      ...(setAside.length ? { setAside } : {}),
    };
    if (options.evidencePack || options.reasoning) {
      step(0.5, 'evidence pack');
      const t3 = performance.now();
      result.evidencePack = await buildEvidencePack(session.ranker, session.graph, await session.diseaseTextIndex(), inputs, ranking, { narrative: inputs.narrative });
      timings['evidencePackMs'] = performance.now() - t3;
    }
    if (options.reasoning) {
      step(0.6, 'loading the local model');
      const t4 = performance.now();
      const r = options.reasoning;
      await ensureModelLoaded(r, options.signal);
      step(0.7, 'reasoning');
      result.reasoning = await reasonAboutCase(r.runtime, session.model, result.evidencePack!, {
        maxTokens: r.maxTokens,
        thinkingTokens: r.thinkingTokens,
        timeoutMs: r.timeoutMs,
        signal: options.signal,
        onChunk: r.onChunk,
      });
      result.stamp.model = { id: result.reasoning.model.id, sha256: result.reasoning.model.sha256 };
      result.stamp.hardware = r.runtime.hardware as unknown as Record<string, unknown>;
      timings['reasoningMs'] = performance.now() - t4;
    }
    if (options.llmIntake && inputs.narrative?.trim()) {
      step(0.9, 'LLM intake');
      const t5 = performance.now();
      const r = options.llmIntake;
      await ensureModelLoaded(r, options.signal);
      result.llmProposals = await proposeFindings(r.runtime, await session.recognizer(), await session.termSearch(), inputs.narrative, {
        maxTokens: r.maxTokens,
        timeoutMs: r.timeoutMs,
        signal: options.signal,
        onChunk: r.onChunk,
      });
      timings['llmIntakeMs'] = performance.now() - t5;
    }
    if (options.signal?.aborted) throw new RunCancelledError();
    timings['totalMs'] = performance.now() - t0;
    result.finishedAt = new Date().toISOString();
    options.onProgress?.(1, 'done');
    return result;
  });
}

/**
 * Copy-number calls from a file added to the variants (a VCF's or none); the rows set aside are said. The assembly of
 * a row that does not state its own: the input's, else the VCF's; with neither, the file is refused (arrays are
 * still often GRCh37, and guessing would place every call wrongly).
 */
async function withCopyNumberCalls(session: KnowledgeSession, variants: PatientVariants | undefined, input: NonNullable<CaseRunInputs['cnvCalls']>, setAside: string[], sex: string | undefined): Promise<PatientVariants> {
  const build = ('assembly' in input ? input.assembly : undefined) ?? (variants && !variants.listed && !variants.named ? variants.summary.build : undefined);
  let calls: CnvCallRecord[];
  let source: string;
  if ('path' in input) {
    const list = await readCnvCallFile(input.path, { ...(build ? { assembly: build } : {}), ...(sex ? { sex } : {}) });
    setAside.push(...list.setAside);
    calls = list.calls;
    source = input.path;
  } else {
    calls = input.calls;
    source = input.source;
  }
  const missing = calls.find((c) => !c.assembly && !build);
  if (missing) throw new InputError(missing.source, undefined, 'the genome build of the CNV calls is not known: give an assembly column, or the assembly (GRCh37 or GRCh38)');
  return addCnvCalls(variants, calls, await session.variantAnnotator(), build ?? 'GRCh38', source);
}

/** The contiguous-gene syndromes whose critical region a call covers (contiguous-syndromes.ts), in each call's assembly. */
async function withSyndromes(session: KnowledgeSession, variants: PatientVariants): Promise<PatientVariants> {
  const builds = [...new Set((variants.structural ?? []).map((e) => e.build))];
  if (builds.length === 0) builds.push(variants.summary.build);
  const tables = new Map(await Promise.all(builds.map(async (b) => [b, await session.syndromeRegions(b)] as const)));
  const syndromeDiseases = new Set([...tables.values()].flatMap((t) => t.regions.map((r) => r.disease)));
  return { ...variants, syndromes: matchSyndromes(variants.structural ?? [], (b) => tables.get(b)?.regions ?? []), syndromeDiseases };
}

/** The case's pedigree, its proband the VCF sample when one is named (a PED file is read here). */
async function casePedigree(p: NonNullable<CaseRunInputs['pedigree']>, sample: string | undefined): Promise<{ pedigree: Pedigree; source: string }> {
  if ('path' in p) return { pedigree: await readPedFile(p.path, sample ? { probandId: sample } : {}), source: p.path };
  if (!sample || sample === p.pedigree.probandId) return p;
  try {
    return { pedigree: buildPedigree(p.pedigree.members, { probandId: sample, consanguineous: p.pedigree.consanguineous, source: p.source }), source: p.source };
  } catch (err) {
    if (err instanceof PedigreeError) throw new InputError(err.where, undefined, err.detail, { cause: err });
    throw err;
  }
}

/** Loads the requested registry model into the runtime unless it is the one already loaded. */
async function ensureModelLoaded(r: ReasoningRequest, signal: AbortSignal | undefined): Promise<void> {
  const entry = await r.registry.resolve(r.modelId).catch((err: unknown) => {
    throw new InputError(r.registry.registryPath, undefined, `${(err as Error).message}. Import a GGUF model first: rarediag models import FILE.gguf`, { cause: err });
  });
  if (r.runtime.loadedModel?.id === entry.id) return;
  // node-llama-cpp is loaded only when a model is asked for (it costs ~0.3 s at start-up).
  const { loadRegisteredModel } = await import('../../native-models/runtime/load-registered-model.js');
  await loadRegisteredModel(r.runtime, r.registry, entry.id, { signal });
}

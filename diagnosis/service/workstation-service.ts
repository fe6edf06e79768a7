import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';
import { SourceError } from '../../graph-snapshot/io/source-error.js';
import { ensureSnapshot } from '../../graph-snapshot/snapshot/ensure-snapshot.js';
import { readManifest } from '../../graph-snapshot/snapshot/manifest.js';
import { verifySnapshot } from '../../graph-snapshot/snapshot/verify-snapshot.js';
import { ModelRegistry } from '../../native-models/registry/model-registry.js';
import type { ModelRuntime } from '../../native-models/runtime/model-runtime.js';
import { CaseInputError, CaseNotFoundError } from '../cases/case-errors.js';
import { CaseStore } from '../cases/case-store.js';
import type { CaseStoreKey } from '../cases/store-key.js';
import { ApiCallError, parseResponse, type ApiMethod, type ApiRequest, type ApiResponse, type JobEvent } from '../contract/api.js';
import type { Finding, RunResult } from '../contract/api-schemas.js';
import type { ConceptRecognizer } from '../intake/concept-recognizer.js';
import { loadConceptRecognizer } from '../intake/load-recognizer.js';
import { DiagnosisEngine } from '../pipeline/diagnosis-engine.js';
import { reasonAboutCase } from '../reasoning/case-reasoner.js';
import { DiseaseTextIndex } from '../reasoning/disease-text-index.js';
import { buildEvidencePack } from '../reasoning/evidence-pack-builder.js';
import { clinicalReportHtml } from '../report/clinical-report.js';
import { TermSearch } from '../terms/term-search.js';
import { toContractCase, toContractSummary, yearsToDuration } from './contract-mappers.js';
import { JobRunner } from './job-runner.js';
import { buildRunResult } from './run-result-builder.js';
import { durationToYears } from '../case/iso8601-duration.js';

export interface WorkstationOptions {
  snapshotDir: string;
  sourcesDir: string;
  storeFile: string;
  storeKey: CaseStoreKey;
  modelStoreDir: string;
  applicationVersion: string;
  /** who makes the changes (recorded in the audit log) */
  actor?: string;
  /** CPU threads for the local model */
  threads?: number;
  /** turns report HTML into PDF (the desktop app passes Electron's printToPDF; the loopback server has none) */
  renderPdf?: (html: string) => Promise<Buffer>;
}

/**
 * The engine behind the UI: one implementation of the typed API (diagnosis/contract), used by the Electron main
 * process and by the loopback server. It owns the snapshot engine, the case store, the intake, the model runtime and
 * the background jobs.
 */
export class WorkstationService {
  private readonly jobs = new JobRunner();
  private recognizer: Promise<ConceptRecognizer> | undefined;
  private termSearch: Promise<TermSearch> | undefined;
  private textIndex: Promise<DiseaseTextIndex> | undefined;
  private runtime: Promise<ModelRuntime> | undefined;

  private constructor(
    private readonly o: WorkstationOptions,
    private engine: DiagnosisEngine,
    private readonly store: CaseStore,
  ) {}

  static async create(o: WorkstationOptions): Promise<WorkstationService> {
    await ensureSnapshot(o.snapshotDir, o.sourcesDir);
    const engine = await DiagnosisEngine.open(o.snapshotDir);
    const store = CaseStore.open({ path: o.storeFile, key: o.storeKey, actor: o.actor ?? 'clinician' });
    return new WorkstationService(o, engine, store);
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    return this.jobs.onEvent(listener);
  }

  async close(): Promise<void> {
    await this.jobs.idle();
    if (this.runtime) await (await this.runtime).dispose();
    if (this.textIndex) (await this.textIndex).close();
    this.store.close();
  }

  /** Dispatches a validated request; store errors become API errors with a kind the UI can show. */
  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    try {
      return parseResponse(method, await this.dispatch(method, request as never));
    } catch (err) {
      if (err instanceof ApiCallError) throw err;
      if (err instanceof CaseNotFoundError) throw new ApiCallError(err.message, 'not-found');
      if (err instanceof CaseInputError || err instanceof SourceError) throw new ApiCallError(err.message, 'bad-input');
      throw err;
    }
  }

  private async dispatch(method: ApiMethod, r: Record<string, never>): Promise<unknown> {
    const req = r as Record<string, unknown>;
    switch (method) {
      case 'snapshot.info': {
        const m = await readManifest(this.o.snapshotDir);
        return { snapshotId: m.snapshotId, builtAt: m.builtAt, schemaVersion: m.schemaVersion, summary: m.counts.summary, sources: m.sources.map((s) => ({ path: s.path, release: s.release })) };
      }
      case 'snapshot.verify': {
        const v = await verifySnapshot(this.o.snapshotDir);
        return { ok: v.ok, problems: v.problems };
      }
      case 'cases.list': {
        const search = typeof req['search'] === 'string' ? (req['search'] as string).trim() : '';
        const all = this.store.listCases();
        if (!search) return all.map(toContractSummary);
        const hits = new Set(this.store.search(search).map((h) => h.caseId));
        const lower = search.toLowerCase();
        return all.filter((c) => hits.has(c.id) || c.label.toLowerCase().includes(lower)).map(toContractSummary);
      }
      case 'cases.get':
        return toContractCase(this.store.getCase(req['id'] as string));
      case 'cases.create': {
        const created = this.store.createCase({
          label: req['label'] as string,
          sex: req['sex'] as never,
          age: typeof req['ageYears'] === 'number' ? yearsToDuration(req['ageYears'] as number) : undefined,
        });
        return toContractCase(created);
      }
      case 'cases.update':
        return toContractCase(this.updateCase(req));
      case 'cases.setFindings':
        return toContractCase(this.setFindings(req['id'] as string, req['findings'] as Finding[]));
      case 'intake.extract':
        return (await this.intake()).extract(req['text'] as string).map((f) => ({
          hpoId: f.hpoId,
          label: f.label,
          status: f.status,
          source: 'extracted' as const,
          start: f.start,
          end: f.end,
          text: f.text,
          confidence: f.confidence,
        }));
      case 'terms.search':
        return (await this.terms()).search(req['query'] as string, (req['limit'] as number | undefined) ?? 10);
      case 'vcf.attach':
        return { jobId: this.attachVcf(req['caseId'] as string, req['path'] as string, req['sample'] as string | undefined, req['assembly'] as 'GRCh37' | 'GRCh38' | undefined) };
      case 'diagnosis.run':
        this.store.getCaseRecord(req['caseId'] as string);
        return { jobId: this.runDiagnosis(req['caseId'] as string, req['reason'] === true, req['modelId'] as string | undefined) };
      case 'runs.get':
        return this.getRun(req['runId'] as string);
      case 'decisions.record':
        this.store.recordDecision(req['caseId'] as string, {
          kind: req['decision'] as 'accept' | 'reject',
          candidateId: req['diseaseId'] as string,
          candidateLabel: this.labelOf(req['diseaseId'] as string),
          runId: Number(req['runId']),
          note: (req['note'] as string | undefined) ?? '',
        });
        return { ok: true };
      case 'report.html': {
        const run = this.getRun(req['runId'] as string);
        const c = toContractCase(this.store.getCase(req['caseId'] as string));
        return { html: clinicalReportHtml(c, run, { application: this.o.applicationVersion, snapshotId: run.snapshotId, modelId: run.reasoning?.modelId, generatedAt: new Date().toISOString() }) };
      }
      case 'report.pdf': {
        if (!this.o.renderPdf) throw new ApiCallError('a PDF is made by the desktop app; here, use Print (or save the HTML)', 'bad-request');
        const { html } = (await this.dispatch('report.html', r)) as { html: string };
        return { pdfBase64: (await this.o.renderPdf(html)).toString('base64') };
      }
      case 'models.select':
        await new ModelRegistry(this.o.modelStoreDir).select(req['id'] as string);
        return { ok: true };
      case 'models.hardware': {
        const runtime = await this.modelRuntime();
        const { hardwareSummary } = await import('../../native-models/runtime/hardware-description.js');
        return { backend: runtime.hardware.backend, summary: hardwareSummary(runtime.hardware) };
      }
      case 'snapshot.rebuild':
        return { jobId: this.rebuildSnapshot() };
      case 'models.list': {
        const registry = new ModelRegistry(this.o.modelStoreDir);
        const selected = await registry.defaultModelId();
        return (await registry.list()).map((m) => ({
          id: m.id,
          file: m.fileName,
          sizeBytes: m.size,
          architecture: String((m.metadata as Record<string, unknown>)['architecture'] ?? ''),
          quantization: String((m.metadata as Record<string, unknown>)['quantization'] ?? ''),
          contextLength: (m.metadata as Record<string, unknown>)['contextLength'] as number | undefined,
          selected: m.id === selected,
        }));
      }
      case 'jobs.cancel':
        return { cancelled: this.jobs.cancel(req['jobId'] as string) };
    }
  }

  private labelOf(diseaseId: string): string {
    const m = this.engine.ranker.model;
    return m.diseaseLabels[m.diseaseIndex.get(diseaseId) ?? -1] ?? diseaseId;
  }

  private updateCase(req: Record<string, unknown>) {
    const id = req['id'] as string;
    const patch: Record<string, unknown> = {};
    if (req['label'] !== undefined) patch['label'] = req['label'];
    if (req['sex'] !== undefined) patch['sex'] = req['sex'];
    if (req['ageYears'] !== undefined) patch['age'] = yearsToDuration(req['ageYears'] as number);
    if (Object.keys(patch).length) this.store.updateCase(id, patch);
    const current = this.store.getCase(id);
    const narrative = req['narrative'] as string | undefined;
    if (narrative !== undefined && narrative.trim() && narrative !== (current.narratives[current.narratives.length - 1]?.text ?? '')) {
      this.store.addNarrative(id, { text: narrative, source: 'clinician narrative' });
    }
    const notes = req['notes'] as string | undefined;
    if (notes !== undefined && notes.trim() && notes !== (current.notes[current.notes.length - 1]?.text ?? '')) this.store.addNote(id, { text: notes });
    const status = req['status'] as string | undefined;
    if (status && status !== current.case.status) {
      if (status === 'unsolved') this.store.recordDecision(id, { kind: 'mark-unsolved' });
      else if (status === 'in-progress') this.store.recordDecision(id, { kind: 'reopen' });
      else if (status === 'solved') this.store.recordDecision(id, { kind: 'mark-solved' });
    }
    const final = req['finalDiagnosis'] as string | undefined;
    if (final) this.store.recordDecision(id, { kind: 'final-diagnosis', candidateId: final, candidateLabel: this.labelOf(final) });
    return this.store.getCase(id);
  }

  /** Replaces the case's findings with the given list (extracted ones refer to the latest narrative). */
  private setFindings(caseId: string, findings: Finding[]) {
    const current = this.store.getCase(caseId);
    const family = findings.find((f) => f.status === 'family');
    if (family) throw new ApiCallError(`${family.hpoId}: a finding in a relative is not a finding of the patient; keep it in the notes`, 'bad-request');
    const narrativeId = current.narratives[current.narratives.length - 1]?.id;
    // One transaction: the saved set replaces the old one entirely or not at all.
    this.store.replaceFindings(
      caseId,
      findings.map((f) => {
        const span = f.source === 'extracted' && narrativeId !== undefined && f.start !== undefined && f.end !== undefined ? { narrativeId, start: f.start, end: f.end } : undefined;
        return {
          hpoId: f.hpoId,
          label: f.label,
          status: f.status as 'present' | 'excluded' | 'uncertain',
          // an extracted finding without a span in the saved narrative is kept as typed
          source: f.source === 'extracted' && !span ? 'typed' : f.source,
          ...(span ? { span } : {}),
        };
      }),
    );
    return this.store.getCase(caseId);
  }

  private getRun(runId: string): RunResult {
    const id = Number(runId);
    if (!Number.isInteger(id) || id < 1) throw new ApiCallError(`no run ${runId}`, 'not-found');
    const run = this.store.getRun(id);
    return { ...(run.results as RunResult), id: String(run.id) };
  }

  private intake(): Promise<ConceptRecognizer> {
    this.recognizer ??= loadConceptRecognizer(this.o.snapshotDir);
    return this.recognizer;
  }

  private terms(): Promise<TermSearch> {
    this.termSearch ??= (async () => {
      const snap = await GraphSnapshot.open(this.o.snapshotDir);
      try {
        return new TermSearch(await snap.phenotypeLexicon(), (await snap.loadRankingTables()).terms);
      } finally {
        await snap.close();
      }
    })();
    return this.termSearch;
  }

  private texts(): Promise<DiseaseTextIndex> {
    this.textIndex ??= (async () => {
      const snap = await GraphSnapshot.open(this.o.snapshotDir);
      try {
        return new DiseaseTextIndex(await snap.diseaseTexts(), this.engine.ranker.model);
      } finally {
        await snap.close();
      }
    })();
    return this.textIndex;
  }

  private attachVcf(caseId: string, path: string, sample?: string, assembly?: 'GRCh37' | 'GRCh38'): string {
    this.store.getCaseRecord(caseId);
    return this.jobs.start(async (job) => {
      let size = 0;
      try {
        size = statSync(path).size;
      } catch {
        throw new ApiCallError(`${path}: file not found`, 'bad-input');
      }
      // Progress from records read against a size-based estimate (compressed VCFs hold ~50 bytes per record).
      const expected = Math.max(1, size / (path.endsWith('.gz') ? 50 : 250));
      job.progress(0, 'reading');
      const variants = await this.engine.readVariants(path, {
        sample,
        assembly,
        onProgress: (n) => job.progress(Math.min(0.95, n / expected), `${n.toLocaleString('en-US')} records`),
      });
      if (job.signal.aborted) throw new Error('cancelled');
      const s = variants.summary;
      const summary = { path, sample: s.sample, build: s.build, records: s.records, passed: s.passed, lifted: s.lifted, unlifted: s.unlifted, inGenes: s.inGenes, dropped: s.dropped };
      this.store.attachVcf(caseId, { path, sha256: await sha256Of(path), sample: s.sample, build: s.build, summary });
      job.progress(1, 'done');
      return { kind: 'vcf', summary };
    });
  }

  private runDiagnosis(caseId: string, reason: boolean, modelId?: string): string {
    return this.jobs.start(async (job) => {
      const t0 = performance.now();
      const detail = this.store.getCase(caseId);
      const present = detail.findings.filter((f) => f.status === 'present').map((f) => f.hpoId);
      const excluded = detail.findings.filter((f) => f.status === 'excluded').map((f) => f.hpoId);
      if (present.length === 0) throw new ApiCallError('the case has no present finding yet', 'bad-input');
      job.progress(0.05, 'reading variants');
      const vcf = detail.vcfs[detail.vcfs.length - 1];
      const variants = vcf ? await this.engine.readVariants(vcf.path, { sample: vcf.sample ?? undefined, assembly: vcf.build ?? undefined }) : undefined;
      const t1 = performance.now();
      job.progress(0.3, 'ranking');
      const ageYears = detail.case.age ? durationToYears(detail.case.age) : undefined;
      const findings = { present, excluded, sex: detail.case.sex, ageYears };
      const result = this.engine.rank(findings, { top: 50, explain: 10, variants });
      const t2 = performance.now();
      job.progress(0.5, 'evidence pack');
      const snap = await GraphSnapshot.open(this.o.snapshotDir);
      let pack;
      try {
        pack = await buildEvidencePack(this.engine.ranker, snap, await this.texts(), findings, result, { narrative: detail.narratives[detail.narratives.length - 1]?.text });
      } finally {
        await snap.close();
      }
      const t3 = performance.now();
      let reasoning;
      let hardware: Record<string, unknown> | undefined;
      if (reason) {
        job.progress(0.6, 'loading the local model');
        const runtime = await this.modelRuntime();
        const registry = new ModelRegistry(this.o.modelStoreDir);
        const entry = await registry.resolve(modelId);
        if (runtime.loadedModel?.id !== entry.id) {
          const { loadRegisteredModel } = await import('../../native-models/runtime/load-registered-model.js');
          await loadRegisteredModel(runtime, registry, entry.id, { signal: job.signal });
        }
        job.progress(0.7, 'reasoning');
        reasoning = await reasonAboutCase(runtime, this.engine.ranker.model, pack, { signal: job.signal, onChunk: (c) => job.chunk(c.kind, c.text) });
        hardware = runtime.hardware as unknown as Record<string, unknown>;
      }
      const t4 = performance.now();
      const timings = { vcfMs: t1 - t0, rankMs: t2 - t1, evidencePackMs: t3 - t2, reasoningMs: t4 - t3 };
      const run = buildRunResult('pending', caseId, result, pack, reasoning, timings);
      const stored = this.store.recordRun(caseId, {
        snapshotId: result.snapshotId,
        modelId: reasoning?.model.id,
        hardware,
        inputs: { findings, vcf: vcf ? { path: vcf.path, sha256: vcf.sha256 } : null },
        parameters: { ranker: this.engine.ranker.parameters, reason },
        results: run,
        topCandidates: run.candidates.map((c) => c.id),
        timings,
      });
      job.progress(1, 'done');
      return { kind: 'run', runId: String(stored.id) };
    });
  }

  /** Rebuilds the snapshot from the sources (atomic swap; a failed build keeps the current one), then reloads the engine. */
  private rebuildSnapshot(): string {
    return this.jobs.start(async (job) => {
      const { buildSnapshot } = await import('../../graph-snapshot/build/snapshot-builder.js');
      const manifest = await buildSnapshot({ sourcesDir: this.o.sourcesDir, outDir: this.o.snapshotDir, onProgress: (e) => job.progress(e.fraction * 0.95, e.step) });
      this.engine = await DiagnosisEngine.open(this.o.snapshotDir);
      this.recognizer = undefined;
      this.termSearch = undefined;
      if (this.textIndex) (await this.textIndex).close();
      this.textIndex = undefined;
      job.progress(1, 'done');
      return { kind: 'snapshot', snapshotId: manifest.snapshotId };
    });
  }

  private modelRuntime(): Promise<ModelRuntime> {
    this.runtime ??= (async () => {
      const { ModelRuntime } = await import('../../native-models/runtime/model-runtime.js');
      return ModelRuntime.start({ threads: this.o.threads });
    })();
    return this.runtime;
  }
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export const createWorkstationService = (o: WorkstationOptions) => WorkstationService.create(o);

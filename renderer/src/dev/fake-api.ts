import { ApiCallError, jobEvent, parseRequest, parseResponse } from '../../../diagnosis/contract/api.js';
import type { ApiHandlers, ApiMethod, ApiRequest, ApiResponse, JobEvent, WorkstationApi } from '../../../diagnosis/contract/api.js';
import type { Candidate, CaseDetail, DecisionView, FindingView, ReportSettings, RunView, TermHit, VcfSummary } from '../../../diagnosis/contract/api-schemas.js';
import { fakeDiseases, fakeFgfr3Variant, fakeGroups, fakeTerms, type FakeDisease, type FakeTerm } from './fake-knowledge.js';
import { fakeReportHtml } from './fake-report.js';

/**
 * An in-memory WorkstationApi for developing and screenshotting the UI without the engine (the page is opened with
 * `?fake`). It validates requests and responses with the contract, like the real transports, and simulates jobs with
 * progress, streamed model output and cancellation. Its "knowledge" is the tiny table in fake-knowledge.ts, and its
 * ranking only imitates the shape of the real one. Pure TypeScript with no DOM use, so a Node test server can reuse it.
 */

export interface FakeState {
  seq: number;
  cases: CaseDetail[];
  runs: RunView[];
  settings?: ReportSettings;
}

export interface FakeOptions {
  /** simulated latency of each call (ms) */
  latencyMs?: number;
  /** duration of one simulated job step (ms) */
  stepMs?: number;
  state?: FakeState;
  /** called after every change (to persist the state) */
  onChange?: (state: FakeState) => void;
  now?: () => Date;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const termById = new Map(fakeTerms.map((t) => [t.id, t]));
const labelOf = (id: string) => termById.get(id)?.label ?? fakeGroups[id] ?? id;
const snapshotId = 'hpo-2026-06-23-fake000000';

export const emptyFakeState = (): FakeState => ({ seq: 0, cases: [], runs: [] });

export class FakeWorkstation implements WorkstationApi {
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly cancelled = new Set<string>();
  private readonly running = new Set<string>();
  readonly state: FakeState;
  private readonly latencyMs: number;
  private readonly stepMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: FakeOptions = {}) {
    this.state = options.state ?? emptyFakeState();
    this.latencyMs = options.latencyMs ?? 120;
    this.stepMs = options.stepMs ?? 250;
    this.now = options.now ?? (() => new Date());
  }

  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    const req = parseRequest(method, request);
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const result = this.handle(method, req);
    return parseResponse(method, JSON.parse(JSON.stringify(result)) as unknown);
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One handler per method, typed by the contract: the compiler refuses a missing method or a wrong response shape. */
  private readonly handlers: ApiHandlers = (() => {
    const h: ApiHandlers = {
      'snapshot.info': () => {
        return {
          snapshotId,
          builtAt: '2026-07-01T09:12:44.000Z',
          schemaVersion: 3,
          summary: { Phenotype: 19_482, Disease: 12_966, Gene: 5_123, Variant: 113_204, IS_A: 23_510, HAS_PHENOTYPE: 274_113, ASSOCIATED_WITH: 8_764 },
          sources: [
            { path: 'hpo/hp.obo', release: '2026-06-23' },
            { path: 'hpo/phenotype.hpoa', release: '2025-11-24' },
            { path: 'orphanet/en_product1.xml', release: '2025-12' },
            { path: 'clinvar/clinvar_alleles.single.b37.vcf.gz', release: '2016 (MacArthur lab)' },
          ],
          releaseCheck: {
            checkedAt: '2026-07-01T09:14:02.000Z',
            comparedWith: 'hpo-2023-01-27-fake',
            diseases: 300,
            vignettesPerDisease: 5,
            k: 10,
            recallNow: 0.78,
            recallBefore: 0.74,
            moved: 2,
            harder: [{ id: 'OMIM:609192', label: 'Loeys-Dietz syndrome 2', before: 0.9, after: 0.4, changes: '3 refrequenced (Arachnodactyly 90 % → 17 %, ...)', competitor: 'Marfan syndrome (OMIM:154700)' }],
            easier: [{ id: 'OMIM:100800', label: 'Achondroplasia', before: 0.5, after: 0.95, changes: '+12 (Rhizomelia 90 %, ...)' }],
          },
        };
      },
      'snapshot.verify': () => {
        return { ok: true, problems: [] };
      },
      'cases.list': (req) => {
        const q = String(req.search ?? '').trim().toLowerCase();
        return [...this.state.cases]
          .filter((c) => !q || [c.label, c.narrative, c.notes, ...c.findings.map((f) => f.label)].some((s) => s.toLowerCase().includes(q)))
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
          .map((c) => summary(c));
      },
      'cases.get': (req) => {
        return this.getCase(String(req.id));
      },
      'cases.create': (req) => {
        this.state.seq += 1;
        const at = this.now().toISOString();
        const c: CaseDetail = {
          id: `case-${String(this.state.seq).padStart(4, '0')}`,
          label: String(req.label),
          status: 'new',
          ...(req.indication ? { indication: req.indication } : {}),
          ...(req.referrer ? { referrer: req.referrer } : {}),
          decisions: [],
          ...(req.sex ? { sex: req.sex as CaseDetail['sex'] } : {}),
          ...(req.ageYears !== undefined ? { ageYears: Number(req.ageYears) } : {}),
          updatedAt: at,
          findingCount: 0,
          narrative: '',
          findings: [],
          notes: '',
          runs: [],
        };
        this.state.cases.push(c);
        this.changed();
        return c;
      },
      'cases.update': (req) => {
        const c = this.getCase(String(req.id));
        for (const key of ['label', 'sex', 'ageYears', 'narrative', 'notes'] as const) {
          if (req[key] !== undefined) (c as Record<string, unknown>)[key] = req[key];
        }
        // an empty referral field clears it
        for (const key of ['indication', 'referrer'] as const) {
          if (req[key] !== undefined) (c as Record<string, unknown>)[key] = req[key] || undefined;
        }
        if (req.status && req.status !== c.status) {
          if (req.status === 'solved' && !c.decisions.some((d) => d.kind === 'final-diagnosis')) throw new ApiCallError('a case is solved by a final diagnosis: record one first', 'bad-input');
          const kind = ({ unsolved: 'mark-unsolved', 'in-progress': 'reopen', solved: 'mark-solved', closed: 'close' } as const)[req.status];
          this.decide(c, { kind, note: '' });
          if (kind === 'reopen' || kind === 'mark-unsolved') delete c.finalDiagnosis;
        }
        c.updatedAt = this.now().toISOString();
        this.changed();
        return c;
      },
        'cases.setFindings': (req) => {
        const c = this.getCase(String(req.id));
        c.findings = req.findings as FindingView[];
        c.findingCount = c.findings.length;
        c.updatedAt = this.now().toISOString();
        this.changed();
        return c;
      },
      'cases.setPedigree': (req) => {
        const c = this.getCase(req.caseId);
        const p = req.pedigree;
        if (p && p.members.filter((m) => m.proband).length !== 1) throw new ApiCallError('field members: mark exactly one member as the proband', 'bad-input');
        c.pedigree = p
          ? { familyId: p.familyId ?? 'family', consanguineous: p.consanguineous, source: p.source ?? 'typed in the app', members: p.members.map((m) => ({ ...m, proband: m.proband === true })), notes: [] }
          : undefined;
        c.updatedAt = this.now().toISOString();
        this.changed();
        return c;
      },
      'cases.setCandidateVariants': (req) => {
        const c = this.getCase(req.caseId);
        const bad = req.variants.findIndex((v) => !(v.gene && (v.hgvsC || v.hgvsP)) && !(v.chrom && v.pos && v.ref && v.alt && v.assembly));
        if (bad >= 0) throw new ApiCallError(`field variants.${bad}: a variant needs coordinates (chrom, pos, ref, alt, assembly) or a gene and an HGVS description`, 'bad-input');
        c.candidateVariants = req.variants.length ? { source: req.source ?? 'typed in the app', variants: req.variants } : undefined;
        c.updatedAt = this.now().toISOString();
        this.changed();
        return c;
      },
      // the fake reads no files: importing says so, as importing a phenopacket does
      'cases.importPedigree': () => {
        throw new ApiCallError('the demonstration data cannot import PED files', 'bad-request');
      },
      'cases.importCandidates': () => {
        throw new ApiCallError('the demonstration data cannot import candidate lists', 'bad-request');
      },
      // the fake reads centiles and SD scores only (the engine also reads heights against CDC 2000)
      'intake.growth': (req) => {
        if (req.unit !== 'centile' && req.unit !== 'sd') return { read: false, basis: 'the demonstration data reads centiles and SD scores only' };
        const z = req.unit === 'sd' ? req.value : req.value <= 3 ? -2.5 : req.value >= 97 ? 2.5 : 0;
        const low = { height: ['HP:0004322', 'Short stature'], weight: ['HP:0004325', 'Decreased body weight'], head: ['HP:0000252', 'Microcephaly'] } as const;
        const high = { height: ['HP:0000098', 'Tall stature'], weight: ['HP:0004324', 'Increased body weight'], head: ['HP:0000256', 'Macrocephaly'] } as const;
        const t = z <= -2 ? low[req.measure] : z >= 2 ? high[req.measure] : undefined;
        return { read: true, z, basis: `${req.value} ${req.unit}`, ...(t ? { finding: { hpoId: t[0], label: t[1] } } : {}) };
      },
      'intake.extract': (req) => {
        return extractFindings(String(req.text));
      },
      'terms.search': (req) => {
        return searchTerms(String(req.query), Number(req.limit ?? 10));
      },
      'vcf.attach': (req) => {
        const c = this.getCase(String(req.caseId));
        // the fake keeps no uploaded bytes: an upload id stands for a file of that name
        const path = req.path ?? `uploads/${req.uploadId}/upload.vcf.gz`;
        if (/missing|does-not-exist/i.test(path)) throw new ApiCallError(`cannot read ${path}: no such file`, 'bad-input');
        const jobId = this.newJobId('vcf');
        void this.runVcfJob(jobId, c, path, req.sample as string | undefined, req.assembly as string | undefined);
        return { jobId };
      },
      'diagnosis.run': (req) => {
        const c = this.getCase(String(req.caseId));
        if (!c.findings.some((f) => f.status === 'present')) throw new ApiCallError('the case has no present finding to rank on', 'bad-input');
        const jobId = this.newJobId('run');
        void this.runDiagnosisJob(jobId, c, req.reason === true, req.modelId as string | undefined);
        return { jobId };
      },
      'runs.get': (req) => {
        const run = this.state.runs.find((r) => r.id === req.runId);
        if (!run) throw new ApiCallError(`no run ${String(req.runId)}`, 'not-found');
        return run;
      },
      'decisions.record': (req) => {
        const c = this.getCase(req.caseId);
        const d = fakeDiseases.find((x) => x.id === req.diseaseId || x.ids.includes(req.diseaseId));
        if (!d) throw new ApiCallError(`no disease ${req.diseaseId}`, 'not-found');
        this.decide(c, { kind: req.decision, diseaseId: d.id, label: d.label, note: req.note?.trim() ?? '', ...(req.runId ? { runId: req.runId } : {}) });
        return c;
      },
      'decisions.finalize': (req) => {
        const c = this.getCase(req.caseId);
        const d = fakeDiseases.find((x) => x.id === req.diseaseId || x.ids.includes(req.diseaseId));
        if (!d) throw new ApiCallError(`no disease ${req.diseaseId}`, 'not-found');
        const made = this.decide(c, {
          kind: 'final-diagnosis',
          diseaseId: d.id,
          label: d.label,
          note: req.note?.trim() ?? '',
          certainty: req.certainty,
          ...(req.runId ? { runId: req.runId } : {}),
          ...(req.gene ? { gene: req.gene } : {}),
          ...(req.variant ? { variant: req.variant } : {}),
          ...(req.classification ? { classification: req.classification } : {}),
        });
        c.finalDiagnosis = { ...made, diseaseId: d.id, label: d.label };
        return c;
      },
      'cases.importPhenopacket': () => {
        throw new ApiCallError('the demonstration data cannot import phenopackets', 'bad-request');
      },
      'diseases.info': (req) => {
        const d = fakeDiseases.find((x) => x.id === req.id || x.ids.includes(req.id));
        if (!d) throw new ApiCallError(`no disease ${req.id}`, 'not-found');
        return {
          id: d.id,
          ids: d.ids,
          label: d.label,
          mondo: d.mondo,
          synonyms: [],
          classification: [],
          inheritance: [{ id: 'HP:0000006', label: d.inheritance }],
          genes: d.genes,
          features: d.annotations.map((id) => ({ id, label: labelOf(id), frequencyText: 'frequency not given by the source' })),
          featureCount: d.annotations.length,
          onset: [],
          sources: [
            { name: 'HPO disease annotations', release: '2025-11-24' },
            { name: 'Orphanet nomenclature', release: '2025-07-09' },
          ],
        };
      },
      'settings.get': () => ({ report: this.state.settings ?? {} }),
      'settings.update': (req) => {
        this.state.settings = req.report;
        this.changed();
        return { report: req.report };
      },
      'report.html': (req) => {
        const c = this.getCase(String(req.caseId));
        const run = this.state.runs.find((r) => r.id === req.runId && r.caseId === c.id);
        if (!run) throw new ApiCallError(`no run ${String(req.runId)} for case ${c.id}`, 'not-found');
        return { html: fakeReportHtml(c, run, this.state.settings ?? {}, this.now(), req.locale) };
      },
      'models.list': () => {
        return [
          { id: 'qwen3-0.6b-q4', file: 'Qwen3-0.6B-Q4_K_M.gguf', sizeBytes: 396_705_472, architecture: 'qwen3', quantization: 'Q4_K_M', contextLength: 40_960, selected: true },
        ];
      },
      'report.pdf': () => {
        throw new ApiCallError('the demonstration data has no PDF: use Print (or save the HTML)', 'bad-request');
      },
      'models.select': (req) => {
          if (req.id !== 'qwen3-0.6b-q4') throw new ApiCallError(`no model ${req.id}`, 'not-found');
          return { ok: true as const };
      },
      'models.hardware': () => ({ backend: 'cpu', summary: 'CPU (2 threads, no GPU)' }),
      'snapshot.rebuild': () => {
          const jobId = this.newJobId('snapshot');
          void this.runSnapshotJob(jobId);
          return { jobId };
      },
      'jobs.cancel': (req) => {
        const id = String(req.jobId);
        const running = this.running.has(id);
        if (running) this.cancelled.add(id);
        return { cancelled: running };
      },
    };
    return h;
  })();

  private handle(method: ApiMethod, req: unknown): unknown {
    return (this.handlers[method] as (r: unknown) => unknown)(req);
  }

  /** Records a decision on the case and moves its status as the real store does. */
  private decide(c: CaseDetail, d: Omit<DecisionView, 'id' | 'decidedAt' | 'decidedBy'>): DecisionView {
    this.state.seq += 1;
    const made: DecisionView = { ...d, id: String(this.state.seq), decidedAt: this.now().toISOString(), decidedBy: 'clinician' };
    c.decisions.push(made);
    const next = ({ 'final-diagnosis': 'solved', 'mark-solved': 'solved', 'mark-unsolved': 'unsolved', reopen: 'in-progress', close: 'closed' } as const)[d.kind as 'close'];
    c.status = next ?? (c.status === 'new' ? 'in-progress' : c.status);
    c.updatedAt = this.now().toISOString();
    this.changed();
    return made;
  }

  private getCase(id: string): CaseDetail {
    const c = this.state.cases.find((x) => x.id === id);
    if (!c) throw new ApiCallError(`no case ${id}`, 'not-found');
    return c;
  }

  private newJobId(kind: string): string {
    this.state.seq += 1;
    return `job-${kind}-${this.state.seq}`;
  }

  private changed(): void {
    this.options.onChange?.(this.state);
  }

  private emit(event: JobEvent): void {
    const checked = jobEvent.parse(event);
    for (const l of [...this.listeners]) l(checked);
  }

  /** Emits a progress event, or throws if the job was cancelled. */
  private async step(jobId: string, fraction: number, step: string): Promise<void> {
    if (this.cancelled.has(jobId)) throw new Error('cancelled by the user');
    this.emit({ type: 'progress', jobId, fraction, step });
    await sleep(this.stepMs);
    if (this.cancelled.has(jobId)) throw new Error('cancelled by the user');
  }

  private async runSnapshotJob(jobId: string): Promise<void> {
    this.running.add(jobId);
    try {
      await sleep(10);
      for (const [i, step] of ['ontology', 'annotations', 'genes', 'ClinVar', 'graph'].entries()) await this.step(jobId, i / 5, `loading ${step}`);
      this.emit({ type: 'done', jobId, result: { kind: 'snapshot', snapshotId } });
    } catch (err) {
      this.emit({ type: 'failed', jobId, error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running.delete(jobId);
      this.cancelled.delete(jobId);
    }
  }

  private async runVcfJob(jobId: string, c: CaseDetail, path: string, sample?: string, assembly?: string): Promise<void> {
    this.running.add(jobId);
    try {
      await sleep(10);
      if (!/\.(vcf|vcf\.gz|vcf\.bgz)$/i.test(path)) throw new Error(`${path}: not a VCF file (expected .vcf or .vcf.gz)`);
      const records = 24_301;
      for (let i = 0; i <= 8; i += 1) await this.step(jobId, i / 8, i < 8 ? `reading records: ${Math.round((records * i) / 8).toLocaleString('en')} / ${records.toLocaleString('en')}` : 'annotating genes and ClinVar');
      const build = assembly ?? 'GRCh37';
      const summary: VcfSummary = {
        path,
        sample: sample ?? 'PROBAND',
        build,
        records,
        passed: 23_950,
        lifted: build === 'GRCh37' ? 23_912 : 0,
        unlifted: build === 'GRCh37' ? 38 : 0,
        inGenes: 21_407,
        dropped: { 'FILTER not PASS': 286, 'not carried by the sample': 51, 'symbolic allele': 14 },
      };
      c.vcf = summary;
      c.updatedAt = this.now().toISOString();
      this.changed();
      this.emit({ type: 'done', jobId, result: { kind: 'vcf', summary } });
    } catch (err) {
      this.emit({ type: 'failed', jobId, error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running.delete(jobId);
      this.cancelled.delete(jobId);
    }
  }

  private async runDiagnosisJob(jobId: string, c: CaseDetail, reason: boolean, modelId?: string): Promise<void> {
    this.running.add(jobId);
    try {
      await sleep(10);
      await this.step(jobId, 0.05, 'loading the ranking tables');
      await this.step(jobId, 0.2, c.vcf ? 'reading the VCF and scoring genotypes' : 'ranking on phenotypes');
      const candidates = rankCase(c);
      await this.step(jobId, reason ? 0.3 : 0.9, 'explaining the leading candidates');
      this.state.seq += 1;
      const runId = `run-${String(this.state.seq).padStart(4, '0')}`;
      let reasoning: RunView['reasoning'];
      if (reason) {
        await this.step(jobId, 0.35, 'building the evidence pack');
        await this.step(jobId, 0.4, 'loading the local model');
        reasoning = fakeReasoning(candidates, modelId ?? 'qwen3-0.6b-q4');
        const thought = `The patient presents with ${c.findings.filter((f) => f.status === 'present').map((f) => f.label.toLowerCase()).join(', ')}. ${candidates[0] ? `${candidates[0].label} explains most of these findings` : 'No candidate explains them well'}${candidates[0]?.genotype?.satisfied ? `, and a ${candidates[0].genotype.variants[0]?.clinvar?.significance ?? ''} variant in ${candidates[0].genotype.gene} fits its ${candidates[0].genotype.mode} inheritance` : ''}. I should check the features that separate the leading candidates before answering.`;
        const answer = JSON.stringify({ differential: reasoning.differential.map((d) => ({ diseaseId: d.diseaseId, rank: d.rank, confidence: d.confidence, rationale: d.rationale, evidenceIds: d.evidenceIds })), nextSteps: reasoning.nextSteps, caveats: reasoning.caveats });
        const pieces = (text: string, size: number) => text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
        const thoughtPieces = pieces(thought, 14);
        const answerPieces = pieces(answer, 40);
        let n = 0;
        const total = thoughtPieces.length + answerPieces.length;
        for (const [kind, list] of [['thought', thoughtPieces], ['answer', answerPieces]] as const) {
          for (const text of list) {
            if (this.cancelled.has(jobId)) throw new Error('cancelled by the user');
            this.emit({ type: 'chunk', jobId, kind, text });
            n += 1;
            if (n % 6 === 0) this.emit({ type: 'progress', jobId, fraction: 0.4 + (0.55 * n) / total, step: `the model is ${kind === 'thought' ? 'thinking' : 'answering'}` });
            await sleep(Math.max(5, this.stepMs / 12));
          }
        }
        await this.step(jobId, 0.97, 'verifying citations');
      }
      const run: RunView = {
        id: runId,
        caseId: c.id,
        createdAt: this.now().toISOString(),
        snapshotId,
        candidates,
        ...(c.vcf ? { vcf: { file: c.vcf.path.split('/').pop() ?? c.vcf.path, sample: c.vcf.sample, build: c.vcf.build, records: c.vcf.records, passed: c.vcf.passed, inGenes: c.vcf.inGenes } } : {}),
        genes: genesOf(candidates),
        discriminating: discriminating(c, candidates),
        ...(reasoning ? { reasoning } : {}),
        timings: { intakeMs: 3.1, vcfMs: c.vcf ? 812.4 : 0, rankMs: 2.6, ...(reasoning ? { reasoningMs: 14_210 } : {}) },
      };
      this.state.runs.push(run);
      const top = candidates[0] ? { topCandidate: candidates[0].id, topCandidateLabel: candidates[0].label } : {};
      c.runs.push({ id: runId, createdAt: run.createdAt, snapshotId, kind: 'manual', ...(reasoning ? { modelId: reasoning.modelId } : {}), ...top });
      Object.assign(c, top);
      if (c.status === 'new') c.status = 'in-progress';
      c.updatedAt = this.now().toISOString();
      this.changed();
      this.emit({ type: 'progress', jobId, fraction: 1, step: 'done' });
      this.emit({ type: 'done', jobId, result: { kind: 'run', runId } });
    } catch (err) {
      this.emit({ type: 'failed', jobId, error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running.delete(jobId);
      this.cancelled.delete(jobId);
    }
  }
}

function summary(c: CaseDetail) {
  const { id, label, status, sex, ageYears, updatedAt, findingCount, topCandidate, topCandidateLabel, finalDiagnosis } = c;
  return { id, label, status, sex, ageYears, updatedAt, findingCount, topCandidate, topCandidateLabel, ...(finalDiagnosis ? { finalDiagnosis: { diseaseId: finalDiagnosis.diseaseId, label: finalDiagnosis.label } } : {}) };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Dictionary matching with a little negation, family and uncertainty detection: enough to exercise the UI. */
export function extractFindings(text: string): FindingView[] {
  type Hit = { term: FakeTerm; start: number; end: number; exact: boolean };
  const hits: Hit[] = [];
  for (const term of fakeTerms) {
    for (const [i, name] of [term.label, ...term.synonyms].entries()) {
      const re = new RegExp(`\\b${escapeRegExp(name)}\\b`, 'gi');
      for (let m = re.exec(text); m; m = re.exec(text)) hits.push({ term, start: m.index, end: m.index + m[0].length, exact: i === 0 });
    }
  }
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Hit[] = [];
  for (const h of hits) {
    if (kept.some((k) => k.start < h.end && h.start < k.end)) continue;
    if (kept.some((k) => k.term.id === h.term.id)) continue;
    kept.push(h);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map((h) => {
    const sentenceStart = Math.max(text.lastIndexOf('.', h.start - 1), text.lastIndexOf(';', h.start - 1)) + 1;
    const before = text.slice(sentenceStart, h.start).toLowerCase();
    const after = text.slice(h.end, h.end + 30).toLowerCase();
    let status: FindingView['status'] = 'present';
    if (/\b(no|without|denies|negative for|absence of|not)\b/.test(before)) status = 'excluded';
    else if (/\b(father|mother|sister|brother|parents?|family|grand\w*|uncle|aunt)\b/.test(before)) status = 'family';
    else if (/\b(suspected|possible|possibly|query|questionable|considered)\b/.test(before) || /^\s*(was|is)\s+(suspected|queried|possible)/.test(after)) status = 'uncertain';
    return { hpoId: h.term.id, label: h.term.label, status, source: 'extracted' as const, start: h.start, end: h.end, text: text.slice(h.start, h.end), confidence: h.exact ? 0.95 : 0.85 };
  });
}

export function searchTerms(query: string, limit: number): TermHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored: { term: FakeTerm; score: number; matched?: string }[] = [];
  const rate = (name: string): number => {
    const n = name.toLowerCase();
    if (n === q) return 100;
    if (n.startsWith(q)) return 80;
    if (n.split(/[\s-]+/).some((w) => w.startsWith(q))) return 60;
    if (n.includes(q)) return 40;
    return 0;
  };
  for (const term of fakeTerms) {
    if (term.id.toLowerCase() === q || term.id.slice(3) === q) {
      scored.push({ term, score: 110 });
      continue;
    }
    let best = { score: rate(term.label), matched: undefined as string | undefined };
    for (const s of term.synonyms) {
      const r = rate(s) - 5;
      if (r > best.score) best = { score: r, matched: s };
    }
    if (best.score > 0) scored.push({ term, score: best.score, ...(best.matched ? { matched: best.matched } : {}) });
  }
  scored.sort((a, b) => b.score - a.score || a.term.label.localeCompare(b.term.label));
  return scored.slice(0, limit).map(({ term, matched }) => ({
    id: term.id,
    label: term.label,
    ...(matched ? { matched } : {}),
    path: term.path.map((id) => ({ id, label: labelOf(id) })),
  }));
}

const annotationShare = (termId: string) => (fakeDiseases.filter((d) => d.annotations.includes(termId)).length + 0.5) / (fakeDiseases.length + 1);

function rankCase(c: CaseDetail): Candidate[] {
  const present = [...new Set(c.findings.filter((f) => f.status === 'present').map((f) => f.hpoId))];
  const excluded = [...new Set(c.findings.filter((f) => f.status === 'excluded').map((f) => f.hpoId))].filter((id) => !present.includes(id));
  const scored = fakeDiseases.map((d) => {
    const observed = present.map((id) => {
      const annotated = d.annotations.includes(id);
      return { id, label: labelOf(id), match: annotated ? 'exact' : 'no-match', ...(annotated ? { diseaseTerm: { id, label: labelOf(id) }, frequency: 0.8 } : {}), lr: annotated ? 0.8 / annotationShare(id) : 0.2 };
    });
    const excl = excluded.map((id) => {
      const annotated = d.annotations.includes(id);
      return { id, label: labelOf(id), match: annotated ? 'annotated' : 'unrelated', ...(annotated ? { diseaseTerm: { id, label: labelOf(id) }, frequency: 0.01 } : {}), lr: annotated ? 0.5 : 1 };
    });
    const matched = d.annotations.filter((a) => present.includes(a));
    const coverage = d.annotations.length ? matched.length / d.annotations.length : 0;
    const genotype = c.vcf ? genotypeOf(d) : undefined;
    const lr = [...observed, ...excl].reduce((p, o) => p * o.lr, 1) * (genotype?.lr ?? 1);
    const weight = lr * coverage * coverage;
    return { d, observed, excl, coverage, genotype, weight, notReported: d.annotations.filter((a) => !present.includes(a) && !excluded.includes(a)).slice(0, 6) };
  });
  const total = scored.reduce((s, x) => s + x.weight, 0) || 1;
  scored.sort((a, b) => b.weight - a.weight || a.d.id.localeCompare(b.d.id));
  return scored.map((x, i) => ({
    rank: i + 1,
    id: x.d.id,
    ids: x.d.ids,
    label: x.d.label,
    mondo: x.d.mondo,
    score: Math.log10(Math.max(x.weight, 1e-300)),
    probability: x.weight / total,
    coverage: x.coverage,
    genes: x.d.genes,
    ...(x.genotype ? { genotype: x.genotype } : {}),
    observed: x.observed,
    excluded: x.excl,
    notReported: x.notReported.map((id) => ({ id, label: labelOf(id) })),
  }));
}

function genotypeOf(d: FakeDisease): Candidate['genotype'] {
  const gene = d.genes[0]?.symbol ?? '';
  if (gene === 'FGFR3') return { gene, lr: fakeFgfr3Variant.lr, mode: d.mode, satisfied: true, reason: 'heterozygous allele', variants: [fakeFgfr3Variant] };
  return { gene, lr: 0.1, mode: d.mode, satisfied: false, reason: 'no variant in the gene', variants: [] };
}

function genesOf(candidates: Candidate[]): RunView['genes'] {
  const seen = new Map<string, RunView['genes'][number]>();
  for (const c of candidates) {
    for (const g of c.genes) {
      const prev = seen.get(g.symbol);
      if (prev) prev.probability += c.probability;
      else seen.set(g.symbol, { rank: seen.size + 1, symbol: g.symbol, score: c.score, probability: c.probability, ...(c.genotype && c.genotype.gene === g.symbol ? { genotypeLR: c.genotype.lr } : {}) });
    }
  }
  return [...seen.values()];
}

function discriminating(c: CaseDetail, candidates: Candidate[]): RunView['discriminating'] {
  const top = candidates.slice(0, 4);
  const mentioned = new Set(c.findings.map((f) => f.hpoId));
  const byTerm = new Map<string, string[]>();
  for (const cand of top) {
    const d = fakeDiseases.find((x) => x.id === cand.id)!;
    for (const a of d.annotations) if (!mentioned.has(a)) byTerm.set(a, [...(byTerm.get(a) ?? []), cand.id]);
  }
  return [...byTerm]
    .filter(([, ids]) => ids.length < top.length)
    .sort((a, b) => Math.abs(a[1].length - top.length / 2) - Math.abs(b[1].length - top.length / 2) || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([id, ids]) => ({ hpoId: id, label: labelOf(id), presentIn: ids, absentIn: top.map((x) => x.id).filter((x) => !ids.includes(x)) }));
}

function fakeReasoning(candidates: Candidate[], modelId: string): NonNullable<RunView['reasoning']> {
  const top = candidates.slice(0, 3);
  const evidence: Record<string, string> = {};
  const cite = (id: string, text: string) => {
    evidence[id] = text;
    return id;
  };
  const differential = top.map((c, i) => {
    const strongest = [...c.observed].sort((a, b) => b.lr - a.lr).slice(0, 3);
    const ids = [
      cite(`D:${c.id}`, `${c.ids.join(', ')}, ${c.mondo} ${c.label}; deterministic rank ${c.rank}, probability ${(c.probability * 100).toFixed(1)} %`),
      ...strongest.map((o) => cite(`P:${c.id}:${o.id}`, `patient ${o.label}: ${o.match}, LR ${o.lr.toFixed(2)}`)),
      cite(`I:${c.id}:HP:0000006`, `inheritance: ${fakeDiseases.find((d) => d.id === c.id)?.inheritance ?? 'unknown'}`),
    ];
    if (c.genotype) {
      ids.push(cite(`GT:${c.id}:${c.genotype.gene}`, `genotype in ${c.genotype.gene}: ${c.genotype.reason}, inheritance ${c.genotype.mode} ${c.genotype.satisfied ? 'fits' : 'does not fit'}, LR ${c.genotype.lr}`));
      for (const v of c.genotype.variants.slice(0, 1)) ids.push(cite(`V:${v.grch38}`, `patient variant ${v.grch38} (GRCh38; input ${v.inputBuild} ${v.input}) in ${c.genotype.gene}, ${v.zygosity}, ClinVar ${v.clinvar?.significance ?? 'none'}`));
    }
    const missing = c.notReported[0];
    if (missing) ids.push(cite(`U:${c.id}:${missing.id}`, `feature of the disease not reported in the patient: ${missing.label}`));
    const rationale =
      i === 0
        ? `Best fit: ${strongest.map((o) => o.label.toLowerCase()).join(', ')} are characteristic [${ids[1] ?? ids[0]}]${c.genotype?.satisfied ? `, and the heterozygous ${c.genotype.gene} variant fits dominant inheritance [GT:${c.id}:${c.genotype.gene}]` : ''}.`
        : `Shares ${strongest[0]?.label.toLowerCase() ?? 'some findings'} [${ids[1] ?? ids[0]}] but ${missing ? `${missing.label.toLowerCase()} was not reported [U:${c.id}:${missing.id}]` : 'fits less well'}.`;
    return { diseaseId: c.id, label: c.label, rank: i + 1, confidence: [0.78, 0.14, 0.05][i] ?? 0.02, rationale, evidenceIds: ids };
  });
  return {
    modelId,
    hardware: 'CPU (2 threads, no GPU)',
    differential,
    evidence,
    rejected: [{ where: 'differential[2].evidenceIds', value: 'P:OMIM:999999:HP:0000001', reason: 'not an evidence id of the pack' }],
    fused: top.map((c, i) => ({ diseaseId: c.id, label: c.label, fusedRank: i + 1, deterministicRank: c.rank, llmRank: i + 1 })),
    nextSteps: ['Skeletal survey (short long bones, narrow interpedicular distance)', 'Polysomnography for sleep apnoea', 'Confirm the FGFR3 variant by Sanger sequencing'].slice(0, top.length),
    caveats: ['The ClinVar release in the snapshot dates from 2016.', 'The local model is small; its ranking is advisory.'],
  };
}

/** The fake as the renderer's client (`?fake`). */
export function createFakeClient(options: FakeOptions = {}) {
  const fake = new FakeWorkstation(options);
  return Object.assign(fake, {
    transport: 'fake' as const,
    connectionState: () => 'open' as const,
    onConnectionChange: () => () => undefined,
    // an upload is imitated (progress in four steps); the bytes are not kept
    files: {
      upload: async (file: { name: string; size: number }, onProgress: (sent: number, total: number) => void) => {
        for (let i = 1; i <= 4; i += 1) {
          await sleep(options.stepMs ?? 60);
          onProgress((file.size * i) / 4, file.size);
        }
        fake.state.seq += 1;
        return { uploadId: `00000000-0000-4000-8000-${String(fake.state.seq).padStart(12, '0')}`, name: file.name, size: file.size, sha256: '0'.repeat(64) };
      },
    },
  });
}

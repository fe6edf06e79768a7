import { z } from 'zod';
import {
  affectedStatus,
  candidateDecision,
  candidateVariant,
  caseDetail,
  caseSummary,
  diagnosisCertainty,
  diseaseInfo,
  finding,
  modelInfo,
  reportSettings,
  runView,
  sex,
  snapshotInfo,
  termHit,
  variantClassification,
  vcfSummary,
} from './api-schemas.js';

/** The reader's locale and time zone: the report prints dates as the user reads them, never as raw UTC. */
const readerLocale = { locale: z.string().max(35).optional(), timeZone: z.string().max(64).optional() };
const uploadId = z.string().regex(/^[0-9a-f-]{36}$/, 'an upload id as the upload endpoint returned it');
/** a file: a path on the machine running the engine (desktop app, scripts), or a file uploaded over the loopback API */
const fileSource = { path: z.string().min(1).optional(), uploadId: uploadId.optional() };
const oneFileSource = (r: { path?: string; uploadId?: string }) => (r.path === undefined) !== (r.uploadId === undefined);
const oneFileSourceIssue = { message: 'give either path or uploadId', path: ['path'] };

/**
 * Every method of the workstation API: its request and response schemas. One table, used by the Electron preload and
 * main handlers, the loopback HTTP server and the renderer's client alike.
 */
export const api = {
  'snapshot.info': { request: z.object({}), response: snapshotInfo },
  'snapshot.verify': { request: z.object({}), response: z.object({ ok: z.boolean(), problems: z.array(z.object({ file: z.string(), problem: z.string() })) }) },
  'cases.list': { request: z.object({ search: z.string().optional() }), response: z.array(caseSummary) },
  'cases.get': { request: z.object({ id: z.string() }), response: caseDetail },
  'cases.create': {
    request: z.object({
      label: z.string().min(1).max(200),
      sex: sex.optional(),
      ageYears: z.number().nonnegative().max(130).optional(),
      indication: z.string().max(10_000).optional(),
      referrer: z.string().max(500).optional(),
    }),
    response: caseDetail,
  },
  'cases.update': {
    request: z.object({
      id: z.string(),
      label: z.string().min(1).max(200).optional(),
      sex: sex.optional(),
      ageYears: z.number().nonnegative().max(130).optional(),
      /** an empty string clears */
      indication: z.string().max(10_000).optional(),
      referrer: z.string().max(500).optional(),
      /** solved needs a final diagnosis (decisions.finalize); a case is new only until its first run or decision */
      status: z.enum(['in-progress', 'solved', 'unsolved', 'closed']).optional(),
      narrative: z.string().max(10_000_000).optional(),
      notes: z.string().max(1_000_000).optional(),
    }),
    response: caseDetail,
  },
  'cases.importPhenopacket': { request: z.object(fileSource).refine(oneFileSource, oneFileSourceIssue), response: caseDetail },
  /** the case's family, replaced as a whole (null removes it); exactly one member is the proband */
  'cases.setPedigree': {
    request: z.object({
      caseId: z.string(),
      pedigree: z
        .object({
          familyId: z.string().min(1).max(100).optional(),
          consanguineous: z.boolean(),
          /** where it came from (default "typed in the app") */
          source: z.string().min(1).max(500).optional(),
          members: z
            .array(z.object({ id: z.string().max(100), sex, affected: affectedStatus, fatherId: z.string().max(100).optional(), motherId: z.string().max(100).optional(), proband: z.boolean().optional() }))
            .min(1)
            .max(500),
        })
        .nullable(),
    }),
    response: caseDetail,
  },
  /** the case's candidate variant list, replaced as a whole (an empty list removes it) */
  'cases.setCandidateVariants': {
    request: z.object({ caseId: z.string(), source: z.string().min(1).max(500).optional(), variants: z.array(candidateVariant).max(10_000) }),
    response: caseDetail,
  },
  /** a PED file becomes the case's family (its proband: `probandId`, else the one affected member) */
  'cases.importPedigree': {
    request: z.object({ caseId: z.string(), ...fileSource, probandId: z.string().max(100).optional() }).refine(oneFileSource, oneFileSourceIssue),
    response: z.object({ case: caseDetail, setAside: z.array(z.string()) }),
  },
  /** a lab's CSV/TSV list becomes the case's candidate variants; rows that cannot be read are listed with their line */
  'cases.importCandidates': {
    request: z.object({ caseId: z.string(), ...fileSource, assembly: z.enum(['GRCh37', 'GRCh38']).optional() }).refine(oneFileSource, oneFileSourceIssue),
    response: z.object({ case: caseDetail, setAside: z.array(z.string()) }),
  },
  'cases.setFindings': { request: z.object({ id: z.string(), findings: z.array(finding) }), response: caseDetail },
  'intake.extract': { request: z.object({ text: z.string().max(10_000_000) }), response: z.array(finding) },
  /** a growth measurement (height, weight, head circumference) → Z-score, centile and the finding it supports, to accept */
  'intake.growth': {
    request: z.object({
      measure: z.enum(['height', 'weight', 'head']),
      value: z.number().finite(),
      unit: z.enum(['cm', 'kg', 'centile', 'sd']),
      ageYears: z.number().nonnegative().max(130).optional(),
      sex: sex.optional(),
    }),
    response: z.object({
      read: z.boolean(),
      z: z.number().optional(),
      centile: z.number().optional(),
      /** how the value was read, or why it could not be */
      basis: z.string(),
      finding: z.object({ hpoId: z.string(), label: z.string() }).optional(),
    }),
  },
  'terms.search': { request: z.object({ query: z.string().min(1).max(200), limit: z.number().int().min(1).max(50).optional() }), response: z.array(termHit) },
  'vcf.attach': {
    request: z
      .object({ caseId: z.string(), ...fileSource, sample: z.string().optional(), assembly: z.enum(['GRCh37', 'GRCh38']).optional() })
      .refine(oneFileSource, oneFileSourceIssue),
    response: z.object({ jobId: z.string() }),
  },
  'diagnosis.run': { request: z.object({ caseId: z.string(), reason: z.boolean().optional(), modelId: z.string().optional() }), response: z.object({ jobId: z.string() }) },
  'runs.get': { request: z.object({ runId: z.string() }), response: runView },
  /** accept, reject or exclude one candidate; rejecting or excluding needs the reason */
  'decisions.record': {
    request: z
      .object({ caseId: z.string(), runId: z.string().optional(), diseaseId: z.string().min(1), decision: candidateDecision, note: z.string().max(10_000).optional() })
      .refine((r) => r.decision === 'accept' || (r.note ?? '').trim().length > 0, { message: 'say why the candidate is rejected or excluded', path: ['note'] }),
    response: caseDetail,
  },
  /** the final diagnosis: the case becomes solved */
  'decisions.finalize': {
    request: z
      .object({
        caseId: z.string(),
        runId: z.string().optional(),
        diseaseId: z.string().min(1),
        gene: z.string().max(50).optional(),
        variant: z.string().max(500).optional(),
        classification: variantClassification.optional(),
        certainty: diagnosisCertainty,
        note: z.string().max(10_000).optional(),
      })
      .refine((r) => !r.classification || r.variant, { message: 'a classification is of a variant: give the variant', path: ['classification'] }),
    response: caseDetail,
  },
  'diseases.info': { request: z.object({ id: z.string().min(1).max(100) }), response: diseaseInfo },
  'settings.get': { request: z.object({}), response: z.object({ report: reportSettings }) },
  'settings.update': { request: z.object({ report: reportSettings }), response: z.object({ report: reportSettings }) },
  'report.html': { request: z.object({ caseId: z.string(), runId: z.string(), ...readerLocale }), response: z.object({ html: z.string() }) },
  'report.pdf': { request: z.object({ caseId: z.string(), runId: z.string(), ...readerLocale }), response: z.object({ pdfBase64: z.string() }) },
  'models.list': { request: z.object({}), response: z.array(modelInfo) },
  'models.select': { request: z.object({ id: z.string().min(1) }), response: z.object({ ok: z.literal(true) }) },
  'models.hardware': { request: z.object({}), response: z.object({ backend: z.string(), summary: z.string() }) },
  'snapshot.rebuild': { request: z.object({}), response: z.object({ jobId: z.string() }) },
  'jobs.cancel': { request: z.object({ jobId: z.string() }), response: z.object({ cancelled: z.boolean() }) },
} as const;

export type ApiMethod = keyof typeof api;
export type ApiRequest<M extends ApiMethod> = z.input<(typeof api)[M]['request']>;
/** A request after validation (defaults applied): what a handler of the method receives. */
export type ApiParsedRequest<M extends ApiMethod> = z.output<(typeof api)[M]['request']>;
export type ApiResponse<M extends ApiMethod> = z.infer<(typeof api)[M]['response']>;

/** Events pushed from the engine to the UI for long jobs (VCF import, diagnosis, LLM). */
export const jobEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), jobId: z.string(), fraction: z.number().min(0).max(1), step: z.string() }),
  z.object({ type: z.literal('chunk'), jobId: z.string(), kind: z.enum(['thought', 'answer']), text: z.string() }),
  z.object({
    type: z.literal('done'),
    jobId: z.string(),
    result: z.union([
      z.object({ kind: z.literal('vcf'), summary: vcfSummary }),
      z.object({ kind: z.literal('run'), runId: z.string() }),
      z.object({ kind: z.literal('snapshot'), snapshotId: z.string() }),
    ]),
  }),
  z.object({ type: z.literal('failed'), jobId: z.string(), error: z.string() }),
]);
export type JobEvent = z.infer<typeof jobEvent>;

/**
 * One implementation of every method, each typed by its schemas: the workstation service and the renderer's in-memory
 * fake are both of this type, so neither can miss a method or answer with the wrong shape.
 */
export type ApiHandlers = { [M in ApiMethod]: (request: ApiParsedRequest<M>) => Promise<ApiResponse<M>> | ApiResponse<M> };

/** The API as the UI uses it. */
export interface WorkstationApi {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
  onJobEvent(listener: (event: JobEvent) => void): () => void;
}

/** A failure the UI can show: a message naming what was wrong, and whether it was the caller's input. */
export const apiError = z.object({ error: z.string(), kind: z.enum(['bad-request', 'not-found', 'bad-input', 'failure']) });
export type ApiError = z.infer<typeof apiError>;

export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly kind: ApiError['kind'],
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Validates a request for a method, throwing a bad-request ApiCallError naming the field. */
export function parseRequest<M extends ApiMethod>(method: M, value: unknown): ApiParsedRequest<M> {
  const spec = api[method];
  if (!spec) throw new ApiCallError(`unknown method ${String(method)}`, 'bad-request');
  const parsed = spec.request.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiCallError(`${method}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`, 'bad-request');
  }
  return parsed.data as ApiParsedRequest<M>;
}

export function parseResponse<M extends ApiMethod>(method: M, value: unknown): ApiResponse<M> {
  const parsed = api[method].response.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiCallError(`${method}: response field ${issue.path.join('.') || '(root)'}: ${issue.message}`, 'failure');
  }
  return parsed.data as ApiResponse<M>;
}

export const isApiMethod = (m: string): m is ApiMethod => Object.prototype.hasOwnProperty.call(api, m);

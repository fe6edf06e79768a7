import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseInputError, CaseNotFoundError } from '../../../diagnosis/case-store/case-errors.js';
import type { CaseStore } from '../../../diagnosis/case-store/case-store.js';
import { scratchDir } from '../../helpers/paths.js';
import { marfanCase, openStore, storeFile } from './store-fixtures.js';

const inputError = (field: string, message: string | RegExp) =>
  expect.objectContaining({ name: 'CaseInputError', field, message: expect.stringMatching(message) });

describe('case store: cases, findings, runs, decisions', () => {
  const dir = scratchDir('rarediag-cases-store-');
  let store: CaseStore;
  beforeAll(() => {
    store = openStore(storeFile(dir));
  });
  afterAll(() => store.close());

  it('creates a case with its narrative, findings and notes, and reads it back whole', () => {
    const c = store.createCase({ ...marfanCase(), notes: ['Father 1.95 m, never examined.'] });
    expect(c.case).toMatchObject({ label: 'Proband, family 7', sex: 'MALE', dateOfBirth: '2011-05-14', age: null, status: 'in-progress', createdBy: 'dr.lee' });
    expect(c.case.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.narratives).toEqual([expect.objectContaining({ source: 'referral letter', createdBy: 'dr.lee' })]);
    expect(c.findings.map((f) => [f.hpoId, f.status, f.source])).toEqual([
      ['HP:0001166', 'present', 'typed'],
      ['HP:0001083', 'present', 'typed'],
      ['HP:0002616', 'present', 'typed'],
      ['HP:0000545', 'present', 'typed'],
      ['HP:0001250', 'excluded', 'typed'],
    ]);
    expect(c.notes.map((n) => n.text)).toEqual(['Father 1.95 m, never examined.']);
    expect(store.getCase(c.case.id)).toEqual(c);
  });

  it('records extracted findings with the span they came from, checked against the narrative', () => {
    const id = store.createCase({ label: 'span case' }).case.id;
    const text = 'At 8 months: hypotonia and poor head control. No seizures.';
    const { narrative, findings } = store.addNarrative(id, { source: 'clinic note', text }, [
      { hpoId: 'HP:0001252', label: 'Hypotonia', status: 'present', source: 'extracted', span: { start: 13, end: 22 } },
      { hpoId: 'HP:0001250', label: 'Seizure', status: 'excluded', source: 'extracted', span: { start: 49, end: 57, text: 'seizures' } },
    ]);
    expect(findings.map((f) => f.span)).toEqual([
      { narrativeId: narrative.id, start: 13, end: 22, text: 'hypotonia' },
      { narrativeId: narrative.id, start: 49, end: 57, text: 'seizures' },
    ]);
    // a span whose text is not what the narrative says there is refused, and nothing of the call is kept
    expect(() =>
      store.addNarrative(id, { source: 'second note', text: 'Macrocephaly.' }, [{ hpoId: 'HP:0000256', label: 'Macrocephaly', status: 'present', source: 'extracted', span: { start: 0, end: 5, text: 'Macro-' } }]),
    ).toThrow(inputError('extracted.0.span.text', /the narrative says "Macro" there/));
    expect(store.getCase(id).narratives).toHaveLength(1);
    expect(() => store.recordFindings(id, [{ hpoId: 'HP:0000256', label: 'Macrocephaly', status: 'present', source: 'extracted', span: { narrativeId: narrative.id, start: 0, end: 500 } }])).toThrow(
      inputError('findings.0.span.end', /beyond the end of the narrative \(58 characters\)/),
    );
    expect(() => store.recordFindings(id, [{ hpoId: 'HP:0000256', label: 'Macrocephaly', status: 'present', source: 'extracted' }])).toThrow(
      inputError('findings.0.span', /an extracted finding needs its span/),
    );
  });

  it('keeps one finding per HPO term: recording it again changes it, and the audit log keeps what it was', () => {
    const id = store.createCase(marfanCase()).case.id;
    const [changed] = store.withActor('dr.patel').recordFindings(id, [
      { hpoId: 'HP:0001250', label: 'Seizure', status: 'uncertain', source: 'llm-accepted', proposedBy: 'qwen2.5-7b-instruct-q4_k_m' },
    ]);
    expect(changed).toMatchObject({ status: 'uncertain', source: 'llm-accepted', proposedBy: 'qwen2.5-7b-instruct-q4_k_m', recordedBy: 'dr.patel' });
    expect(store.getCase(id).findings).toHaveLength(5);
    const entry = store.auditTrail({ caseId: id }).at(-1)!;
    expect(entry).toMatchObject({ actor: 'dr.patel', action: 'findings.record', caseId: id });
    expect(entry.details).toEqual({
      changes: [{ hpoId: 'HP:0001250', status: 'uncertain', source: 'llm-accepted', before: { status: 'excluded', source: 'typed' } }],
      state: { case: expect.stringMatching(/^[0-9a-f]{64}$/), findings: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    store.removeFinding(id, 'HP:0000545');
    expect(store.getCase(id).findings.map((f) => f.hpoId)).not.toContain('HP:0000545');
    expect(() => store.removeFinding(id, 'HP:0000545')).toThrow(CaseNotFoundError);
  });

  it('replaces the whole set of findings in one transaction (the UI saving its list)', () => {
    const id = store.createCase(marfanCase()).case.id;
    const saved = store.replaceFindings(id, [
      { hpoId: 'HP:0001166', label: 'Arachnodactyly', status: 'present', source: 'typed' },
      { hpoId: 'HP:0000098', label: 'Tall stature', status: 'present', source: 'typed' },
    ]);
    expect(saved.map((f) => f.hpoId)).toEqual(['HP:0001166', 'HP:0000098']);
    expect(store.getCase(id).findings.map((f) => f.hpoId)).toEqual(['HP:0001166', 'HP:0000098']);
    expect(store.auditTrail({ caseId: id }).slice(-5).map((e) => [e.action, e.entityId])).toEqual([
      ['finding.remove', 'HP:0001083'],
      ['finding.remove', 'HP:0002616'],
      ['finding.remove', 'HP:0000545'],
      ['finding.remove', 'HP:0001250'],
      ['findings.record', null],
    ]);
    // an invalid list changes nothing: not even the removals before the bad entry
    expect(() => store.replaceFindings(id, [{ hpoId: 'HP:0000098', label: 'Tall stature', status: 'present', source: 'extracted', span: { narrativeId: 999_999, start: 0, end: 4 } }])).toThrow(
      inputError('findings.0.span.narrativeId', /no narrative 999999 in this case/),
    );
    expect(store.getCase(id).findings.map((f) => f.hpoId)).toEqual(['HP:0001166', 'HP:0000098']);
    expect(store.replaceFindings(id, [])).toEqual([]);
    expect(store.getCase(id).findings).toEqual([]);
  });

  it('validates every input at the boundary and names the field', () => {
    expect(() => store.createCase({ label: '' })).toThrow(inputError('label', /too small|at least/i));
    expect(() => store.createCase({ label: 'x', sex: 'M' as never })).toThrow(inputError('sex', /MALE/));
    expect(() => store.createCase({ label: 'x', dateOfBirth: '2011-02-30' })).toThrow(inputError('dateOfBirth', /date/i));
    expect(() => store.createCase({ label: 'x', age: '6 years' })).toThrow(inputError('age', /ISO 8601 duration/));
    expect(() => store.createCase({ label: 'x', findings: [{ hpoId: 'HP:12', label: 'x', status: 'present', source: 'typed' }] })).toThrow(
      inputError('findings.0.hpoId', /HPO id such as HP:0001250/),
    );
    expect(() => store.createCase({ label: 'x', ssn: '123' } as never)).toThrow(inputError('(root)', /Unrecognized key: "ssn"/));
    const id = store.createCase({ label: 'validation' }).case.id;
    expect(() => store.recordDecision(id, { kind: 'accept' })).toThrow(inputError('candidateId', /need the candidate id/));
    expect(() => store.recordDecision(id, { kind: 'final-diagnosis', candidateId: 'OMIM:154700' })).toThrow(inputError('candidateLabel', /needs its label/));
    expect(() => store.recordRun(id, { snapshotId: 's', modelId: 'm', inputs: {}, results: {}, topCandidates: [] })).toThrow(inputError('hardware', /which hardware/));
    expect(() => store.attachVcf(id, { path: '/data/p.vcf.gz', sha256: 'abc' })).toThrow(inputError('sha256', /sha256/));
    expect(() => store.getCase('no-such-case')).toThrow(new CaseNotFoundError('case with id "no-such-case"'));
    expect(() => store.addNote('no-such-case', { text: 'x' })).toThrow(CaseNotFoundError);
  });

  it('does every multi-row change in one transaction: a failure half-way keeps nothing', () => {
    const before = store.listCases().length;
    const auditBefore = store.verifyAuditChain();
    // the second finding repeats the first: the case, its narrative and the first finding must not stay behind
    expect(() =>
      store.createCase({
        ...marfanCase('half-written'),
        findings: [
          { hpoId: 'HP:0001166', label: 'Arachnodactyly', status: 'present', source: 'typed' },
          { hpoId: 'HP:0001166', label: 'Arachnodactyly', status: 'excluded', source: 'typed' },
        ],
      }),
    ).toThrow(inputError('findings.1.hpoId', /listed twice/));
    expect(store.listCases()).toHaveLength(before);
    expect(store.search('ectopia').map((r) => r.label)).not.toContain('half-written');
    expect(store.verifyAuditChain()).toEqual(auditBefore);
  });

  it('links each run to the previous one and marks when the top 5 changed', () => {
    const id = store.createCase(marfanCase()).case.id;
    const inputs = store.caseInputs(id);
    const first = store.recordRun(id, { snapshotId: 'snap-2025-01', inputs, results: { diseases: [] }, topCandidates: ['OMIM:154700', 'OMIM:609192', 'OMIM:610168'] });
    expect(first).toMatchObject({ kind: 'manual', previousRunId: null, topChanged: null, createdBy: 'dr.lee' });
    const llm = store.recordRun(id, {
      snapshotId: 'snap-2025-01',
      modelId: 'qwen2.5-7b-instruct-q4_k_m',
      hardware: { backend: 'cpu', cpu: { model: 'test', threads: 2 } },
      parameters: { temperature: 0 },
      inputs,
      results: { reasoning: 'FBN1' },
      topCandidates: ['OMIM:609192', 'OMIM:154700', 'OMIM:610168'],
      timings: { rankMs: 3, llmMs: 4200 },
    });
    expect(llm).toMatchObject({ previousRunId: first.id, topChanged: false, modelId: 'qwen2.5-7b-instruct-q4_k_m', hardware: { backend: 'cpu' }, timings: { llmMs: 4200 } });
    expect(store.getRun(llm.id).inputs).toEqual(inputs);
    const third = store.recordRun(id, { snapshotId: 'snap-2025-06', inputs, results: {}, topCandidates: ['OMIM:154700', 'ORPHA:558'] });
    expect(third.topChanged).toBe(true);
    expect(store.getCase(id).runs.map((r) => r.id)).toEqual([first.id, llm.id, third.id]);
    expect(() => store.getRun(999_999)).toThrow(CaseNotFoundError);
  });

  it('moves the status with the clinician’s decisions; a final diagnosis solves the case', () => {
    const id = store.createCase(marfanCase()).case.id;
    const run = store.recordRun(id, { snapshotId: 's1', inputs: {}, results: {}, topCandidates: ['OMIM:154700'] });
    store.recordDecision(id, { kind: 'reject', candidateId: 'OMIM:609192', runId: run.id, note: 'No craniosynostosis; not Loeys-Dietz.' });
    expect(store.getCaseRecord(id).status).toBe('in-progress');
    expect(() => store.recordDecision(id, { kind: 'mark-solved' })).toThrow(inputError('kind', /record one first/));
    store.recordDecision(id, { kind: 'mark-unsolved', note: 'FBN1 panel negative' });
    expect(store.getCase(id)).toMatchObject({ case: { status: 'unsolved' }, finalDiagnosis: null });
    const dx = store.withActor('dr.okafor').recordDecision(id, { kind: 'final-diagnosis', candidateId: 'OMIM:154700', candidateLabel: 'Marfan syndrome', runId: run.id, note: 'FBN1 deep-intronic variant on RNA-seq.' });
    expect(store.getCase(id)).toMatchObject({ case: { status: 'solved' }, finalDiagnosis: { id: dx.id, decidedBy: 'dr.okafor' } });
    store.recordDecision(id, { kind: 'reopen', note: 'second opinion' });
    expect(store.getCase(id)).toMatchObject({ case: { status: 'in-progress' }, finalDiagnosis: null });
    store.recordDecision(id, { kind: 'mark-solved' });
    expect(store.getCase(id).finalDiagnosis?.candidateId).toBe('OMIM:154700');
    expect(() => store.recordDecision(id, { kind: 'accept', candidateId: 'OMIM:1', runId: 999 })).toThrow(inputError('runId', /no run 999 in this case/));
    const trail = store.auditTrail({ caseId: id }).map((e) => e.action);
    expect(trail).toEqual(['case.create', 'narrative.add', 'findings.record', 'run.record', 'decision.reject', 'decision.mark-unsolved', 'decision.final-diagnosis', 'decision.reopen', 'decision.mark-solved']);
  });

  it('lists cases with counts, last run and diagnosis; resolves id prefixes; gives the ranker its inputs', () => {
    const id = store.createCase({ ...marfanCase('listed'), findings: [...marfanCase().findings!, { hpoId: 'HP:0000098', label: 'Tall stature', status: 'uncertain', source: 'typed' }] }).case.id;
    store.attachVcf(id, { path: '/data/family7/proband.vcf.gz', sha256: 'a'.repeat(64), sample: 'F7-II-1', build: 'GRCh37', summary: { records: 41230 } });
    store.recordRun(id, { snapshotId: 'snap-x', inputs: {}, results: {}, topCandidates: ['OMIM:154700', 'OMIM:609192'] });
    const row = store.listCases().find((c) => c.id === id)!;
    expect(row).toMatchObject({ present: 4, excluded: 1, uncertain: 1, lastRun: { snapshotId: 'snap-x', topCandidate: 'OMIM:154700' }, finalDiagnosis: null });
    expect(store.listCases()[0]!.id).toBe(id); // most recently changed first
    expect(store.listCases({ status: 'solved' }).every((c) => c.status === 'solved')).toBe(true);
    expect(store.resolveCaseId(id.slice(0, 8))).toBe(id);
    expect(() => store.resolveCaseId('zz')).toThrow(CaseNotFoundError);

    const inputs = store.caseInputs(id);
    expect(inputs.findings).toMatchObject({ id, present: ['HP:0001166', 'HP:0001083', 'HP:0002616', 'HP:0000545'], excluded: ['HP:0001250'], sex: 'MALE' });
    // no recorded age: from the date of birth (2011-05-14) to the store clock (2025-03)
    expect(inputs.findings.ageYears).toBe(13);
    expect(inputs.uncertain).toEqual(['HP:0000098']);
    expect(inputs.vcf).toEqual({ path: '/data/family7/proband.vcf.gz', sha256: 'a'.repeat(64), sample: 'F7-II-1', build: 'GRCh37' });
    store.updateCase(id, { age: 'P13Y6M' });
    expect(store.caseInputs(id).findings.ageYears).toBeCloseTo(13.5);
    expect(store.auditTrail({ caseId: id }).at(-1)).toMatchObject({ action: 'case.update', details: { fields: ['age'] } });
  });

  it('keeps narrative and note text out of the audit log (it is kept forever): a length and a hash identify it', () => {
    const id = store.createCase({ label: 'audit content', narratives: [{ source: 'letter', text: 'Sensitive family history: consanguinity.' }] }).case.id;
    store.addNote(id, { text: 'Mother asked not to share results with the father.' });
    const trail = JSON.stringify(store.auditTrail({ caseId: id }));
    expect(trail).not.toContain('consanguinity');
    expect(trail).not.toContain('father');
    expect(store.auditTrail({ caseId: id }).find((e) => e.action === 'note.add')!.details).toEqual({
      text: { length: 50, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      // hashes of what the change left (the note's row, the case's row and findings) for audit-verify, never the text
      row: expect.stringMatching(/^[0-9a-f]{64}$/),
      state: { case: expect.stringMatching(/^[0-9a-f]{64}$/), findings: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('is not used with an empty actor', () => {
    expect(() => store.withActor('  ')).toThrow(CaseInputError);
  });
});

import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePhenopacketCase } from '../../../diagnosis/case-input/phenopacket-input.js';
import type { CaseStore } from '../../../diagnosis/case-store/case-store.js';
import { scratchDir } from '../../helpers/paths.js';
import { openStore, storeFile } from './store-fixtures.js';

const fixture = resolve('tests/fixtures/cases/marfan-proband.phenopacket.json');
const load = () => JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;
const features = (p: { phenotypicFeatures?: { type: { id: string; label?: string }; excluded?: boolean }[] }) =>
  (p.phenotypicFeatures ?? []).map((f) => ({ id: f.type.id, label: f.type.label, excluded: !!f.excluded }));

describe('Phenopacket v2 export and import', () => {
  const dir = scratchDir('rarediag-cases-pp-');
  let store: CaseStore;
  beforeAll(() => {
    store = openStore(storeFile(dir));
  });
  afterAll(() => store.close());

  it('imports a phenopacket as a new case: subject, findings, and the SOLVED interpretation as the final diagnosis', () => {
    const c = store.importPhenopacket(load(), { file: fixture });
    expect(c.case).toMatchObject({ label: 'F7-II-1', sex: 'MALE', dateOfBirth: '2011-05-14', age: 'P13Y2M', status: 'solved' });
    expect(c.findings.map((f) => [f.hpoId, f.status])).toEqual([
      ['HP:0001166', 'present'],
      ['HP:0001083', 'present'],
      ['HP:0002616', 'present'],
      ['HP:0000545', 'present'],
      ['HP:0001250', 'excluded'],
      ['HP:0001249', 'excluded'],
    ]);
    expect(c.finalDiagnosis).toMatchObject({ candidateId: 'OMIM:154700', candidateLabel: 'Marfan syndrome', note: 'from interpretation family7-proband-dx of phenopacket family7-proband' });
    expect(store.auditTrail({ caseId: c.case.id }).map((e) => e.action)).toEqual(['case.create', 'findings.record', 'case.import', 'decision.final-diagnosis']);
    expect(store.auditTrail({ caseId: c.case.id })[2]!.details).toMatchObject({ format: 'phenopacket-v2', phenopacketId: 'family7-proband', file: fixture });
  });

  it('round-trips: import then export gives the same features, subject and diagnosis, as a valid v2 phenopacket', () => {
    const original = load();
    const id = store.importPhenopacket(original).case.id;
    const exported = store.exportPhenopacket(id, { versions: { hp: '2026-06-23' } });
    expect(features(exported)).toEqual(features(original as never));
    expect(exported.subject).toEqual({ id: 'F7-II-1', sex: 'MALE', dateOfBirth: '2011-05-14T00:00:00Z', timeAtLastEncounter: { age: { iso8601duration: 'P13Y2M' } } });
    expect(exported.interpretations).toEqual([{ id: `${id}-final-diagnosis`, progressStatus: 'SOLVED', diagnosis: { disease: { id: 'OMIM:154700', label: 'Marfan syndrome' } } }]);
    expect(exported.metaData).toMatchObject({ phenopacketSchemaVersion: '2.0', createdBy: 'dr.lee', created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(exported.metaData.resources.map((r) => [r.id, r.namespacePrefix, r.version])).toEqual([
      ['hp', 'HP', '2026-06-23'],
      ['omim', 'OMIM', 'unknown'],
      ['orpha', 'ORPHA', 'unknown'],
    ]);
    // the ranker reads the export as it read the original
    const again = parsePhenopacketCase(JSON.parse(JSON.stringify(exported)));
    const first = parsePhenopacketCase(original);
    expect(again.ok && first.ok && { ...again.findings, id: '' }).toEqual(first.ok && { ...first.findings, id: '' });
    // and the export imports back to the same findings
    const back = store.importPhenopacket(exported);
    expect(back.findings.map((f) => [f.hpoId, f.label, f.status])).toEqual(store.getCase(id).findings.map((f) => [f.hpoId, f.label, f.status]));
  });

  it('leaves uncertain findings and a retracted diagnosis out of the export', () => {
    const id = store.importPhenopacket(load()).case.id;
    store.recordFindings(id, [{ hpoId: 'HP:0000098', label: 'Tall stature', status: 'uncertain', source: 'typed' }]);
    store.recordDecision(id, { kind: 'reopen', note: 'variant reclassified as VUS' });
    const exported = store.exportPhenopacket(id);
    expect(exported.phenotypicFeatures.map((f) => f.type.id)).not.toContain('HP:0000098');
    expect(exported.interpretations).toBeUndefined();
  });

  it('refuses an invalid phenopacket and names the offending field', () => {
    const cases: [(p: Record<string, unknown>) => unknown, string][] = [
      [(p) => ({ ...p, phenotypicFeatures: [...(p['phenotypicFeatures'] as unknown[]), { type: { id: 'HPO:123', label: 'x' } }] }), 'field phenotypicFeatures.6.type.id: expected an HPO id such as HP:0001250'],
      [(p) => ({ ...p, phenotypicFeatures: [{ type: { id: 'HP:0001166' } }] }), 'field phenotypicFeatures.0.type.label: Invalid input: expected string, received undefined'],
      [(p) => ({ ...p, metaData: { phenopacketSchemaVersion: '1.0' } }), 'field metaData.phenopacketSchemaVersion: expected 2.0: only GA4GH Phenopacket v2 is read'],
      [(p) => ({ ...p, metaData: undefined }), 'field metaData: Invalid input: expected object, received undefined'],
      [(p) => ({ ...p, subject: { sex: 'male' } }), 'field subject.sex: Invalid option: expected one of "MALE"|"FEMALE"|"OTHER_SEX"|"UNKNOWN_SEX"'],
      [(p) => ({ ...p, subject: { timeAtLastEncounter: { age: { iso8601duration: '13 years' } } } }), 'field subject.timeAtLastEncounter.age.iso8601duration: expected an ISO 8601 duration such as P6Y or P1Y6M'],
      [(p) => ({ ...p, phenotypicFeatures: [{ type: { id: 'HP:0001166', label: 'A' } }, { type: { id: 'HP:0001166', label: 'A' }, excluded: true }] }), 'field phenotypicFeatures.1.type.id: HP:0001166 is already listed as feature 0'],
      [(p) => ({ ...p, interpretations: [{ id: 'i', progressStatus: 'SOLVED', diagnosis: { disease: { id: 'Marfan', label: 'Marfan syndrome' } } }] }), 'field interpretations.0.diagnosis.disease.id: expected a disease id such as OMIM:154700 or ORPHA:558'],
      [() => ['not', 'an', 'object'], 'field (root): Invalid input: expected object, received array'],
    ];
    const before = store.listCases().length;
    for (const [edit, message] of cases) {
      expect(() => store.importPhenopacket(edit(load()), { file: fixture }), message).toThrow(expect.objectContaining({ name: 'CaseInputError', file: fixture, message }));
    }
    expect(store.listCases()).toHaveLength(before);
  });

  it('accepts the {"phenopacket": ...} wrapper of the rank command and the benchmark files', () => {
    const c = store.importPhenopacket({ cohort: 'FBN1', phenopacket: load() });
    expect(c.findings).toHaveLength(6);
  });

  const bench = resolve('..', 'shared', 'bench', 'phenopackets-dev.jsonl.gz');
  it.skipIf(!existsSync(bench))('round-trips the findings of the first 200 real phenopacket-store cases', async () => {
    const lines = createInterface({ input: createReadStream(bench).pipe(createGunzip()) });
    let n = 0;
    for await (const line of lines) {
      const packet = (JSON.parse(line) as { phenopacket: Record<string, unknown> }).phenopacket;
      const id = store.importPhenopacket(packet).case.id;
      const exported = store.exportPhenopacket(id);
      expect(features(exported), String(packet['id'])).toEqual(features(packet as never));
      expect(exported.interpretations?.[0]?.diagnosis.disease.id).toBe((packet['interpretations'] as { diagnosis: { disease: { id: string } } }[])[0]!.diagnosis.disease.id);
      if (++n === 200) break;
    }
    lines.close();
    expect(n).toBe(200);
  });
});

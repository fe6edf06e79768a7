import { describe, expect, it } from 'vitest';
import { CaseInputError } from '../../../diagnosis/case-store/case-errors.js';
import { LATEST_SCHEMA_VERSION, migrate } from '../../../diagnosis/case-store/migrate.js';
import { openEncryptedDatabase } from '../../../diagnosis/case-store/store-connection.js';
import { scratchDir } from '../../helpers/paths.js';
import { PASSPHRASE, fileHashes, marfanCase, openStore, rawConnection, storeFile } from './store-fixtures.js';

const trio = {
  source: 'typed in the app',
  consanguineous: false,
  members: [
    { id: 'P1', sex: 'FEMALE' as const, affected: 'affected' as const, fatherId: 'F1', motherId: 'M1', proband: true },
    { id: 'F1', sex: 'MALE' as const, affected: 'unaffected' as const },
    { id: 'M1', sex: 'FEMALE' as const, affected: 'unaffected' as const },
  ],
};

const labList = {
  source: 'lab report 2025-02',
  variants: [
    { gene: 'FGFR3', hgvsC: 'NM_000142.5:c.1138G>A', hgvsP: 'p.Gly380Arg', zygosity: 'heterozygous' as const, inheritance: 'de novo' as const, acmg: 'pathogenic' as const },
    { chrom: 'chr4', pos: 1_803_568, ref: 'g', alt: 'a', assembly: 'GRCh37' as const, gene: 'FGFR3', zygosity: 'heterozygous' as const },
    { gene: 'COL2A1', hgvsC: 'c.1693C>T', zygosity: 'heterozygous' as const, inheritance: 'unknown' as const, acmg: 'uncertain significance' as const },
  ],
};

describe('a case’s family and candidate variants (schema 4)', () => {
  const dir = scratchDir('rarediag-cases-family-');

  it('stores a trio and a lab list, returns them with the case and as run inputs, each change audited with its content hash', () => {
    const store = openStore(storeFile(dir, 'trio.db'));
    const id = store.createCase(marfanCase('Trio 1')).case.id;
    const ped = store.setPedigree(id, trio)!;
    expect(ped).toMatchObject({ familyId: 'family', consanguineous: false, source: 'typed in the app', updatedBy: 'dr.lee' });
    expect(ped.members).toEqual([
      { id: 'P1', sex: 'FEMALE', affected: 'affected', fatherId: 'F1', motherId: 'M1', proband: true },
      { id: 'F1', sex: 'MALE', affected: 'unaffected', fatherId: null, motherId: null, proband: false },
      { id: 'M1', sex: 'FEMALE', affected: 'unaffected', fatherId: null, motherId: null, proband: false },
    ]);
    const list = store.setCandidateVariants(id, labList)!;
    // the row's words normalised as a run reads them: transcript split from the HGVS, chromosome and alleles tidied
    expect(list.variants[0]).toMatchObject({ gene: 'FGFR3', transcript: 'NM_000142.5', hgvsC: 'c.1138G>A', hgvsP: 'p.Gly380Arg', inheritance: 'de novo', acmg: 'pathogenic', source: 'lab report 2025-02, row 1' });
    expect(list.variants[1]).toMatchObject({ chrom: '4', pos: 1_803_568, ref: 'G', alt: 'A', assembly: 'GRCh37', hgvsC: null });

    const detail = store.getCase(id);
    expect(detail.pedigree?.members.map((m) => m.id)).toEqual(['P1', 'F1', 'M1']);
    expect(detail.candidateVariants?.variants).toHaveLength(3);
    const inputs = store.caseInputs(id);
    expect(inputs.pedigree?.pedigree).toMatchObject({ probandId: 'P1', familyId: 'family', consanguineous: false, setAside: [] });
    expect(inputs.candidateVariants?.variants[0]).toEqual({
      gene: 'FGFR3', transcript: 'NM_000142.5', hgvsC: 'c.1138G>A', hgvsP: 'p.Gly380Arg', zygosity: 'heterozygous', inheritance: 'de novo', acmg: 'pathogenic', source: 'lab report 2025-02, row 1',
    });

    const actions = store.auditTrail({ caseId: id }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['pedigree.set', 'candidates.set']));
    const set = store.auditTrail({ caseId: id }).find((e) => e.action === 'pedigree.set')!;
    expect(set.details).toMatchObject({ members: 3, consanguineous: false, source: 'typed in the app', replaced: false });
    expect(typeof set.details['row']).toBe('string');
    expect(store.verifyAuditChain()).toMatchObject({ ok: true });
    expect(store.verifyAuditContents()).toMatchObject({ ok: true, problems: [] });

    // replacing and removing: the store keeps what was saved last; the log says so
    store.setPedigree(id, { ...trio, consanguineous: true });
    expect(store.getCase(id).pedigree?.consanguineous).toBe(true);
    store.setCandidateVariants(id, { source: 'typed', variants: [] });
    expect(store.getCase(id).candidateVariants).toBeNull();
    expect(store.caseInputs(id).candidateVariants).toBeUndefined();
    store.setPedigree(id, null);
    expect(store.getCase(id).pedigree).toBeNull();
    expect(store.verifyAuditContents()).toMatchObject({ ok: true });
    store.close();
  });

  it('refuses a family or a list a run could not read, naming the field, and changes nothing', () => {
    const store = openStore(storeFile(dir, 'refuse.db'));
    const id = store.createCase(marfanCase('Refusals')).case.id;
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(CaseInputError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused(() => store.setPedigree(id, { ...trio, members: trio.members.map((m) => ({ ...m, proband: false })) }))).toBe('field members: mark exactly one member as the proband');
    expect(refused(() => store.setPedigree(id, { ...trio, members: [trio.members[0]!, trio.members[1]!] }))).toBe('field members.0.motherId: "M1" is not a member of the family: add them first');
    expect(refused(() => store.setPedigree(id, { ...trio, members: [...trio.members, { id: 'F1', sex: 'MALE', affected: 'unknown' }] }))).toMatch(/^field members\.3: member "F1" is listed twice/);
    expect(refused(() => store.setPedigree(id, { ...trio, members: [{ ...trio.members[0]!, id: 'P 1' }, trio.members[1]!, trio.members[2]!] }))).toMatch(/^field members\.0\.id: an id without spaces/);
    expect(refused(() => store.setCandidateVariants(id, { source: 'typed', variants: [{ gene: 'FGFR3', hgvsC: 'G380R' }] }))).toBe('field variants.0.hgvsC: "G380R" is not a coding HGVS description such as c.1138G>A');
    expect(refused(() => store.setCandidateVariants(id, { source: 'typed', variants: [labList.variants[0]!, { gene: 'FGFR3' }] }))).toBe(
      'field variants.1: a variant needs coordinates (chrom, pos, ref, alt, assembly) or a gene and an HGVS description',
    );
    expect(refused(() => store.setCandidateVariants(id, { source: 'typed', variants: [{ chrom: '4', pos: 10, ref: 'A', alt: 'G' }] }))).toBe('field variants.0.assembly: coordinates need their assembly (GRCh37 or GRCh38)');
    expect(store.getCase(id)).toMatchObject({ pedigree: null, candidateVariants: null });
    expect(store.auditTrail({ caseId: id }).map((e) => e.action)).toEqual(['case.create', 'narrative.add', 'findings.record']);
    store.close();
  });

  it('exports a case with its family as a Phenopacket v2 Family and imports it back as a new case with the same family', () => {
    const store = openStore(storeFile(dir, 'family-packet.db'));
    const id = store.createCase(marfanCase('Family packet')).case.id;
    expect(store.exportFamily(id)).toBeNull();
    store.setPedigree(id, { ...trio, consanguineous: true });
    const family = store.exportFamily(id)!;
    expect(family).toMatchObject({ id: `${id}-family`, relatives: [], consanguinousParents: true, proband: { id, subject: { id: 'P1', sex: 'MALE' } } });
    expect(family.pedigree.persons).toEqual([
      { familyId: 'family', individualId: 'P1', paternalId: 'F1', maternalId: 'M1', sex: 'FEMALE', affectedStatus: 'AFFECTED' },
      { familyId: 'family', individualId: 'F1', paternalId: '0', maternalId: '0', sex: 'MALE', affectedStatus: 'UNAFFECTED' },
      { familyId: 'family', individualId: 'M1', paternalId: '0', maternalId: '0', sex: 'FEMALE', affectedStatus: 'UNAFFECTED' },
    ]);
    expect(family.proband.phenotypicFeatures).toHaveLength(5);
    const imported = store.importPhenopacket(JSON.parse(JSON.stringify(family)) as unknown, { file: 'family.json' });
    expect(imported.case.label).toBe('P1');
    expect(imported.findings.map((f) => f.hpoId).sort()).toEqual(store.getCase(id).findings.map((f) => f.hpoId).sort());
    expect(imported.pedigree).toMatchObject({ consanguineous: true, source: `phenopacket Family ${id}-family`, members: store.getCase(id).pedigree!.members });
    expect(store.auditTrail({ caseId: imported.case.id }).find((e) => e.action === 'case.import')?.details).toMatchObject({ format: 'phenopacket-v2-family', familyId: `${id}-family` });
    // a Family whose proband is not in its pedigree is refused whole: no case is created
    const cases = store.listCases().length;
    const broken = { ...family, proband: { ...family.proband, subject: { ...family.proband.subject, id: 'X9' } } };
    expect(() => store.importPhenopacket(broken)).toThrow(/^field family: pedigree: the proband "X9" is not in the pedigree/);
    expect(store.listCases()).toHaveLength(cases);
    store.close();
  });

  it('sees a family edited around the store: the audit replay names it', () => {
    const path = storeFile(dir, 'tamper.db');
    const store = openStore(path);
    const id = store.createCase(marfanCase('Tampered')).case.id;
    store.setPedigree(id, trio);
    store.close();
    const raw = rawConnection(path);
    raw.prepare("UPDATE pedigree_members SET affected = 'affected' WHERE member_id = 'F1'").run();
    raw.close();
    const again = openStore(path);
    expect(again.verifyAuditContents()).toMatchObject({ ok: false, problems: [expect.stringMatching(/^pedigree .* differs from what audit row \d+ recorded$/)] });
    again.close();
  });

  it('upgrades a version-3 encrypted store to 4: every case and run kept, the new tables empty and usable', () => {
    const path = storeFile(dir, 'v3.db');
    const db = openEncryptedDatabase(path, PASSPHRASE, { create: true });
    migrate(db, path, 'installer', () => '2025-01-10T08:00:00.000Z', 3);
    db.exec(`
      INSERT INTO cases (id, label, sex, status, indication, created_at, created_by, updated_at)
        VALUES ('c-3', 'Achondroplasia query', 'FEMALE', 'in-progress', 'short limbs', '2025-01-10T08:05:00Z', 'dr.old', '2025-01-10T08:05:00Z');
      INSERT INTO findings (case_id, hpo_id, label, status, source, recorded_at, recorded_by) VALUES ('c-3', 'HP:0004322', 'Short stature', 'present', 'typed', '2025-01-10T08:05:00Z', 'dr.old');
      INSERT INTO vcf_files (case_id, path, sha256, sample, build, summary, added_at, added_by)
        VALUES ('c-3', '/data/p.vcf.gz', '${'a'.repeat(64)}', 'P1', 'GRCh37', '{"records":10}', '2025-01-10T08:06:00Z', 'dr.old');
    `);
    db.close();
    const before = fileHashes(path);
    const store = openStore(path, { actor: 'dr.new' });
    expect(fileHashes(path)).not.toEqual(before);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe(4);
    expect(store.getCase('c-3')).toMatchObject({
      case: { label: 'Achondroplasia query', indication: 'short limbs', createdBy: 'dr.old' },
      findings: [{ hpoId: 'HP:0004322' }],
      vcfs: [{ sample: 'P1' }],
      pedigree: null,
      candidateVariants: null,
    });
    // an attachment made before schema 4 did not record the VCF's samples
    expect(store.caseInputs('c-3').vcf).toEqual({ path: '/data/p.vcf.gz', sha256: 'a'.repeat(64), sample: 'P1', build: 'GRCh37' });
    store.setPedigree('c-3', trio);
    expect(store.auditTrail().filter((e) => e.action === 'schema.migrate').at(-1)).toMatchObject({ actor: 'dr.new', details: { from: 3, to: 4 } });
    store.close();
    // still encrypted: without the key the file is not a database
    expect(() => rawConnection(path, 'wrong key').prepare('SELECT count(*) FROM cases').get()).toThrow();
    const raw = rawConnection(path);
    expect(raw.prepare('SELECT count(*) AS n FROM pedigree_members').get()).toEqual({ n: 3 });
    // one proband per family, enforced by the schema too
    expect(() => raw.prepare("UPDATE pedigree_members SET proband = 1 WHERE member_id = 'F1'").run()).toThrow(/UNIQUE/);
    raw.close();
  });
});

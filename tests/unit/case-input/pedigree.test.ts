import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { readPedFile } from '../../../diagnosis/case-input/ped-file.js';
import { buildPedigree, familyRoles, PedigreeError, type PedigreeMember } from '../../../diagnosis/case-input/pedigree.js';
import { membersToPersons, parseFamily } from '../../../diagnosis/case-input/phenopacket-family.js';
import { scratchDir } from '../../helpers/paths.js';

const dir = scratchDir('rarediag-ped-');
const ped = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const trio = `#family\tindividual\tfather\tmother\tsex\tphenotype
FAM1\tchild\tdad\tmum\t1\t2
FAM1\tdad\t0\t0\t1\t1
FAM1  mum  0  0  2  1
FAM1\tsister\tdad\tmum\t2\t1
`;

describe('PED files', () => {
  it('reads a trio with a sibling: the one affected member is the proband, roles by parent links', async () => {
    const p = await readPedFile(ped('trio.ped', trio));
    expect(p).toMatchObject({ familyId: 'FAM1', probandId: 'child', consanguineous: false, setAside: [] });
    const roles = familyRoles(p);
    expect([roles.proband.id, roles.father?.id, roles.mother?.id, roles.siblings.map((s) => s.id)]).toEqual(['child', 'dad', 'mum', ['sister']]);
    expect(roles.proband).toMatchObject({ sex: 'MALE', affected: 'affected', source: `${join(dir, 'trio.ped')}:2` });
  });

  it('finds consanguinity from a shared ancestor of the parents (first cousins)', async () => {
    const text = ['F gp 0 0 1 0', 'F gm 0 0 2 0', 'F a gp gm 1 0', 'F b gp gm 2 0', 'F as 0 0 2 0', 'F bs 0 0 1 0', 'F dad a as 1 1', 'F mum bs b 2 1', 'F kid dad mum 2 2'].join('\n');
    const p = await readPedFile(ped('cousins.ped', text));
    expect(p.probandId).toBe('kid');
    expect(p.consanguineous).toBe(true);
  });

  it('sets aside what it cannot use, and says why: other families, unlisted parents, sex conflicts, odd codes', async () => {
    const text = ['F1 kid dad mum 2 2', 'F1 dad 0 0 2 1', 'F2 other 0 0 1 2', 'F1 aunt grandpa 0 2 5.3'].join('\n');
    const path = ped('odd.ped', text);
    const p = await readPedFile(path, { probandId: 'kid' });
    expect(p.members.map((m) => m.id)).toEqual(['kid', 'dad', 'aunt']);
    expect(p.setAside).toEqual([
      `${path}:4: phenotype "5.3" is not 1, 2, 0 or -9 (a quantitative trait?): read as unknown`,
      `${path}: 1 member(s) of other families (F2) set aside: only the proband's family F1 is read`,
      `${path}:2: "dad" is the father of "kid" but recorded as female (sex conflict: check for a sample swap)`,
      `${path}:1: mother "mum" of "kid" is not listed in family F1: read as unknown`,
      `${path}:4: father "grandpa" of "aunt" is not listed in family F1: read as unknown`,
    ]);
  });

  it('refuses what cannot be a pedigree with the file and line named', async () => {
    const cases: [string, string, RegExp][] = [
      ['short.ped', 'F a 0 0 1\n', /short\.ped:1: 5 column\(s\), a PED line has 6/],
      ['twice.ped', 'F a 0 0 1 2\nF a 0 0 2 1\n', /twice\.ped:2: member "a" is listed twice \(first at .*twice\.ped:1\)/],
      ['two.ped', 'F a 0 0 1 2\nF b 0 0 2 2\n', /two\.ped: 2 affected members \(a, b\): say which is the proband/],
      ['none.ped', 'F a 0 0 1 1\n', /none\.ped: no member is affected/],
      ['loop.ped', 'F a b 0 1 2\nF b a 0 1 1\n', /loop\.ped:1: "a" is their own ancestor/],
      ['self.ped', 'F a a 0 1 2\n', /self\.ped:1: "a" is given as their own father/],
      ['empty.ped', '# only a header\n\n', /empty\.ped: no members/],
    ];
    for (const [name, text, message] of cases) {
      const err = await readPedFile(ped(name, text)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(InputError);
      expect((err as Error).message, name).toMatch(message);
    }
    await expect(readPedFile(ped('named.ped', trio), { probandId: 'nobody' })).rejects.toThrow(/the proband "nobody" is not in the pedigree \(members: child, dad, mum, sister\)/);
  });
});

describe('Phenopacket v2 Family', () => {
  const members: PedigreeMember[] = [
    { id: 'kid', familyId: 'F', fatherId: 'dad', motherId: 'mum', sex: 'FEMALE', affected: 'affected' },
    { id: 'dad', familyId: 'F', sex: 'MALE', affected: 'unaffected' },
    { id: 'mum', familyId: 'F', sex: 'FEMALE', affected: 'unknown' },
  ];
  const family = (extra: Record<string, unknown> = {}) => ({
    id: 'family-1',
    proband: { id: 'pp-1', subject: { id: 'kid' }, phenotypicFeatures: [] },
    consanguinousParents: true,
    pedigree: { persons: membersToPersons(buildPedigree(members)) },
    metaData: { phenopacketSchemaVersion: '2.0' },
    ...extra,
  });

  it('round-trips a pedigree through persons, with the stated consanguinity and the proband from proband.subject.id', () => {
    const parsed = parseFamily(family());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.pedigree).toMatchObject({ probandId: 'kid', consanguineous: true });
    expect(parsed.pedigree.members.map(({ source: _source, ...m }) => m)).toEqual(members);
    expect(membersToPersons(parsed.pedigree)[0]).toEqual({ familyId: 'F', individualId: 'kid', paternalId: 'dad', maternalId: 'mum', sex: 'FEMALE', affectedStatus: 'AFFECTED' });
  });

  it('names the field of a bad family', () => {
    expect(parseFamily(family({ pedigree: { persons: [] } }))).toEqual({ ok: false, error: expect.stringMatching(/^invalid family: field pedigree.persons: /) });
    expect(parseFamily(family({ proband: { subject: { id: 'stranger' } } }))).toEqual({ ok: false, error: expect.stringMatching(/the proband "stranger" is not in the pedigree/) });
  });

  it('PedigreeError names where', () => {
    expect(() => buildPedigree([])).toThrow(PedigreeError);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseObo } from '../../../graph-snapshot/parsers/obo-parser.js';
import { InputError } from '../../../common/input-error.js';
import { fixture, scratchDir } from '../../helpers/paths.js';

describe('parseObo', () => {
  it('reads header, terms, synonyms with scope and type, definitions, xrefs, is_a, alt_id, obsolete and replaced_by', async () => {
    const doc = await parseObo(fixture('hpo', 'hp.fixture.obo'));
    expect(doc.dataVersion).toBe('hp/releases/2099-01-01');
    expect(doc.terms.map((t) => t.id)).toContain('HP:0001250');
    expect(doc.terms.find((t) => t.id === 'part_of')).toBeUndefined(); // Typedef skipped
    const seizure = doc.terms.find((t) => t.id === 'HP:0001250')!;
    expect(seizure.name).toBe('Seizure');
    expect(seizure.altIds).toEqual(['HP:0002279']);
    expect(seizure.parents).toEqual(['HP:0000707']);
    expect(seizure.synonyms).toEqual([
      { text: 'Seizures', scope: 'EXACT' },
      { text: 'Fits', scope: 'EXACT', type: 'layperson' },
      { text: 'Epileptic seizure', scope: 'RELATED' },
    ]);
    expect(seizure.xrefs).toEqual(['UMLS:C0036572', 'SNOMEDCT_US:91175000']); // the description after the id is dropped
    const nervous = doc.terms.find((t) => t.id === 'HP:0000707')!;
    expect(nervous.definition).toBe('An abnormality of the "nervous system".');
    const obsolete = doc.terms.find((t) => t.id === 'HP:0009999')!;
    expect(obsolete.obsolete).toBe(true);
    expect(obsolete.replacedBy).toBe('HP:0001250');
  });

  const dir = scratchDir();
  const write = (name: string, body: string) => {
    const p = join(dir, name);
    writeFileSync(p, body);
    return p;
  };

  it('names file and line for a line without a tag', async () => {
    const p = write('bad1.obo', 'format-version: 1.2\n\n[Term]\nid: HP:0000001\nname: All\nthis line is broken\n');
    await expect(parseObo(p)).rejects.toThrow(`${p}:6: expected "tag: value"`);
  });

  it('rejects a stanza without id, naming the stanza line', async () => {
    const p = write('bad2.obo', '[Term]\nname: nameless\n\n[Term]\nid: HP:0000002\nname: x\n');
    const err = await parseObo(p).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).line).toBe(1);
    expect((err as InputError).message).toContain('[Term] stanza has no id');
  });

  it('rejects an unknown synonym scope and an unterminated quote', async () => {
    const p1 = write('bad3.obo', '[Term]\nid: HP:1\nname: x\nsynonym: "a" SOMETIMES []\n');
    await expect(parseObo(p1)).rejects.toThrow(/bad3\.obo:4: unknown synonym scope "SOMETIMES"/);
    const p2 = write('bad4.obo', '[Term]\nid: HP:1\nname: x\ndef: "never closed [\n');
    await expect(parseObo(p2)).rejects.toThrow(/bad4\.obo:4: unterminated quoted string/);
  });

  it('rejects a malformed identifier in is_a', async () => {
    const p = write('bad5.obo', '[Term]\nid: HP:1\nname: x\nis_a: not an id\n');
    await expect(parseObo(p)).rejects.toThrow(/bad5\.obo:4: not an identifier/);
  });

  it('reports a missing file clearly', async () => {
    await expect(parseObo(join(dir, 'nope.obo'))).rejects.toThrow(/nope\.obo: file not found/);
  });
});

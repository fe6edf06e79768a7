import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseObo } from '../../../graph-snapshot/parsers/obo-parser.js';
import { Ontology } from '../../../graph-snapshot/ontology/ontology.js';
import { informationContent } from '../../../graph-snapshot/ontology/information-content.js';
import { fixture, scratchDir } from '../../helpers/paths.js';

describe('Ontology', async () => {
  const file = fixture('hpo', 'hp.fixture.obo');
  const onto = new Ontology(await parseObo(file), file);
  const ids = (xs: Iterable<number>) => [...xs].map((i) => onto.terms[i]!.id).sort();

  it('keeps current terms only and resolves alt ids and obsolete ids', () => {
    expect(onto.index('HP:0009999')).toBeUndefined();
    expect(onto.resolve('HP:0001250')).toEqual({ id: 'HP:0001250', via: 'primary' });
    expect(onto.resolve('HP:0002279')).toEqual({ id: 'HP:0001250', via: 'alt_id' });
    expect(onto.resolve('HP:0009999')).toEqual({ id: 'HP:0001250', via: 'replaced_by' });
    expect(onto.resolve('HP:1234567')).toBeUndefined();
  });

  it('computes the ancestor closure including the term itself', () => {
    const closure = onto.closure();
    expect(ids(closure[onto.index('HP:0002069')!]!)).toEqual(['HP:0000001', 'HP:0000118', 'HP:0000707', 'HP:0001250', 'HP:0002069']);
    expect(ids(closure[onto.index('HP:0000001')!]!)).toEqual(['HP:0000001']);
    expect(onto.depths()[onto.index('HP:0002069')!]).toBe(4);
  });

  it('adds PhenoTagger alt ids without overriding the ontology', () => {
    const o = new Ontology({ terms: onto.terms.map((t) => ({ ...t })) }, file);
    const added = o.addRedirects({ 'HP:0001386': 'HP:0001250', 'HP:0001250': 'HP:0000252' });
    expect(added).toBe(1);
    expect(o.resolve('HP:0001386')?.id).toBe('HP:0001250');
    expect(o.resolve('HP:0001250')?.id).toBe('HP:0001250');
  });

  const dir = scratchDir();
  it('rejects an is_a cycle, naming file, line and the cycle', async () => {
    const p = join(dir, 'cycle.obo');
    writeFileSync(p, '[Term]\nid: HP:1\nname: a\nis_a: HP:3\n\n[Term]\nid: HP:2\nname: b\nis_a: HP:1\n\n[Term]\nid: HP:3\nname: c\nis_a: HP:2\n');
    const doc = await parseObo(p);
    expect(() => new Ontology(doc, p)).toThrow(/cycle\.obo:\d+: is_a cycle: HP:\d → HP:\d → HP:\d → HP:\d/);
  });

  it('rejects is_a to a term that does not exist', async () => {
    const p = join(dir, 'dangling.obo');
    writeFileSync(p, '[Term]\nid: HP:1\nname: a\n\n[Term]\nid: HP:2\nname: b\nis_a: HP:9\n');
    const doc = await parseObo(p);
    expect(() => new Ontology(doc, p)).toThrow(/dangling\.obo:5: HP:2 is_a HP:9, which is not a current term/);
  });

  it('computes information content from propagated annotations', () => {
    const closure = onto.closure();
    const seizure = onto.index('HP:0001250')!;
    const gtc = onto.index('HP:0002069')!;
    const micro = onto.index('HP:0000252')!;
    // three diseases: {GTC seizure}, {seizure, microcephaly}, {} (unannotated: not counted)
    const { counts, ic, annotatedDiseases } = informationContent(onto.size, closure, [[gtc], [seizure, micro], []]);
    expect(annotatedDiseases).toBe(2);
    expect(counts[seizure]).toBe(2);
    expect(counts[gtc]).toBe(1);
    expect(ic[seizure]).toBeCloseTo(0, 12);
    expect(ic[gtc]).toBeCloseTo(Math.log(2), 12);
    expect(ic[onto.index('HP:0000505')!]).toBeCloseTo(-Math.log(0.5 / 2), 12); // unannotated
  });
});

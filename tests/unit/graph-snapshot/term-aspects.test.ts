import { describe, expect, it } from 'vitest';
import { assemblePhenotypes } from '../../../graph-snapshot/build/assemble-phenotypes.js';
import { Ontology } from '../../../graph-snapshot/ontology/ontology.js';
import { parseObo } from '../../../graph-snapshot/parsers/obo-parser.js';
import { fixture } from '../../helpers/paths.js';

describe('term aspects', () => {
  it('gives an onset term aspect C also where Clinical course sits under Clinical modifier (current HPO releases)', async () => {
    const file = fixture('hpo', 'hp.fixture.obo');
    const parsed = await parseObo(file);
    // as in hp.obo since 2023: Clinical course is_a Clinical modifier
    const course = parsed.terms.find((t) => t.id === 'HP:0031797')!;
    const terms = [
      ...parsed.terms.map((t) => (t.id === 'HP:0031797' ? { ...t, parents: ['HP:0012823'] } : t)),
      { ...course, id: 'HP:0012823', name: 'Clinical modifier', synonyms: [], altIds: [], parents: ['HP:0000001'] },
    ];
    const onto = new Ontology({ ...parsed, terms }, file);
    expect([...onto.closure()[onto.index('HP:0003674')!]!].map((i) => onto.terms[i]!.id)).toContain('HP:0012823');
    const { nodes } = assemblePhenotypes(onto, [], new Map());
    const aspect = (id: string) => nodes.find((n) => n.id === id)!.aspect;
    expect(aspect('HP:0003674')).toBe('C');
    expect(aspect('HP:0012823')).toBe('M');
    expect(aspect('HP:0001250')).toBe('P');
  });
});

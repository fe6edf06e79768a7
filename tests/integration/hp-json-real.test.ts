import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { Ontology } from '../../graph-snapshot/ontology/ontology.js';
import { parseObo } from '../../graph-snapshot/parsers/obo-parser.js';
import { parseOntologyFile } from '../../graph-snapshot/parsers/ontology-file.js';

// HPO's own OBO Graphs JSON release (2023-01-27, genuine, gzip) against the OBO file the snapshot is built from.
describe('hp.json: the genuine 2023-01-27 release', () => {
  const sources = inject('realSourcesDir');

  it('parses (streamed) into a valid ontology: terms, synonyms with scope and type, UMLS and SNOMED CT xrefs', async () => {
    const file = join(sources, 'hpo', 'releases', '2023-01-27', 'hp.json.gz');
    const doc = await parseOntologyFile(file);
    const current = doc.terms.filter((t) => !t.obsolete);
    expect(doc.dataVersion).toBe('hp/releases/2023-01-27');
    expect({ classes: doc.terms.length, current: current.length, obsolete: doc.terms.length - current.length }).toEqual({ classes: 17_245, current: 16_874, obsolete: 371 });
    const synonyms = current.flatMap((t) => t.synonyms);
    expect(synonyms).toHaveLength(21_805);
    expect(synonyms.filter((s) => s.type === 'layperson')).toHaveLength(8_136);
    expect(new Set(synonyms.map((s) => s.scope))).toEqual(new Set(['EXACT', 'BROAD', 'NARROW', 'RELATED']));
    const xrefs = current.flatMap((t) => t.xrefs);
    expect(xrefs.filter((x) => x.startsWith('UMLS:'))).toHaveLength(12_973);
    expect(xrefs.filter((x) => x.startsWith('SNOMEDCT_US:'))).toHaveLength(4_642);
    const seizure = doc.terms.find((t) => t.id === 'HP:0001250')!;
    expect(seizure).toMatchObject({ name: 'Seizure', parents: ['HP:0012638'], xrefs: expect.arrayContaining(['UMLS:C0036572']) });
    expect(seizure.synonyms).toContainEqual({ text: 'Seizures', scope: 'EXACT', type: 'plural_form' });
    expect(doc.terms.find((t) => t.id === 'HP:0000057')).toMatchObject({ obsolete: true, replacedBy: 'HP:0008665' });
    const ontology = new Ontology(doc, file); // every is_a target current, no cycle
    expect(ontology.size).toBe(16_874);
    expect(ontology.resolve('HP:0004715')).toEqual({ id: 'HP:0000003', via: 'alt_id' });
    // three and a half years older than hp.obo here: nearly all of its current terms are still current there
    const newer = new Ontology(await parseObo(join(sources, 'hpo', 'hp.obo')), 'hp.obo');
    const kept = current.filter((t) => newer.resolve(t.id)).length;
    expect(kept / current.length).toBeGreaterThan(0.99);
  });
});

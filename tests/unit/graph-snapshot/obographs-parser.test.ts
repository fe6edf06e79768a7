import { copyFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { buildSnapshot } from '../../../graph-snapshot/build/snapshot-builder.js';
import { Ontology } from '../../../graph-snapshot/ontology/ontology.js';
import { parseObo, type OboTerm } from '../../../graph-snapshot/parsers/obo-parser.js';
import { parseObographs } from '../../../graph-snapshot/parsers/obographs-parser.js';
import { parseOntologyFile } from '../../../graph-snapshot/parsers/ontology-file.js';
import { GraphSnapshot } from '../../../graph-snapshot/query/graph-snapshot.js';
import { fixture, fixtureSources, scratchDir } from '../../helpers/paths.js';

/** A term without its line (the two formats place a term on different lines), parents in a stable order. */
const comparable = (t: OboTerm) => ({ ...t, line: 0, parents: [...t.parents].sort() });

describe('parseObographs (hp.json)', () => {
  const dir = scratchDir();
  const write = (name: string, body: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, body);
    return p;
  };
  const graph = (nodes: unknown[], edges: unknown[] = []) => JSON.stringify({ graphs: [{ id: 'x', nodes, edges, meta: { version: 'http://purl.obolibrary.org/obo/hp/releases/2099-01-01/hp.json' } }] }, null, 2);
  const cls = (id: string, extra: object = {}) => ({ id: `http://purl.obolibrary.org/obo/${id.replace(':', '_')}`, lbl: `term ${id}`, type: 'CLASS', ...extra });
  afterEach(() => {
    delete process.env['RAREDIAG_MAX_LINE_BYTES'];
  });

  it('reads the same ontology as the OBO release of the same content: names, definitions, synonyms with scope and type, xrefs, alt ids, is_a, obsolete', async () => {
    const json = await parseObographs(fixture('hpo', 'hp.fixture.json'));
    const obo = await parseObo(fixture('hpo', 'hp.fixture.obo'));
    expect(json.dataVersion).toBe(obo.dataVersion);
    expect(json.terms.map(comparable).sort((a, b) => a.id.localeCompare(b.id))).toEqual(obo.terms.map(comparable).sort((a, b) => a.id.localeCompare(b.id)));
    const seizure = json.terms.find((t) => t.id === 'HP:0001250')!;
    expect(seizure.synonyms).toEqual([
      { text: 'Seizures', scope: 'EXACT' },
      { text: 'Fits', scope: 'EXACT', type: 'layperson' },
      { text: 'Epileptic seizure', scope: 'RELATED' },
    ]);
    expect(seizure.xrefs).toEqual(['UMLS:C0036572', 'SNOMEDCT_US:91175000']);
    // properties and untyped references to other ontologies are no terms; part_of edges are no parents
    expect(json.terms.some((t) => t.id.startsWith('GO:') || t.id.startsWith('BFO:') || t.id.includes('#'))).toBe(false);
    expect(json.terms.find((t) => t.id === 'HP:0002069')!.parents).toEqual(['HP:0001250']);
    expect(new Ontology(json, 'hp.fixture.json').size).toBe(new Ontology(obo, 'hp.fixture.obo').size);
  });

  it('tells the formats apart by content, gzip or not', async () => {
    const gz = write('ontology.data', gzipSync(readFileSync(fixture('hpo', 'hp.fixture.json'))));
    expect((await parseOntologyFile(gz)).terms).toHaveLength(19);
    expect((await parseOntologyFile(fixture('hpo', 'hp.fixture.obo'))).dataVersion).toBe('hp/releases/2099-01-01');
  });

  it('names file and line of a term without a name, a bad identifier, an unknown synonym scope, a duplicate', async () => {
    const noName = write('noname.json', graph([cls('HP:0000001'), { id: 'http://purl.obolibrary.org/obo/HP_0000002', type: 'CLASS' }]));
    const e1 = await parseObographs(noName).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(InputError);
    expect((e1 as InputError).message).toMatch(/noname\.json:\d+: term HP:0000002 has no name \(lbl\)/);
    expect((e1 as InputError).line).toBe(readFileSync(noName, 'utf8').split('\n').findIndex((l) => l.includes('HP_0000002')));
    await expect(parseObographs(write('badid.json', graph([cls('HP:0000001'), { id: 'not an id', lbl: 'x', type: 'CLASS' }])))).rejects.toThrow(/badid\.json:\d+: graphs\.0\.nodes\.1\.id: not an identifier: not an id/);
    await expect(parseObographs(write('scope.json', graph([cls('HP:0000001', { meta: { synonyms: [{ pred: 'hasSometimesSynonym', val: 'a' }] } })])))).rejects.toThrow(
      /scope\.json:\d+: graphs\.0\.nodes\.0\.meta\.synonyms\.0\.pred: unknown synonym scope "hasSometimesSynonym"/,
    );
    await expect(parseObographs(write('dup.json', graph([cls('HP:0000001'), cls('HP:0000001')])))).rejects.toThrow(/dup\.json:\d+: duplicate term HP:0000001/);
    await expect(parseObographs(write('edge.json', graph([cls('HP:0000001')], [{ sub: 'x', obj: 'y' }])))).rejects.toThrow(/edge\.json:\d+: graphs\.0\.edges\.0: field pred/);
  });

  it('leaves the ontology checks to Ontology, as for OBO: an is_a cycle or an unknown parent names the term', async () => {
    const cycle = write('cycle.json', graph([cls('HP:0000001'), cls('HP:0000002'), cls('HP:0000003')], [
      { sub: 'http://purl.obolibrary.org/obo/HP_0000002', pred: 'is_a', obj: 'http://purl.obolibrary.org/obo/HP_0000003' },
      { sub: 'http://purl.obolibrary.org/obo/HP_0000003', pred: 'is_a', obj: 'http://purl.obolibrary.org/obo/HP_0000002' },
    ]));
    const cyclic = await parseObographs(cycle);
    expect(() => new Ontology(cyclic, cycle)).toThrow(InputError);
    const orphan = write('orphan.json', graph([cls('HP:0000001'), cls('HP:0000002')], [{ sub: 'http://purl.obolibrary.org/obo/HP_0000002', pred: 'is_a', obj: 'http://purl.obolibrary.org/obo/HP_0000009' }]));
    const orphaned = await parseObographs(orphan);
    expect(() => new Ontology(orphaned, orphan)).toThrow(/orphan\.json:\d+: HP:0000002 is_a HP:0000009, which is not a current term/);
  });

  it('refuses what is not a whole JSON document, naming the line: truncated, unbalanced, not JSON, an oversized node', async () => {
    const whole = readFileSync(fixture('hpo', 'hp.fixture.json'), 'utf8');
    const cut = write('cut.json', whole.slice(0, Math.floor(whole.length * 0.6)));
    await expect(parseObographs(cut)).rejects.toThrow(/cut\.json:\d+: unexpected end of the JSON document \(truncated\?\)/);
    const gzCut = write('cut.json.gz', gzipSync(whole).subarray(0, 400));
    await expect(parseObographs(gzCut)).rejects.toThrow(/cut\.json\.gz:\d+: could not read cut\.json\.gz: unexpected end of compressed data/);
    await expect(parseObographs(write('unbalanced.json', '{"graphs": [}\n'))).rejects.toThrow(/unbalanced\.json:1: unbalanced "}"/);
    await expect(parseObographs(write('text.json', 'format-version: 1.2\n'))).rejects.toThrow(/text\.json:1: not a JSON document/);
    await expect(parseObographs(write('empty.json', '{"graphs": []}'))).rejects.toThrow(/no ontology classes/);
    process.env['RAREDIAG_MAX_LINE_BYTES'] = '2000';
    const big = write('big.json', graph([cls('HP:0000001', { meta: { definition: { val: 'x'.repeat(5000) } } })]));
    await expect(parseObographs(big)).rejects.toThrow(/big\.json:\d+: an object at graphs\.0\.nodes\.0 longer than 2,000 characters/);
  });

  it('builds a snapshot from hp.json when the sources have no hp.obo, with the xrefs on Phenotype', async () => {
    const sources = join(dir, 'sources');
    cpSync(fixtureSources, sources, { recursive: true });
    rmSync(join(sources, 'hpo', 'hp.fixture.obo'));
    copyFileSync(fixture('hpo', 'hp.fixture.json'), join(sources, 'hpo', 'hp.json'));
    const manifest = await buildSnapshot({ sourcesDir: sources, outDir: join(dir, 'snapshot') });
    expect(manifest.sources.find((s) => s.role === 'hpoObo')).toMatchObject({ path: 'hpo/hp.json', release: 'hp/releases/2099-01-01' });
    expect(manifest.counts.summary['currentHpoTerms']).toBe(18);
    const snap = await GraphSnapshot.open(join(dir, 'snapshot'));
    try {
      expect(await snap.phenotype('HP:0001250')).toMatchObject({ label: 'Seizure', xrefs: ['UMLS:C0036572', 'SNOMEDCT_US:91175000'], altIds: expect.arrayContaining(['HP:0002279']) });
    } finally {
      await snap.close();
    }
  }, 120_000);
});

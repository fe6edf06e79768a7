import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGenesToDisease } from '../../../graph-snapshot/parsers/genes-to-disease-parser.js';
import { parseSssom, normaliseDiseaseCurie } from '../../../graph-snapshot/parsers/sssom-parser.js';
import { parseOrphaIcd, parseOrphaNames, parseOrphaSuccessions } from '../../../graph-snapshot/parsers/orphanet-nomenclature-parser.js';
import { parseOrphaClassification } from '../../../graph-snapshot/parsers/orphanet-classification-parser.js';
import { normaliseChrom, parseGeneAliases, parseGeneInfo, parseGeneSpans } from '../../../graph-snapshot/parsers/ncbi-gene-parser.js';
import { parsePhenoTaggerAltIds, parsePhenoTaggerWordMap } from '../../../graph-snapshot/parsers/phenotagger-parser.js';
import { fixture, scratchDir } from '../../helpers/paths.js';

const dir = scratchDir();
const write = (name: string, body: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

describe('genes_to_disease', () => {
  it('reads NCBIGene CURIEs, association types and disease ids', async () => {
    const rows = await parseGenesToDisease(fixture('hpo', 'genes_to_disease.fixture.txt'));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ ncbiGeneId: 1001, symbol: 'GENEA', associationType: 'MENDELIAN', diseaseId: 'OMIM:100001', line: 2 });
  });
  it('rejects a row without a gene id', async () => {
    const p = write('g2d.txt', 'ncbi_gene_id\tgene_symbol\tassociation_type\tdisease_id\tsource\nGENE\tX\tMENDELIAN\tOMIM:1\tx\n');
    await expect(parseGenesToDisease(p)).rejects.toThrow(/g2d\.txt:2: ncbi_gene_id "GENE"/);
  });
  it('names the missing header columns', async () => {
    const p = write('g2d-bad.txt', 'gene\tdisease\n1\tOMIM:1\n');
    await expect(parseGenesToDisease(p)).rejects.toThrow(/g2d-bad\.txt:1: header lacks column\(s\) ncbi_gene_id, gene_symbol, association_type, disease_id/);
  });
});

describe('SSSOM', () => {
  it('reads mappings and the mapping set version, normalising Orphanet: to ORPHA:', async () => {
    const doc = await parseSssom(fixture('hpo', 'mondo_exactmatch_orphanet.sssom.tsv'));
    expect(doc.version).toContain('2099-02-03');
    expect(doc.mappings).toEqual([
      expect.objectContaining({ subjectId: 'MONDO:0000001', predicateId: 'skos:exactMatch', objectId: 'ORPHA:1001' }),
    ]);
    expect(normaliseDiseaseCurie('MIM:123')).toBe('OMIM:123');
  });
});

describe('Orphanet nomenclature and classifications', () => {
  it('groups labels by code with main name, synonyms and level', async () => {
    const names = await parseOrphaNames(fixture('orphanet', 'orpha_active_names_synonyms_2099.tsv'));
    expect(names.get('ORPHA:1001')).toEqual({ id: 'ORPHA:1001', name: 'Fixture epilepsy', synonyms: ['Fixture seizure disorder'], level: 'Disorder' });
  });
  it('reads retired codes and ICD codes', async () => {
    expect(await parseOrphaSuccessions(fixture('orphanet', 'orpha_deprecated_obsoleted_2099.tsv'))).toEqual([
      { inactiveId: 'ORPHA:999', status: 'Deprecated', targetId: 'ORPHA:1001' },
    ]);
    expect((await parseOrphaIcd(fixture('orphanet', 'orpha_masterfile_icd10_2099.tsv'), 'ICDcodes')).get('ORPHA:1001')).toEqual(['G40.9']);
  });
  it('streams the classification hierarchy and decodes ISO-8859-1', async () => {
    const c = await parseOrphaClassification(fixture('orphanet', 'classifications_en', 'ORPHAclassification_181_fixture_en.xml'));
    expect(c.id).toBe('181');
    expect(c.name).toBe('Orphanet classification of rare fixture diseases');
    expect(c.extractionDate).toBe('2099-01-05 00:00:00');
    expect(c.edges).toEqual([{ childId: 'ORPHA:1001', parentId: 'ORPHA:2000' }]);
    expect(c.disorders.find((d) => d.id === 'ORPHA:1001')).toEqual({ id: 'ORPHA:1001', name: 'Fixture epilepsy (Sjögren type)', type: 'Disease' });
  });
  it('reports malformed XML with file and line', async () => {
    const p = write('broken.xml', '<?xml version="1.0"?>\n<JDBOR>\n<Classification id="1">\n<Name>x</Wrong>\n</JDBOR>\n');
    await expect(parseOrphaClassification(p)).rejects.toThrow(/broken\.xml:4: malformed XML/);
  });
});

describe('NCBI genes', () => {
  it('reads the org.Hs export format', async () => {
    const genes = await parseGeneInfo(fixture('genes', 'ncbi_gene_info_hs.tsv'));
    expect(genes[0]).toMatchObject({ ncbiGeneId: 1001, symbol: 'GENEA', type: 'protein-coding', omimIds: ['600001'], ensemblIds: ['ENSG01'] });
  });
  it("reads NCBI's own Homo_sapiens.gene_info format, with synonyms and MIM xrefs", async () => {
    const p = write(
      'Homo_sapiens.gene_info',
      '#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\ttype_of_gene\n' +
        '9606\t672\tBRCA1\t-\tBRCAI|BRCC1\tMIM:113705|HGNC:HGNC:1100|Ensembl:ENSG00000012048\t17\t17q21.31\tBRCA1 DNA repair associated\tprotein-coding\n',
    );
    const [g] = await parseGeneInfo(p);
    expect(g).toEqual({
      ncbiGeneId: 672,
      symbol: 'BRCA1',
      name: 'BRCA1 DNA repair associated',
      type: 'protein-coding',
      chromosome: '17',
      cytoband: '17q21.31',
      ensemblIds: ['ENSG00000012048'],
      omimIds: ['113705'],
      aliases: ['BRCAI', 'BRCC1'],
    });
  });
  it('reads aliases and BED spans (0-based starts become 1-based)', async () => {
    expect((await parseGeneAliases(fixture('genes', 'ncbi_gene_aliases_hs.tsv'))).get(1001)).toEqual(['GENEA', 'OLDA']);
    const spans = await parseGeneSpans(fixture('genes', 'gene_spans_hg38.bed'));
    expect(spans[0]).toEqual({ chrom: '1', start: 10101, end: 10500, symbol: 'GENEA', ncbiGeneId: 1001, strand: '+' });
    expect(normaliseChrom('chrM')).toBe('MT');
  });
  it('rejects an inverted BED interval', async () => {
    const p = write('bad.bed', 'chr1\t100\t50\tX\t1\t+\n');
    await expect(parseGeneSpans(p)).rejects.toThrow(/bad\.bed:1: invalid interval 100-50/);
  });
});

describe('PhenoTagger dictionaries', () => {
  it('validates and returns both maps', async () => {
    expect((await parsePhenoTaggerWordMap(fixture('hpo', 'extra', 'phenotagger_id_word_map.json')))['HP:0000252']).toEqual(['microcephaly', 'small head']);
    expect((await parsePhenoTaggerAltIds(fixture('hpo', 'extra', 'phenotagger_alt_hpoid.json')))['HP:0005484']).toBe('HP:0000252');
  });
  it('rejects content of the wrong shape, naming the key', async () => {
    const p = write('words.json', '{"HP:0000001": "not a list"}');
    await expect(parsePhenoTaggerWordMap(p)).rejects.toThrow(/words\.json: unexpected content at HP:0000001/);
    const q = write('broken.json', '{"HP:0000001": [');
    await expect(parsePhenoTaggerWordMap(q)).rejects.toThrow(/broken\.json: invalid JSON/);
  });
});

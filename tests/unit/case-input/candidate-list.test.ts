import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCandidateList, readCandidateListFile } from '../../../diagnosis/case-input/candidate-list-file.js';
import { parseListedVariant, splitHgvs } from '../../../diagnosis/case-input/listed-variant.js';
import { scratchDir } from '../../helpers/paths.js';

describe('a listed candidate variant', () => {
  it('reads the batch contract entry, with the lab words for zygosity, inheritance and class', () => {
    expect(parseListedVariant({ chrom: 'chr4', pos: 1806119, ref: 'g', alt: 'A', assembly: 'GRCh37', zygosity: 'Het', inheritance: 'DN', acmg: 'LP', gene: 'FGFR3', hgvs: 'NM_000142.5(FGFR3):c.1138G>A' }, 'candidateVariants.0')).toEqual({
      ok: true,
      variant: { chrom: '4', pos: 1806119, ref: 'G', alt: 'A', assembly: 'GRCh37', zygosity: 'heterozygous', inheritance: 'de novo', acmg: 'likely pathogenic', gene: 'FGFR3', transcript: 'NM_000142.5', hgvsC: 'c.1138G>A', source: 'candidateVariants.0' },
    });
    expect(parseListedVariant({ gene: 'MECP2', hgvs: 'p.(Arg168*)', zygosity: 'heterozygous', inheritance: 'maternally inherited', acmg: 'class 5' }, 'x')).toMatchObject({
      ok: true,
      variant: { gene: 'MECP2', hgvsP: 'p.(Arg168*)', inheritance: 'maternal', acmg: 'pathogenic' },
    });
  });

  it('names the field of what does not validate', () => {
    const bad: [unknown, string][] = [
      [{ chrom: '4', pos: 1806119, ref: 'G' }, 'v: coordinates need all of chrom, pos, ref and alt'],
      [{ chrom: '4', pos: 1806119, ref: 'G', alt: 'A' }, 'v.assembly: coordinates need their assembly (GRCh37 or GRCh38)'],
      [{ chrom: '25', pos: 1, ref: 'G', alt: 'A', assembly: 'GRCh38' }, 'v.chrom: a chromosome 1-22, X, Y or MT'],
      [{ gene: 'FGFR3' }, 'v: a variant needs coordinates (chrom, pos, ref, alt, assembly) or a gene and an HGVS description'],
      [{ gene: 'FGFR3', hgvs: 'G380R' }, 'v.hgvs: "G380R" is not a c. or p. HGVS description'],
      [{ gene: 'FGFR3', hgvs: 'c.1138G>A', zygosity: 'twice' }, 'v.zygosity: "twice" is not a known zygosity (heterozygous, homozygous, hemizygous, compound heterozygous, mosaic)'],
    ];
    for (const [value, error] of bad) expect(parseListedVariant(value, 'v')).toEqual({ ok: false, error });
    expect(splitHgvs('ENST00000340107.8:c.1138G>A')).toEqual({ transcript: 'ENST00000340107.8', c: 'c.1138G>A' });
  });
});

describe('candidate variant lists from CSV / TSV', () => {
  const dir = scratchDir('rarediag-candidate-list-');

  it('reads a lab export: quoted cells, a protein column, varied header names, a BOM; bad rows set aside with their line', async () => {
    const csv = [
      '\uFEFFGene,"cDNA change",Protein change,Zygosity,Inheritance,ACMG classification,Comment',
      'FGFR3,NM_000142.5:c.1138G>A,p.Gly380Arg,Heterozygous,De novo,Pathogenic,"seen in 2 families, segregates"',
      'COL2A1,c.1693C>T,p.(Arg565Cys),het,not tested,VUS,',
      'ACAN,G380R,,het,,VUS,',
      '# a comment line',
      'NIPBL,c.5862+1G>A,,hom,maternal,class 6,',
    ].join('\n');
    const path = join(dir, 'lab.csv');
    writeFileSync(path, csv);
    const list = await readCandidateListFile(path);
    expect(list.variants).toEqual([
      { gene: 'FGFR3', transcript: 'NM_000142.5', hgvsC: 'c.1138G>A', hgvsP: 'p.Gly380Arg', zygosity: 'heterozygous', inheritance: 'de novo', acmg: 'pathogenic', source: `${path}:2` },
      { gene: 'COL2A1', hgvsC: 'c.1693C>T', hgvsP: 'p.(Arg565Cys)', zygosity: 'heterozygous', inheritance: 'unknown', acmg: 'uncertain significance', source: `${path}:3` },
    ]);
    expect(list.setAside).toEqual([
      `${path}:1: column "Comment" is not one read (chrom, pos, ref, alt, assembly, gene, transcript, hgvs, hgvsP, zygosity, inheritance, acmg)`,
      `${path}:4.hgvs: "G380R" is not a c. or p. HGVS description: row set aside`,
      `${path}:6.acmg: "class 6" is not a known ACMG class (pathogenic, likely pathogenic, uncertain significance, likely benign, benign): row set aside`,
    ]);
  });

  it('reads a TSV with coordinates and a default assembly', () => {
    const tsv = 'chrom\tpos\tref\talt\tgene\tzygosity\nchr4\t1,806,119\tG\tA\tFGFR3\t0/1\nX\t153296777\tG\tA\tMECP2\t1\n';
    expect(parseCandidateList(tsv, 'l.tsv', { assembly: 'GRCh37' }).variants.map((v) => [v.chrom, v.pos, v.assembly, v.zygosity])).toEqual([
      ['4', 1806119, 'GRCh37', 'heterozygous'],
      ['X', 153296777, 'GRCh37', 'hemizygous'],
    ]);
  });

  it('refuses what is not a list, naming the file', async () => {
    expect(() => parseCandidateList('', 'e.csv')).toThrow(/e\.csv: no header row/);
    expect(() => parseCandidateList('a,b\n1,2\n', 'h.csv')).toThrow(/h\.csv:1: the header names neither a gene nor a chromosome column/);
    expect(() => parseCandidateList('gene,hgvs\n"FGFR3,c.1A>G\n', 'q.csv')).toThrow(/q\.csv(:\d+)?: not a CSV\/TSV table/);
    await expect(readCandidateListFile(dir)).rejects.toThrow(/is a directory, expected a CSV or TSV file/);
  });
});

describe("a lab report as a phenopacket: its genomic interpretations are the candidate list", () => {
  const gi = (status: string, descriptor: object, acmg = 'PATHOGENIC') => ({ subjectOrBiosampleId: 'P1', interpretationStatus: status, variantInterpretation: { acmgPathogenicityClassification: acmg, variationDescriptor: { id: 'v', ...descriptor } } });
  const report = {
    id: 'report-1',
    subject: { id: 'P1' },
    interpretations: [{ id: 'i1', progressStatus: 'IN_PROGRESS', diagnosis: { disease: { id: 'OMIM:100800', label: 'x' }, genomicInterpretations: [
      gi('CANDIDATE', { geneContext: { valueId: 'HGNC:3690', symbol: 'FGFR3' }, expressions: [{ syntax: 'hgvs.c', value: 'NM_000142.4:c.1138G>A' }], vcfRecord: { genomeAssembly: 'hg19', chrom: 'chr4', pos: '1806119', ref: 'G', alt: 'A' }, allelicState: { id: 'GENO:0000135', label: 'heterozygous' } }),
      gi('CANDIDATE', { geneContext: { symbol: 'CFTR' }, expressions: [{ syntax: 'hgvs.c', value: 'c.1521_1523del' }] }, 'UNCERTAIN_SIGNIFICANCE'),
      gi('REJECTED', { geneContext: { symbol: 'FBN1' }, expressions: [{ syntax: 'hgvs.c', value: 'c.1A>G' }] }),
      gi('CANDIDATE', { geneContext: { symbol: 'NF1' } }),
      { interpretationStatus: 'CANDIDATE', gene: { valueId: 'HGNC:1', symbol: 'ABC' } },
    ] } }],
    metaData: {},
  };

  it('reads coordinates, gene, HGVS, zygosity and the ACMG class; leaves out REJECTED; names what it sets aside', () => {
    const list = parseCandidateList(JSON.stringify(report), 'report.json');
    expect(list.variants).toEqual([
      expect.objectContaining({ chrom: '4', pos: 1806119, ref: 'G', alt: 'A', assembly: 'GRCh37', gene: 'FGFR3', transcript: 'NM_000142.4', hgvsC: 'c.1138G>A', zygosity: 'heterozygous', acmg: 'pathogenic' }),
      expect.objectContaining({ gene: 'CFTR', hgvsC: 'c.1521_1523del', acmg: 'uncertain significance' }),
    ]);
    expect(list.setAside).toEqual([
      'report.json: interpretations[0].diagnosis.genomicInterpretations[2]: REJECTED by the lab: left out',
      expect.stringMatching(/^report\.json: interpretations\[0\]\.diagnosis\.genomicInterpretations\[3\]: a variant needs coordinates .* or a gene and an HGVS description: set aside$/),
      'report.json: interpretations[0].diagnosis.genomicInterpretations[4]: no variantInterpretation (a gene alone is not a candidate variant): set aside',
    ]);
  });

  it('JSON that is not a report is an InputError naming the file', () => {
    expect(() => parseCandidateList('{"id": "x"}', 'x.json')).toThrow(/x\.json: a JSON candidate list must be a phenopacket report/);
    expect(() => parseCandidateList('{"id": ', 'y.json')).toThrow(/y\.json: not JSON/);
  });
});

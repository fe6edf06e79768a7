import { describe, expect, it } from 'vitest';
import { parseCnvCalls } from '../../../diagnosis/case-input/cnv-call-file.js';
import { overlappedGenes, spanOverlap } from '../../../diagnosis/variants/cnv-overlap.js';
import { assessCnvGene, cnvLR, manyGenesFactor } from '../../../diagnosis/variants/cnv-pathogenicity.js';
import { genotypeLR } from '../../../diagnosis/variants/genotype-likelihood.js';
import { tierLR } from '../../../diagnosis/variants/variant-pathogenicity.js';
import { TranscriptIndex } from '../../../diagnosis/variants/transcript-index.js';
import type { AnnotatedVariant } from '../../../diagnosis/variants/variant-annotator.js';
import { TRANSCRIPT_PREFERRED, type TranscriptColumns } from '../../../graph-snapshot/snapshot/gene-models.js';

/*
 * Hand-made transcripts on chromosome 1 (0-based half-open, as UCSC; 1-based ranges in the comments):
 * - FIXP (gene 1, + strand, preferred NM_1): exons 1001-1100, 1201-1300, 1401-1500; CDS 1051-1451. A second, shorter
 *   transcript NM_1b (not preferred) has exons 1001-1100 and 1201-1300 only.
 * - FIXM (gene 2, − strand): exons 3001-3100, 3201-3300, 3401-3500; CDS 3050-3450.
 * - FIXN (gene 3, non-coding): exons 5001-5100, 5201-5300.
 */
function fixture(): TranscriptIndex {
  const rows = [
    { id: 'NM_1', sym: 'FIXP', gene: 1, strand: 1, s: 1000, e: 1500, cs: 1050, ce: 1451, ex: [[0, 100], [200, 300], [400, 500]], flags: TRANSCRIPT_PREFERRED },
    { id: 'NM_1b', sym: 'FIXP', gene: 1, strand: 1, s: 1000, e: 1300, cs: 1050, ce: 1300, ex: [[0, 100], [200, 300]], flags: 0 },
    { id: 'NM_2', sym: 'FIXM', gene: 2, strand: -1, s: 3000, e: 3500, cs: 3049, ce: 3450, ex: [[0, 100], [200, 300], [400, 500]], flags: TRANSCRIPT_PREFERRED },
    { id: 'NR_3', sym: 'FIXN', gene: 3, strand: 1, s: 5000, e: 5300, cs: 5300, ce: 5300, ex: [[0, 100], [200, 300]], flags: TRANSCRIPT_PREFERRED },
  ];
  const c: TranscriptColumns = { ids: [], symbols: [], ncbiGeneIds: [], chrom: [], strand: [], txStart: [], txEnd: [], cdsStart: [], cdsEnd: [], exonOffsets: [0], exonStarts: [], exonEnds: [], flags: [] };
  for (const r of rows) {
    c.ids.push(r.id);
    c.symbols.push(r.sym);
    c.ncbiGeneIds.push(r.gene);
    c.chrom.push('1');
    c.strand.push(r.strand);
    c.txStart.push(r.s);
    c.txEnd.push(r.e);
    c.cdsStart.push(r.cs);
    c.cdsEnd.push(r.ce);
    for (const [a, b] of r.ex) {
      c.exonStarts.push(a!);
      c.exonEnds.push(b!);
    }
    c.exonOffsets.push(c.exonStarts.length);
    c.flags.push(r.flags);
  }
  return new TranscriptIndex(c);
}

const ix = fixture();
const genes = (start: number, end: number) => overlappedGenes(ix, '1', start, end);
const one = (start: number, end: number, symbol: string) => genes(start, end).find((g) => g.symbol === symbol);

describe('genes a copy-number call overlaps', () => {
  it('a gene fully inside the call is whole, covered 100 %, every exon hit; a call inside the gene is internal', () => {
    expect(one(901, 1600, 'FIXP')).toMatchObject({ transcript: 'NM_1', whole: true, internal: false, coverage: 1, exonsHit: 3, exonCount: 3, codingExonsHit: 3 });
    expect(one(1001, 1500, 'FIXP')).toMatchObject({ whole: true });
    expect(one(1002, 1500, 'FIXP')).toMatchObject({ whole: false, coverage: 499 / 500 });
    expect(one(1150, 1250, 'FIXP')).toMatchObject({ internal: true, whole: false, exonsHit: 1 });
  });

  it('partial: exon 1 exactly (1001-1100) hits one exon, its coding part; the preferred transcript is read', () => {
    expect(one(1001, 1100, 'FIXP')).toMatchObject({ transcript: 'NM_1', whole: false, exonsHit: 1, codingExonsHit: 1, coverage: 100 / 500 });
    // 5' UTR only (1001-1050): an exon, no coding base
    expect(one(1001, 1050, 'FIXP')).toMatchObject({ exonsHit: 1, codingExonsHit: 0 });
  });

  it('exon edges: the intron 1101-1200 hits no exon; one more base on either side hits one', () => {
    expect(one(1101, 1200, 'FIXP')).toMatchObject({ exonsHit: 0, codingExonsHit: 0 });
    expect(one(1100, 1200, 'FIXP')).toMatchObject({ exonsHit: 1, codingExonsHit: 1 });
    expect(one(1101, 1201, 'FIXP')).toMatchObject({ exonsHit: 1, codingExonsHit: 1 });
    // adjacent but outside: 1501-1600 touches no gene
    expect(genes(1501, 2999)).toEqual([]);
    expect(genes(1500, 1500).map((g) => g.symbol)).toEqual(['FIXP']);
  });

  it('strand plays no part: the minus-strand gene reads the same as the plus-strand one', () => {
    expect(one(2901, 3600, 'FIXM')).toMatchObject({ whole: true, coverage: 1, exonsHit: 3, codingExonsHit: 3 });
    expect(one(3001, 3100, 'FIXM')).toMatchObject({ whole: false, exonsHit: 1, codingExonsHit: 1 });
  });

  it('a long call over several genes finds each once; a gene known by its span only gets its share', () => {
    expect(genes(1, 10_000).map((g) => [g.symbol, g.whole])).toEqual([['FIXM', true], ['FIXN', true], ['FIXP', true]]);
    expect(spanOverlap(9, 'SPAN', 101, 200, 151, 400)).toMatchObject({ coverage: 0.5, whole: false, modelled: false, internal: false });
    expect(spanOverlap(9, 'SPAN', 101, 200, 120, 130)).toMatchObject({ internal: true });
  });

  it('BED rows are 0-based half-open: "1 1100 1200" is bases 1101-1200 (intronic), "1 1099 1200" takes the last base of exon 1', () => {
    const { calls } = parseCnvCalls('chr1\t1100\t1200\tDEL\n1\t1099\t1200\tCN1\n', 'calls.bed', { assembly: 'GRCh37' });
    expect(calls.map((c) => [c.start, c.end, c.change, c.copyNumber])).toEqual([[1101, 1200, 'deletion', undefined], [1100, 1200, 'deletion', 1]]);
    expect(one(calls[0]!.start, calls[0]!.end, 'FIXP')).toMatchObject({ exonsHit: 0 });
    expect(one(calls[1]!.start, calls[1]!.end, 'FIXP')).toMatchObject({ exonsHit: 1 });
    // a CSV with a header is 1-based inclusive
    const csv = parseCnvCalls('chrom,start,end,type\n1,1101,1200,loss\n', 'calls.csv', { assembly: 'GRCh37' });
    expect(csv.calls.map((c) => [c.start, c.end])).toEqual([[1101, 1200]]);
  });

  it('a 5 Mb call over a thousand transcripts is cheap', () => {
    const n = 2000;
    const c: TranscriptColumns = { ids: [], symbols: [], ncbiGeneIds: [], chrom: [], strand: [], txStart: [], txEnd: [], cdsStart: [], cdsEnd: [], exonOffsets: [0], exonStarts: [], exonEnds: [], flags: [] };
    for (let i = 0; i < n; i += 1) {
      const s = i * 10_000;
      Object.entries({ ids: `T${i}`, symbols: `G${i}`, ncbiGeneIds: i + 1, chrom: '2', strand: 1, txStart: s, txEnd: s + 5000, cdsStart: s + 100, cdsEnd: s + 4900, flags: TRANSCRIPT_PREFERRED }).forEach(([k, v]) => (c[k as keyof TranscriptColumns] as unknown[]).push(v));
      c.exonStarts.push(0, 4000);
      c.exonEnds.push(1000, 5000);
      c.exonOffsets.push(c.exonStarts.length);
    }
    const big = new TranscriptIndex(c);
    const t0 = performance.now();
    let hit = 0;
    for (let k = 0; k < 100; k += 1) hit = overlappedGenes(big, '2', 5_000_001, 10_000_000).length;
    expect(hit).toBe(500);
    expect((performance.now() - t0) / 100).toBeLessThan(20);
  });
});

describe('what a copy-number change does to a gene', () => {
  const whole = one(901, 1600, 'FIXP')!;
  const exon2 = one(1150, 1350, 'FIXP')!;
  const intronic = one(1101, 1200, 'FIXP')!;
  const nonCoding = one(5001, 5100, 'FIXN')!;

  it('a deletion of the whole gene or of coding exons is a null allele, with the LoF constraint factor', () => {
    expect(assessCnvGene('deletion', whole, 1, { loeuf: 0.1 })).toMatchObject({ tier: 'cnv-deletion', lr: tierLR.predictedLof, dominantFactor: tierLR.lofIntolerantFactor });
    expect(assessCnvGene('deletion', exon2, 1, { loeuf: 1.2 })).toMatchObject({ tier: 'cnv-deletion', lr: tierLR.predictedLof, dominantFactor: tierLR.lofTolerantFactor });
    expect(assessCnvGene('deletion', whole, 1, undefined).dominantFactor).toBe(1);
  });

  it('intronic deletions do not qualify; a non-coding exon deletion is neutral', () => {
    expect(assessCnvGene('deletion', intronic, 1, undefined)).toMatchObject({ tier: 'non-coding', lr: 0 });
    expect(assessCnvGene('deletion', nonCoding, 1, undefined)).toMatchObject({ tier: 'cnv-noncoding-deletion', lr: cnvLR.nonCodingExonDeletion });
  });

  it('duplications are weaker: whole gene a dosage gain, inside the gene a possible disruption', () => {
    expect(assessCnvGene('duplication', whole, 1, { loeuf: 0.1 })).toMatchObject({ tier: 'cnv-duplication', lr: cnvLR.wholeGeneDuplication, dominantFactor: 1, dosageGain: true });
    expect(assessCnvGene('duplication', exon2, 1, undefined)).toMatchObject({ tier: 'cnv-partial-duplication', lr: cnvLR.internalDuplication });
    expect(cnvLR.internalDuplication).toBeLessThan(cnvLR.nullAllele);
    expect(cnvLR.wholeGeneDuplication).toBeLessThan(cnvLR.internalDuplication);
  });

  it('a call over many genes is tempered: ×1 up to 5 genes, ×0.5 at 20', () => {
    expect(manyGenesFactor(5)).toBe(1);
    expect(manyGenesFactor(20)).toBeCloseTo(0.5);
    expect(assessCnvGene('deletion', whole, 80, undefined).lr).toBeCloseTo(tierLR.predictedLof * 0.25);
  });
});

describe('copy-number calls in the genotype check', () => {
  const v = (key: string, copies: number, assessment: AnnotatedVariant['assessment']): AnnotatedVariant => ({
    key,
    inputKey: key,
    inputBuild: 'GRCh38',
    call: { copies, zygosity: copies >= 2 ? 'homozygous' : 'heterozygous' },
    assessment,
    line: 1,
  });
  const del = (copies: number) => v('1:1001-1600:<DEL>', copies, assessCnvGene('deletion', one(901, 1600, 'FIXP')!, 1, { loeuf: 0.1 }));
  const snv = v('1:1250:A:G', 1, { tier: 'coding-unknown', lr: tierLR.codingUnknown, dominantFactor: 1, reasons: [] });
  const dup = v('1:901-1600:<DUP>', 1, assessCnvGene('duplication', one(901, 1600, 'FIXP')!, 1, undefined));

  it('a heterozygous deletion of a LoF-intolerant gene satisfies a dominant disease like a predicted LoF', () => {
    expect(genotypeLR([del(1)], ['dominant'], undefined)).toMatchObject({ satisfied: true, lr: tierLR.predictedLof * tierLR.lofIntolerantFactor });
  });

  it('a homozygous deletion (CN 0) is a biallelic null; a single heterozygous deletion is a carrier', () => {
    expect(genotypeLR([del(2)], ['recessive'], undefined)).toMatchObject({ satisfied: true, lr: tierLR.predictedLof });
    expect(genotypeLR([del(1)], ['recessive'], undefined)).toMatchObject({ satisfied: false });
  });

  it('a heterozygous deletion and a small variant of the same gene are a compound heterozygous candidate', () => {
    const c = genotypeLR([del(1), snv], ['recessive'], undefined);
    expect(c).toMatchObject({ satisfied: true, lr: Math.sqrt(tierLR.predictedLof * tierLR.codingUnknown) });
    expect(c.variants.map((x) => x.key)).toEqual([del(1).key, snv.key]);
  });

  it('a duplication is never half of a recessive pair', () => {
    expect(genotypeLR([dup, snv], ['recessive'], undefined)).toMatchObject({ satisfied: false });
    expect(genotypeLR([dup], ['recessive'], undefined)).toMatchObject({ satisfied: false });
    expect(genotypeLR([dup], ['dominant'], undefined)).toMatchObject({ satisfied: true, lr: cnvLR.wholeGeneDuplication });
  });
});

import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toTranscriptColumns } from '../../../graph-snapshot/build/transcript-columns.js';
import { SkipLog } from '../../../graph-snapshot/io/skip-log.js';
import { parseTranscriptFile, type TranscriptDocument } from '../../../graph-snapshot/parsers/transcript-file.js';
import { TranscriptIndex } from '../../../diagnosis/variants/transcript-index.js';
import { locateVariant, type TranscriptLocation } from '../../../diagnosis/variants/variant-location.js';

/*
 * The fixture holds three made-up transcripts on chromosome 1 (GRCh37), written by hand in refFlat, GTF and GFF3:
 * - NM_000001.1 (FIXP, + strand): exons 1001-1100, 1201-1300, 1401-1500 (1-based); c.1 = 1051, c.50 = 1100,
 *   c.51 = 1201, c.150 = 1300, c.151 = 1401, c.201 = 1451 (last base of the stop codon); 5' UTR 1001-1050, 3' UTR 1452-1500.
 * - NM_000002.1 (FIXM, − strand): exons 3401-3500 (exon 1), 3201-3300, 3001-3100; c.1 = 3450, c.50 = 3401,
 *   c.51 = 3300, c.150 = 3201, c.151 = 3100, c.201 = 3050; 5' UTR 3451-3500, 3' UTR 3001-3049.
 * - NR_000003.1 (FIXN, non-coding, + strand): exons 5001-5100, 5201-5300.
 */
const forms = ['two-strand.fixture.refflat.txt', 'two-strand.fixture.gtf', 'two-strand.fixture.gff3'];
const fixture = (f: string) => resolve('tests/fixtures/transcripts', f);

describe.each(forms)('variant location without a reference genome (%s)', (file) => {
  let doc: TranscriptDocument;
  let ix: TranscriptIndex;
  const skips = new SkipLog();
  beforeAll(async () => {
    doc = await parseTranscriptFile(fixture(file), skips);
    ix = new TranscriptIndex(toTranscriptColumns(doc.transcripts, false));
  });
  const on = (tx: string, pos: number, ref: string, alt: string): TranscriptLocation | undefined =>
    locateVariant(ix, '1', pos, ref, alt).find((l) => l.transcript === tx);
  const at = (tx: string, pos: number) => on(tx, pos, 'A', 'G');
  const P = 'NM_000001.1';
  const M = 'NM_000002.1';

  it('reads the same three transcripts from every form', () => {
    expect(doc.transcripts.map((t) => [t.id, t.chrom, t.strand, t.txStart, t.txEnd, t.cdsStart, t.cdsEnd, t.exonStarts.join(','), t.exonEnds.join(',')])).toEqual([
      ['NM_000001.1', '1', '+', 1000, 1500, 1050, 1451, '1000,1200,1400', '1100,1300,1500'],
      ['NM_000002.1', '1', '-', 3000, 3500, 3049, 3450, '3000,3200,3400', '3100,3300,3500'],
      ['NR_000003.1', '1', '+', 5000, 5300, 5300, 5300, '5000,5200', '5100,5300'],
    ]);
    expect(doc.transcripts.map((t) => t.symbol)).toEqual(['FIXP', 'FIXM', 'FIXN']);
    // MANE Select is a tag of GTF and GFF3 files; genePred tables do not carry it
    expect(doc.transcripts[0]!.mane).toBe(file.endsWith('.txt') ? false : true);
  });

  it('plus strand: UTRs, start and stop codons, coding bases, exon numbers', () => {
    expect(at(P, 1001)).toMatchObject({ klass: '5-utr', position: 'c.-50', exon: 1, exonCount: 3, spliceRegion: false });
    expect(at(P, 1050)).toMatchObject({ klass: '5-utr', position: 'c.-1' });
    expect(at(P, 1051)).toMatchObject({ klass: 'start-lost', position: 'c.1' });
    expect(at(P, 1053)).toMatchObject({ klass: 'start-lost', position: 'c.3' });
    expect(at(P, 1054)).toMatchObject({ klass: 'coding', position: 'c.4' });
    expect(at(P, 1301 + 100)).toMatchObject({ klass: 'coding', position: 'c.151', exon: 3, spliceRegion: true });
    expect(at(P, 1448)).toMatchObject({ klass: 'coding', position: 'c.198' });
    expect(at(P, 1449)).toMatchObject({ klass: 'stop-codon', position: 'c.199' });
    expect(at(P, 1451)).toMatchObject({ klass: 'stop-codon', position: 'c.201' });
    expect(at(P, 1452)).toMatchObject({ klass: '3-utr', position: 'c.*1', exon: 3 });
    expect(at(P, 1500)).toMatchObject({ klass: '3-utr', position: 'c.*49', spliceRegion: false });
  });

  it('plus strand: exon edges, canonical splice ±1/±2, splice region 3-8, deep intron', () => {
    expect(at(P, 1097)).toMatchObject({ klass: 'coding', position: 'c.47', spliceRegion: false });
    expect(at(P, 1098)).toMatchObject({ klass: 'coding', position: 'c.48', spliceRegion: true });
    expect(at(P, 1100)).toMatchObject({ klass: 'coding', position: 'c.50', exon: 1, spliceRegion: true });
    expect(at(P, 1101)).toMatchObject({ klass: 'splice-donor', position: 'c.50+1', intron: 1, exon: undefined });
    expect(at(P, 1102)).toMatchObject({ klass: 'splice-donor', position: 'c.50+2' });
    expect(at(P, 1103)).toMatchObject({ klass: 'splice-region', position: 'c.50+3' });
    expect(at(P, 1108)).toMatchObject({ klass: 'splice-region', position: 'c.50+8' });
    expect(at(P, 1109)).toMatchObject({ klass: 'intron', position: 'c.50+9' });
    expect(at(P, 1150)).toMatchObject({ klass: 'intron', position: 'c.50+50' });
    expect(at(P, 1151)).toMatchObject({ klass: 'intron', position: 'c.51-50' });
    expect(at(P, 1192)).toMatchObject({ klass: 'intron', position: 'c.51-9' });
    expect(at(P, 1193)).toMatchObject({ klass: 'splice-region', position: 'c.51-8' });
    expect(at(P, 1199)).toMatchObject({ klass: 'splice-acceptor', position: 'c.51-2' });
    expect(at(P, 1200)).toMatchObject({ klass: 'splice-acceptor', position: 'c.51-1', intron: 1 });
    expect(at(P, 1201)).toMatchObject({ klass: 'coding', position: 'c.51', exon: 2, spliceRegion: true });
  });

  it('minus strand: positions count from the 3\' end of the genome, exon 1 is the highest', () => {
    expect(at(M, 3500)).toMatchObject({ klass: '5-utr', position: 'c.-50', exon: 1 });
    expect(at(M, 3451)).toMatchObject({ klass: '5-utr', position: 'c.-1' });
    expect(at(M, 3450)).toMatchObject({ klass: 'start-lost', position: 'c.1', exon: 1 });
    expect(at(M, 3448)).toMatchObject({ klass: 'start-lost', position: 'c.3' });
    expect(at(M, 3447)).toMatchObject({ klass: 'coding', position: 'c.4' });
    expect(at(M, 3401)).toMatchObject({ klass: 'coding', position: 'c.50', spliceRegion: true });
    expect(at(M, 3400)).toMatchObject({ klass: 'splice-donor', position: 'c.50+1', intron: 1 });
    expect(at(M, 3399)).toMatchObject({ klass: 'splice-donor', position: 'c.50+2' });
    expect(at(M, 3393)).toMatchObject({ klass: 'splice-region', position: 'c.50+8' });
    expect(at(M, 3392)).toMatchObject({ klass: 'intron', position: 'c.50+9' });
    expect(at(M, 3302)).toMatchObject({ klass: 'splice-acceptor', position: 'c.51-2' });
    expect(at(M, 3301)).toMatchObject({ klass: 'splice-acceptor', position: 'c.51-1' });
    expect(at(M, 3300)).toMatchObject({ klass: 'coding', position: 'c.51', exon: 2, spliceRegion: true });
    expect(at(M, 3100)).toMatchObject({ klass: 'coding', position: 'c.151', exon: 3 });
    expect(at(M, 3052)).toMatchObject({ klass: 'stop-codon', position: 'c.199' });
    expect(at(M, 3050)).toMatchObject({ klass: 'stop-codon', position: 'c.201' });
    expect(at(M, 3049)).toMatchObject({ klass: '3-utr', position: 'c.*1' });
    expect(at(M, 3001)).toMatchObject({ klass: '3-utr', position: 'c.*49' });
  });

  it('up- and downstream within 5 kb, nothing beyond', () => {
    expect(at(P, 900)).toMatchObject({ klass: 'upstream', position: undefined });
    expect(at(P, 1600)).toMatchObject({ klass: 'downstream' });
    expect(at(M, 3600)).toMatchObject({ klass: 'upstream' });
    expect(at(M, 2900)).toMatchObject({ klass: 'downstream' });
    expect(at(P, 6600)).toBeUndefined();
  });

  it('indels in the coding sequence: frameshift or in-frame by the length change, on both strands', () => {
    expect(on(P, 1060, 'AC', 'A')).toMatchObject({ klass: 'frameshift', position: 'c.11' });
    expect(on(P, 1060, 'ACGT', 'A')).toMatchObject({ klass: 'inframe-deletion', position: 'c.11_13' });
    expect(on(P, 1060, 'A', 'AT')).toMatchObject({ klass: 'frameshift', position: 'c.10_11' });
    expect(on(P, 1060, 'A', 'ATTT')).toMatchObject({ klass: 'inframe-insertion' });
    expect(on(M, 3440, 'A', 'AT')).toMatchObject({ klass: 'frameshift', position: 'c.10_11' });
    expect(on(M, 3439, 'ACGT', 'A')).toMatchObject({ klass: 'inframe-deletion', position: 'c.9_11' });
    // a deletion of the start codon's last base and the next two: the start codon is lost whatever the frame
    expect(on(P, 1052, 'ACGT', 'A')).toMatchObject({ klass: 'start-lost' });
    // an in-frame deletion in the stop codon loses the stop
    expect(on(P, 1447, 'ACGT', 'A')).toMatchObject({ klass: 'stop-codon' });
  });

  it('indels at exon edges and splice sites', () => {
    // deletes c.49, c.50 and c.50+1: the donor site is lost
    expect(on(P, 1098, 'AGTC', 'A')).toMatchObject({ klass: 'splice-donor', position: 'c.49_50+1' });
    // insertion between the exon's last base and +1: splice region; between +1 and +2: the donor dinucleotide is broken
    expect(on(P, 1100, 'G', 'GA')).toMatchObject({ klass: 'splice-region', position: 'c.50_50+1' });
    expect(on(P, 1101, 'G', 'GA')).toMatchObject({ klass: 'splice-donor', position: 'c.50+1_50+2' });
    expect(on(P, 1102, 'G', 'GA')).toMatchObject({ klass: 'splice-region' });
    // a one-base deletion in the 3' UTR is not a frameshift
    expect(on(P, 1460, 'AC', 'A')).toMatchObject({ klass: '3-utr' });
    expect(on(P, 1150, 'AC', 'A')).toMatchObject({ klass: 'intron' });
  });

  it('non-coding transcripts: n. positions', () => {
    expect(at('NR_000003.1', 5050)).toMatchObject({ klass: 'noncoding-exon', position: 'n.50', exon: 1 });
    expect(at('NR_000003.1', 5101)).toMatchObject({ klass: 'splice-donor', position: 'n.100+1' });
    expect(at('NR_000003.1', 5150)).toMatchObject({ klass: 'intron', position: 'n.100+50' });
  });
});

describe('transcript files: counted skips', () => {
  it('skips alternate haplotypes as counted skips, not errors', async () => {
    const skips = new SkipLog();
    const doc = await parseTranscriptFile(fixture('two-strand.fixture.refflat.txt'), skips);
    expect(doc.format).toBe('refFlat');
    expect(doc.transcripts).toHaveLength(3);
    expect(skips.reports()).toEqual([expect.objectContaining({ reason: 'transcript models: alternate haplotype or unplaced contig', count: 1 })]);
  });
});

import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { toTranscriptColumns } from '../../../graph-snapshot/build/transcript-columns.js';
import { liftTranscript } from '../../../graph-snapshot/build/transcript-liftover.js';
import { SkipLog } from '../../../graph-snapshot/io/skip-log.js';
import { parseChainFile } from '../../../graph-snapshot/liftover/chain-parser.js';
import { Liftover } from '../../../graph-snapshot/liftover/liftover.js';
import { parseGeneConstraint } from '../../../graph-snapshot/parsers/gene-constraint-parser.js';
import { parseGeneAccessions } from '../../../graph-snapshot/parsers/gene-accession-parser.js';
import { parseTranscriptFile } from '../../../graph-snapshot/parsers/transcript-file.js';
import { classifyContig } from '../../../graph-snapshot/parsers/transcript-record.js';
import { TRANSCRIPT_MANE, TRANSCRIPT_PREFERRED } from '../../../graph-snapshot/snapshot/gene-models.js';
import { scratchDir } from '../../helpers/paths.js';

const fixture = (f: string) => resolve('tests/fixtures/transcripts', f);
const good = 'FIXP\tNM_000001.1\tchr1\t+\t1000\t1500\t1050\t1451\t3\t1000,1200,1400,\t1100,1300,1500,';

describe('transcript files: bad input', () => {
  const dir = scratchDir();
  const write = (name: string, lines: string[]) => {
    const p = join(dir, name);
    writeFileSync(p, `${lines.join('\n')}\n`);
    return p;
  };
  const many = (bad: string, n: number) => [good, ...Array.from({ length: n }, () => bad)];

  it('a few bad rows are counted skips naming file and line; the good rows are kept', async () => {
    const skips = new SkipLog();
    const file = write('few.refFlat.txt', [
      good,
      'FIXQ\tNM_9\tchr1\t+\t1000\t1500\t1050\t1451\t3\t1000,1200,\t1100,1300,', // exon count disagrees with the lists
      'FIXR\tNM_8\tchr1\t+\t1000\t1500\t900\t1451\t3\t1000,1200,1400,\t1100,1300,1500,', // CDS outside the transcript
      'FIXS\tNM_7\tchrFOO\t+\t1000\t1500\t1050\t1451\t3\t1000,1200,1400,\t1100,1300,1500,', // unknown contig
      'FIXT\tNM_6\tchr1\t+\t1000\t1500\t1050\t1451\t3', // wrong column count
    ]);
    const doc = await parseTranscriptFile(file, skips);
    expect(doc.transcripts.map((t) => t.id)).toEqual(['NM_000001.1']);
    const reasons = skips.reports().map((r) => r.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'transcript models: exonCount 3 disagrees with 2 exon starts and 2 exon ends',
        'transcript models: CDS 900-1451 outside the transcript 1000-1500',
        'transcript models: unknown contig "chrFOO"',
        'transcript models: expected 11 columns (refFlat), found 9',
      ]),
    );
    expect(skips.reports().flatMap((r) => r.examples)).toContain('few.refFlat.txt:2: FIXQ\tNM_9\tchr1\t+\t1000\t1500\t1050\t1451\t3\t1000,1200,\t1100,1300,');
  });

  it('many bad rows make the file an InputError naming the first bad line', async () => {
    const file = write('many.refFlat.txt', many('FIXQ\tNM_9\tchr1\t+\t1000\t1500\t1050\t1451\t3\t1000,1200,\t1100,1300,', 20));
    const err = await parseTranscriptFile(file, new SkipLog()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ file, line: 2 });
    expect((err as Error).message).toMatch(/many\.refFlat\.txt:2: exonCount 3 disagrees .* \(and 19 more bad rows of 21\)/);
  });

  it('a file that is no transcript table at all is an InputError on its first line', async () => {
    const file = write('bed.txt', ['chr1\t100\t200\tX']);
    await expect(parseTranscriptFile(file, new SkipLog())).rejects.toThrow(/bed\.txt:1: not a transcript file: 4 tab-separated columns/);
    const gtf = write('broken.gtf', ['1\tfixture\texon\t100\t50\t.\t+\t.\tgene_id "A"; transcript_id "T1";', ...Array.from({ length: 12 }, () => '1\tfixture\texon\tx\t50\t.\t+\t.\tgene_id "A"; transcript_id "T2";')]);
    await expect(parseTranscriptFile(gtf, new SkipLog())).rejects.toThrow(/broken\.gtf:1: invalid interval 100-50/);
  });

  it('GTF: a transcript whose exon numbers skip is a bad row at its first line; gzip is read the same', async () => {
    const rows = [
      '1\tfx\texon\t1001\t1100\t.\t+\t.\tgene_id "A"; transcript_id "T1"; gene_name "A"; exon_number "1";',
      '1\tfx\texon\t1201\t1300\t.\t+\t.\tgene_id "A"; transcript_id "T1"; gene_name "A"; exon_number "3";',
      '1\tfx\texon\t2001\t2100\t.\t-\t.\tgene_id "B"; transcript_id "T2"; gene_name "B"; exon_number "1";',
    ];
    const file = join(dir, 'skip.gtf.gz');
    writeFileSync(file, gzipSync(`${rows.join('\n')}\n`));
    const skips = new SkipLog();
    const doc = await parseTranscriptFile(file, skips);
    expect(doc.format).toBe('gtf');
    expect(doc.transcripts.map((t) => [t.id, t.symbol, t.strand])).toEqual([['T2', 'B', '-']]);
    expect(skips.reports()[0]).toMatchObject({ reason: 'transcript models: transcript T1: exon numbers go up to 3 but it has 2 exons', examples: ['skip.gtf.gz:1: T1'] });
  });

  it('names contigs of every convention', () => {
    expect(classifyContig('chr17')).toEqual({ kind: 'primary', chrom: '17' });
    expect(classifyContig('NC_000023.11')).toEqual({ kind: 'primary', chrom: 'X' });
    expect(classifyContig('NC_012920.1')).toEqual({ kind: 'primary', chrom: 'MT' });
    expect(classifyContig('chrM')).toEqual({ kind: 'primary', chrom: 'MT' });
    for (const c of ['chr6_cox_hap2', 'chrUn_gl000220', 'chr1_KI270706v1_random', 'NT_187361.1', 'HSCHR6_MHC_COX', 'GL000192.1']) expect(classifyContig(c).kind).toBe('secondary');
    expect(classifyContig('scaffold_9').kind).toBe('unknown');
  });
});

describe('transcript models in the snapshot', () => {
  it('lifts each exon with the chain, flipping the strand on a reversed block, and keeps the CDS', async () => {
    const doc = await parseTranscriptFile(fixture('two-strand.fixture.refflat.txt'), new SkipLog());
    const lift = new Liftover(await parseChainFile(fixture('lift.fixture.chain')));
    const [p, m, n] = doc.transcripts.map((t) => liftTranscript(t, lift));
    expect(p).toMatchObject({ chrom: '1', strand: '+', txStart: 101000, txEnd: 101500, cdsStart: 101050, cdsEnd: 101451, exonStarts: [101000, 101200, 101400] });
    expect(m).toMatchObject({ strand: '-', cdsStart: 103049, cdsEnd: 103450 });
    // the non-coding transcript sits on a reversed block: it changes strand and its exons are reversed
    expect(n).toMatchObject({ chrom: '1', strand: '-', exonStarts: [149200, 149400], exonEnds: [149300, 149500], cdsStart: 149500, cdsEnd: 149500 });
    const outside = { ...doc.transcripts[0]!, txStart: 8000, txEnd: 8500, cdsStart: 8500, cdsEnd: 8500, exonStarts: [8000], exonEnds: [8500] };
    expect(liftTranscript(outside, lift)).toBe('exon not in the target assembly');
  });

  it('flags MANE Select, else the longest CDS, as the preferred transcript of each gene', async () => {
    const gtf = await parseTranscriptFile(fixture('two-strand.fixture.gtf'), new SkipLog());
    const shorter = { ...gtf.transcripts[0]!, id: 'NM_000009.1', mane: false, cdsEnd: 1300, exonStarts: [1000, 1200], exonEnds: [1100, 1300], txEnd: 1300 };
    const longer = { ...gtf.transcripts[0]!, id: 'NM_000010.1', mane: false };
    const cols = toTranscriptColumns([shorter, gtf.transcripts[0]!, longer], false);
    const flag = (id: string) => cols.flags[cols.ids.indexOf(id)]!;
    expect(flag('NM_000001.1')).toBe(TRANSCRIPT_PREFERRED | TRANSCRIPT_MANE);
    expect(flag('NM_000010.1') & TRANSCRIPT_PREFERRED).toBe(0);
    const noMane = toTranscriptColumns([shorter, longer], false);
    expect(noMane.flags[noMane.ids.indexOf('NM_000010.1')]).toBe(TRANSCRIPT_PREFERRED);
  });
});

describe('gene constraint and accession tables', () => {
  const dir = scratchDir();
  it('reads Genoppi, gnomAD v4 (one row per transcript: the MANE one wins) and v2.1.1 layouts; NA is unknown', async () => {
    const genoppi = join(dir, 'genoppi.tsv');
    writeFileSync(genoppi, 'gene\tpLI\tLOEUF\tMisZ\tSynZ\nA1BG\t1.7e-16\t1.342\t-0.87\t-0.64\nFBN1\t1\t0.12\t5.1\t0.3\n');
    expect(await parseGeneConstraint(genoppi)).toEqual([
      { symbol: 'A1BG', pli: 1.7e-16, loeuf: 1.342, misZ: -0.87, line: 2 },
      { symbol: 'FBN1', pli: 1, loeuf: 0.12, misZ: 5.1, line: 3 },
    ]);
    const v4 = join(dir, 'v4.tsv');
    writeFileSync(v4, 'gene\ttranscript\tmane_select\tcanonical\tlof.pLI\tlof.oe_ci.upper\tmis.z_score\nFBN1\tENST1\tfalse\ttrue\t0.9\t0.3\t4\nFBN1\tENST2\ttrue\tfalse\t1\t0.1\t5\nX\tENST3\tfalse\tfalse\tNA\tNA\t2\n');
    expect(await parseGeneConstraint(v4)).toEqual([
      { symbol: 'FBN1', pli: 1, loeuf: 0.1, misZ: 5, line: 3 },
      { symbol: 'X', pli: undefined, loeuf: undefined, misZ: 2, line: 4 },
    ]);
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'gene\tpLI\tLOEUF\tMisZ\nA\t0.5\tlow\t1\n');
    await expect(parseGeneConstraint(bad)).rejects.toThrow(/bad\.tsv:2: LOEUF "low" is not a number/);
  });

  it('maps transcript accessions to genes without their version, dropping ambiguous ones', async () => {
    const f = join(dir, 'acc.tsv');
    writeFileSync(f, 'ncbi_gene_id\tsymbol\tsource\taccession\n7157\tTP53\trefseq\tNM_000546\n7157\tTP53\trefseq\tNP_000537\n1\tA\trefseq\tNM_9\n2\tB\trefseq\tNM_9\n7157\tTP53\tucsc_knowngene_enst\tENST00000269305.9\n');
    const m = await parseGeneAccessions(f);
    expect([...m.entries()]).toEqual([['NM_000546', 7157], ['ENST00000269305', 7157]]);
  });
});

import { describe, expect, it } from 'vitest';
import { hgvsDisagreement } from '../../../diagnosis/variants/hgvs-check.js';
import type { TranscriptLocation } from '../../../diagnosis/variants/variant-location.js';

const loc = (transcript: string, symbol: string, position: string | undefined): TranscriptLocation => ({
  transcript, symbol, ncbiGeneId: 1, klass: 'coding', position, exonCount: 10, spliceRegion: false, preferred: false, mane: false,
});
// one variant as two transcripts of FGFR3 place it (isoforms differ by 6 coding bases), and a neighbour gene's UTR
const here = [loc('NM_000142', 'FGFR3', 'c.1138'), loc('NM_001163213', 'FGFR3', 'c.1144'), loc('NM_000001', 'LETM1', 'c.*200')];

describe('a listed HGVS against its coordinates (no reference genome: positions only)', () => {
  it('agrees on the named transcript (version ignored), or on any transcript of the gene when none is named', () => {
    expect(hgvsDisagreement('c.1138G>A', 'NM_000142.4', 'FGFR3', here)).toBeUndefined();
    expect(hgvsDisagreement('c.1144G>A', 'NM_001163213.1', 'FGFR3', here)).toBeUndefined();
    expect(hgvsDisagreement('c.1144G>A', undefined, 'FGFR3', here)).toBeUndefined();
  });

  it('says what the coordinates give when they disagree', () => {
    expect(hgvsDisagreement('c.1144G>A', 'NM_000142.4', 'FGFR3', here)).toBe('HGVS c.1144G>A does not match the coordinates (c.1138 on NM_000142)');
    expect(hgvsDisagreement('c.742C>T', undefined, 'FGFR3', here)).toBe('HGVS c.742C>T matches no transcript of FGFR3 at the coordinates (c.1138 on NM_000142, c.1144 on NM_001163213)');
    expect(hgvsDisagreement('c.1138G>A', 'NM_000001.2', 'FGFR3', here)).toBe('transcript NM_000001.2 is a transcript of LETM1, not of FGFR3');
  });

  it('compares intronic and UTR positions by their first coordinate; cannot tell without a c. position or transcripts', () => {
    const splice = [loc('NM_5', 'GENE', 'c.1234+1')];
    expect(hgvsDisagreement('c.1234+1G>A', 'NM_5.2', 'GENE', splice)).toBeUndefined();
    expect(hgvsDisagreement('c.1234+2T>C', 'NM_5.2', 'GENE', splice)).toMatch(/does not match the coordinates \(c\.1234\+1 on NM_5\)/);
    expect(hgvsDisagreement('c.100_102del', 'NM_6', 'G6', [loc('NM_6', 'G6', 'c.100_102')])).toBeUndefined();
    expect(hgvsDisagreement(undefined, 'NM_000142', 'FGFR3', here)).toBeUndefined();
    expect(hgvsDisagreement('c.1138G>A', 'NM_999', 'FGFR3', here)).toBeUndefined();
    expect(hgvsDisagreement('c.1138G>A', undefined, 'FGFR3', [])).toBeUndefined();
  });
});

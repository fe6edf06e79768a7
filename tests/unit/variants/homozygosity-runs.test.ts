import { describe, expect, it } from 'vitest';
import { inRun, RohDetector, rohParameters, segment } from '../../../diagnosis/variants/homozygosity-runs.js';

const P = rohParameters;
/** n calls from `start`, `step` bp apart; `het` says which are heterozygous */
const calls = (n: number, start: number, step: number, het: (i: number) => boolean) => ({
  pos: Array.from({ length: n }, (_, i) => start + i * step),
  hom: Array.from({ length: n }, (_, i) => !het(i)),
});

describe('regions of homozygosity from the proband\'s calls', () => {
  it('finds a long run of homozygous calls, tolerating a rare heterozygous call inside it', () => {
    // 60 calls over 11.8 Mb, two isolated hets (call errors) inside: one run from the first to the last call
    const c = calls(60, 1_000_000, 200_000, (i) => i === 20 || i === 41);
    expect(segment('2', c.pos, c.hom, P)).toEqual([{ chrom: '2', start: 1_000_000, end: 12_800_000, calls: 60 }]);
  });

  it('finds nothing in an outbred pattern, nor in runs that are short or sparse', () => {
    // every 4th call heterozygous: nowhere near 95 % homozygous
    const outbred = calls(400, 1, 50_000, (i) => i % 4 === 0);
    expect(segment('3', outbred.pos, outbred.hom, P)).toEqual([]);
    // 30 homozygous calls over 0.6 Mb: too short
    const short = calls(30, 1, 20_000, () => false);
    expect(segment('3', short.pos, short.hom, P)).toEqual([]);
    // 10 homozygous calls over 9 Mb: too few to say
    const sparse = calls(10, 1, 1_000_000, () => false);
    expect(segment('3', sparse.pos, sparse.hom, P)).toEqual([]);
  });

  it('a run ends where heterozygous calls take over, at its last homozygous call', () => {
    const c = calls(80, 1, 100_000, (i) => i >= 40);
    expect(segment('5', c.pos, c.hom, P)).toEqual([{ chrom: '5', start: 1, end: 3_900_001, calls: 40 }]);
  });

  it('collects calls in any order and any chromosome spelling, leaves out X and Y, and reads consanguinity from the total', () => {
    const d = new RohDetector();
    // three 20 Mb runs on chr1, chr4, chr9 (60 Mb ≥ 50 Mb), fed in reverse order; a run on X is ignored
    for (const chrom of ['chr1', '4', '9', 'X']) {
      for (let i = 100; i >= 0; i -= 1) d.add(chrom, 10_000_000 + i * 200_000, true);
    }
    const runs = d.runs();
    expect(runs.regions.map((r) => r.chrom).sort()).toEqual(['1', '4', '9']);
    expect(runs.totalBp).toBe(3 * 20_000_001);
    expect(runs.consanguinityLikely).toBe(true);
    expect(inRun(runs, 'chr4', 15_000_000)).toBe(true);
    expect(inRun(runs, '4', 35_000_000)).toBe(false);
    expect(inRun(runs, 'X', 15_000_000)).toBe(false);
    const one = new RohDetector();
    for (let i = 0; i <= 100; i += 1) one.add('7', 1 + i * 200_000, true);
    expect(one.runs().consanguinityLikely).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseChainFile } from '../../../graph-snapshot/liftover/chain-parser.js';
import { Liftover, reverseComplement } from '../../../graph-snapshot/liftover/liftover.js';
import { fixture } from '../../helpers/paths.js';

describe('UCSC chain liftover', async () => {
  const chains = await parseChainFile(fixture('liftover', 'hg19ToHg38.fixture.chain'));
  const lift = new Liftover(chains);

  it('parses chains and blocks', () => {
    expect(chains.chains.map((c) => [c.tName, c.qStrand])).toEqual([
      ['chr1', '+'],
      ['chr2', '-'],
      ['chrX', '+'],
    ]);
    expect(chains.blocksByChrom.get('chr1')).toEqual([
      { tStart: 0, tEnd: 500, qStart: 10000, chainIndex: 0 },
      { tStart: 600, tEnd: 1000, qStart: 10600, chainIndex: 0 },
    ]);
  });

  it('lifts plus-strand positions exactly (1-based in, 1-based out)', () => {
    expect(lift.liftVariant('1', 201, 'C', 'T')).toEqual({ ok: true, chrom: '1', pos: 10201, ref: 'C', alt: 'T', strand: '+' });
    expect(lift.liftVariant('chr1', 1, 'A', 'G')).toMatchObject({ ok: true, pos: 10001 });
    expect(lift.liftVariant('1', 500, 'A', 'G')).toMatchObject({ ok: true, pos: 10500 });
    expect(lift.liftVariant('1', 601, 'A', 'G')).toMatchObject({ ok: true, pos: 10601 });
  });

  it('reports positions in gaps, alleles crossing a gap and unknown chromosomes', () => {
    expect(lift.liftVariant('1', 550, 'A', 'G')).toEqual({ ok: false, reason: 'unmapped' });
    expect(lift.liftVariant('1', 499, 'ACGT', 'A')).toEqual({ ok: false, reason: 'spans-gap' });
    expect(lift.liftVariant('7', 100, 'A', 'G')).toEqual({ ok: false, reason: 'chromosome-not-in-chain' });
  });

  it('reverse-complements SNVs on a minus-strand chain and refuses indels there', () => {
    // chr2 [0,1000) maps to the minus strand at q [79000,80000) of a 100,000 bp chromosome:
    // 0-based 100 -> q 79100 -> forward 100000 - 79100 - 1 = 20899 -> 1-based 20900.
    expect(lift.liftVariant('2', 101, 'A', 'C')).toEqual({ ok: true, chrom: '2', pos: 20900, ref: 'T', alt: 'G', strand: '-' });
    expect(lift.liftVariant('2', 101, 'AC', 'GT')).toEqual({ ok: true, chrom: '2', pos: 20899, ref: 'GT', alt: 'AC', strand: '-' });
    expect(lift.liftVariant('2', 101, 'AT', 'A')).toEqual({ ok: false, reason: 'minus-strand-indel' });
    expect(reverseComplement('ACGTN')).toBe('NACGT');
  });

  it('passes the mitochondrion through unchanged (rCRS in both GRCh37 and GRCh38)', () => {
    expect(lift.liftVariant('MT', 3243, 'A', 'G')).toEqual({ ok: true, chrom: 'MT', pos: 3243, ref: 'A', alt: 'G', strand: '+' });
  });
});

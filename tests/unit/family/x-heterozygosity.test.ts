import { describe, expect, it } from 'vitest';
import { XHeterozygosity } from '../../../diagnosis/family/x-heterozygosity.js';
import { family, g } from './trio-fixtures.js';

describe('sex check from X heterozygosity', () => {
  it('names a member whose pedigree sex the X calls contradict, and ignores the pseudo-autosomal regions', () => {
    const t = family(['kid M A dad mum', 'dad M U', 'mum F U']);
    const x = new XHeterozygosity(['kid', 'dad', 'mum']);
    for (let i = 0; i < 40; i += 1) {
      // the "son" is heterozygous everywhere (a daughter's sample?); the father hemizygous; the mother heterozygous
      x.add('X', 10_000_000 + i, [g('0/1'), g(i % 2 ? '1' : '0'), g('0/1')]);
      x.add('X', 1_000 + i, [g('0/1'), g('0/1'), g('0/1')]); // PAR1: not read
      x.add('7', 1_000 + i, [g('0/1'), g('0/1'), g('0/1')]);
    }
    expect(x.conflicts(t.pedigree, 'f.ped')).toEqual(['f.ped: "kid" is male in the pedigree but 100 % of 40 X calls heterozygous (a sample swap?): X-linked findings for this family need checking']);
    const few = new XHeterozygosity(['kid', 'dad', 'mum']);
    few.add('X', 10_000_000, [g('0/1'), g('1'), g('0/1')]);
    expect(few.conflicts(t.pedigree, 'f.ped')).toEqual([]);
  });
});

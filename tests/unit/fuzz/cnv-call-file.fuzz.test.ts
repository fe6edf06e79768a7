import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { parseCnvCalls } from '../../../diagnosis/case-input/cnv-call-file.js';

const good = 'chrom\tstart\tend\ttype\tcn\n17\t29000001\t30400000\tDEL\t1\nchrX\t100\t200\tgain\t3\n';
const bed = 'chr17\t29000000\t30400000\tDEL\t1\nchr2\t10\t20\tCN3\n';

/** Either a list of calls or an InputError naming the file: never anything else, never a crash. */
function parsesOrRefuses(text: string, file: string): void {
  try {
    const r = parseCnvCalls(text, file, { assembly: 'GRCh38' });
    for (const c of r.calls) {
      expect(c.start).toBeGreaterThanOrEqual(1);
      expect(c.end).toBeGreaterThanOrEqual(c.start);
      expect(['deletion', 'duplication']).toContain(c.change);
      expect(c.source).toMatch(new RegExp(`^${file.replace('.', '\\.')}:\\d+$`));
    }
    for (const s of r.setAside) expect(s).toMatch(new RegExp(`^${file.replace('.', '\\.')}:\\d+: `));
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    expect(err.message).toContain(file);
  }
}

describe('CNV call files: bad input is set aside or refused with the file and line, never a crash', () => {
  it('hand-written bad rows: each set aside naming its line', () => {
    const r = parseCnvCalls(
      'chrom,start,end,type\n1,100,200,DEL\n1,300,,DEL\n1,500,400,DUP\nchr99,1,2,DEL\n1,5,9,sideways\n1,abc,9,DEL\n1,1,9,\n',
      'lab.csv',
      { assembly: 'GRCh37' },
    );
    expect(r.calls.map((c) => [c.chrom, c.start, c.end, c.assembly])).toEqual([['1', 100, 200, 'GRCh37']]);
    expect(r.setAside.map((s) => s.split(':').slice(0, 2).join(':'))).toEqual(['lab.csv:3', 'lab.csv:4', 'lab.csv:5', 'lab.csv:6', 'lab.csv:7', 'lab.csv:8']);
    expect(r.setAside[1]).toMatch(/end 400 before start 500/);
    expect(r.setAside[2]).toMatch(/chromosome 1-22/);
    expect(() => parseCnvCalls('', 'empty.bed')).toThrow(InputError);
    expect(() => parseCnvCalls('chrom,start\n1,2\n', 'x.csv')).toThrow(/no end column/);
    expect(() => parseCnvCalls('1\t100\n', 'short.bed')).toThrow(/short\.bed.*no end column/);
  });

  it('mutated tables and BED files', () => {
    const mutation = fc.record({ at: fc.nat(), cut: fc.nat({ max: 12 }), insert: fc.string({ maxLength: 12, unit: fc.constantFrom('\t', ',', '\n', '"', '-', '1', '0', 'x', 'chr', 'DEL', 'CN', ' ', '#', '\uFEFF') }) });
    fc.assert(
      fc.property(fc.constantFrom([good, 'calls.tsv'] as const, [bed, 'calls.bed'] as const), fc.array(mutation, { maxLength: 4 }), ([text, file], ms) => {
        let t: string = text;
        for (const m of ms) {
          const at = m.at % (t.length + 1);
          t = t.slice(0, at) + m.insert + t.slice(at + m.cut);
        }
        parsesOrRefuses(t, file);
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (t) => parsesOrRefuses(t, 'any.txt')), { numRuns: 300 });
  });
});

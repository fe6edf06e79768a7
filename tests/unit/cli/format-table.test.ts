import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../scripts/cli/format-table.js';

describe('formatTable', () => {
  it('aligns columns to the widest cell', () => {
    expect(formatTable(['id', 'n'], [['a', 1], ['bbb', 22]], ['l', 'r'])).toBe('id    n\n---  --\na     1\nbbb  22');
  });

  it('prints a table with more rows than a call takes arguments (a long text has hundreds of thousands of findings)', () => {
    const rows = Array.from({ length: 400_000 }, (_, i) => [`HP:${String(i).padStart(7, '0')}`, i % 7 === 0 ? 'a longer label' : 'x']);
    const out = formatTable(['term', 'label'], rows);
    expect(out.split('\n')).toHaveLength(400_002);
    expect(out.split('\n')[1]).toBe('----------  --------------');
  });
});

import { InputError } from '../../common/input-error.js';
import { openTsv } from '../io/tsv-reader.js';

/** gnomAD constraint of one gene; a value the source leaves empty or NA is undefined (unknown). */
export interface GeneConstraint {
  symbol: string;
  /** probability of loss-of-function intolerance */
  pli?: number;
  /** loss-of-function observed/expected upper bound (LOEUF): low means intolerant */
  loeuf?: number;
  /** missense Z score: high means missense-constrained */
  misZ?: number;
  line: number;
}

/** Column names of the layouts in use: Genoppi's export, gnomAD v4 (dotted), gnomAD v2.1.1 lof_metrics.by_gene. */
const layouts = [
  { pli: 'pLI', loeuf: 'LOEUF', misZ: 'MisZ' },
  { pli: 'lof.pLI', loeuf: 'lof.oe_ci.upper', misZ: 'mis.z_score' },
  { pli: 'pLI', loeuf: 'oe_lof_upper', misZ: 'mis_z' },
];

const value = (cell: string | undefined) => {
  const s = (cell ?? '').trim();
  if (s === '' || s === 'NA' || s === 'NaN' || s === '.') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
};

/**
 * Reads a gnomAD gene constraint table. Files with one row per transcript (gnomAD v4) keep the MANE Select row of each
 * gene, else its canonical one, else the first. A value that is present but not a number is an InputError naming the
 * line; empty and NA cells are unknown.
 */
export async function parseGeneConstraint(path: string): Promise<GeneConstraint[]> {
  const t = await openTsv(path, { requiredColumns: ['gene'], strictColumnCount: false });
  const has = (n: string) => t.header.some((h) => h.toLowerCase() === n.toLowerCase());
  const layout = layouts.find((l) => has(l.pli) && has(l.loeuf) && has(l.misZ));
  if (!layout) throw new InputError(path, t.headerLine, `not a gnomAD constraint table: no pLI / LOEUF / missense Z columns among ${t.header.join(', ')}`);
  const [g, p, l, m] = ['gene', layout.pli, layout.loeuf, layout.misZ].map((c) => t.column(c)) as number[];
  const mane = has('mane_select') ? t.column('mane_select') : -1;
  const canonical = has('canonical') ? t.column('canonical') : -1;
  const best = new Map<string, { row: GeneConstraint; rank: number }>();
  for await (const { cells, line } of t.rows) {
    const symbol = (cells[g!] ?? '').trim();
    if (!symbol) continue;
    const row: GeneConstraint = { symbol, pli: value(cells[p!]), loeuf: value(cells[l!]), misZ: value(cells[m!]), line };
    for (const [k, v] of [['pLI', row.pli], ['LOEUF', row.loeuf], ['missense Z', row.misZ]] as const) {
      if (Number.isNaN(v)) throw new InputError(path, line, `${k} "${cells[k === 'pLI' ? p! : k === 'LOEUF' ? l! : m!]}" is not a number`);
    }
    const truthy = (i: number) => i >= 0 && /^(true|1|yes)$/i.test((cells[i] ?? '').trim());
    const rank = truthy(mane) ? 0 : truthy(canonical) ? 1 : 2;
    const prev = best.get(symbol);
    if (!prev || rank < prev.rank) best.set(symbol, { row, rank });
  }
  return [...best.values()].map((b) => b.row);
}

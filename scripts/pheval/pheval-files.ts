import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { phevalColumns, type PhevalTables } from './pheval-results.js';

/**
 * A score as PhEval's reader must see it: the shortest decimal that reads back as the same double (so two different
 * scores stay different and equal ones stay equal), always with a decimal point or an exponent, so that a reader that
 * infers types (polars) takes the column as Float64, the type PhEval's schema requires, even when a score is whole.
 */
export function formatScore(x: number): string {
  const s = String(x);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

const cell = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : formatScore(v)) : v.replace(/[\t\r\n]+/g, ' '));

function tsv(columns: readonly string[], rows: readonly object[]): string {
  const lines = [columns.join('\t')];
  for (const r of rows) lines.push(columns.map((c) => (c === 'score' ? formatScore((r as Record<string, number>)[c]!) : cell((r as Record<string, string | number>)[c]!))).join('\t'));
  return `${lines.join('\n')}\n`;
}

/**
 * The name a case's result files carry: the phenopacket file's name without `.json` (PhEval aligns results to
 * phenopackets by this stem), else the phenopacket id, with characters a file name cannot hold replaced.
 */
export function resultStem(file: string | undefined, id: string): string {
  const raw = file ? basename(file).replace(/\.json$/i, '') : id;
  return raw.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || 'case';
}

/**
 * Writes `<stem>-gene_result.tsv`, `<stem>-disease_result.tsv` and, for a case with a VCF, `<stem>-variant_result.tsv`
 * into one folder (tab-separated, a header line, the columns of `phevalColumns`). A stem used twice in one run (two
 * cases with one id in a `.jsonl`) gets `_2`, `_3`, ... so that no case overwrites another.
 */
export class PhevalResultWriter {
  private readonly used = new Map<string, number>();
  files = 0;
  cases = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  write(stem: string, tables: PhevalTables): string {
    const n = (this.used.get(stem) ?? 0) + 1;
    this.used.set(stem, n);
    const name = n === 1 ? stem : `${stem}_${n}`;
    writeFileSync(join(this.dir, `${name}-gene_result.tsv`), tsv(phevalColumns.gene, tables.gene));
    writeFileSync(join(this.dir, `${name}-disease_result.tsv`), tsv(phevalColumns.disease, tables.disease));
    this.files += 2;
    if (tables.hasVariants) {
      writeFileSync(join(this.dir, `${name}-variant_result.tsv`), tsv(phevalColumns.variant, tables.variant));
      this.files += 1;
    }
    this.cases += 1;
    return name;
  }
}

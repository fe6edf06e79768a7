import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { expectedCopies } from './expected-copies.js';
import { InputError } from '../../common/input-error.js';
import { describeFsError } from '../../graph-snapshot/io/line-reader.js';

/**
 * Copy-number calls from a chromosomal microarray or a CNV caller as a file: BED (`chrom start end [type|CN] [CN]`,
 * 0-based half-open as BED is: `chr17 100 200` is bases 101..200) or CSV / TSV with a header naming the columns
 * (1-based inclusive coordinates, as array reports and ISCN give them). A row that does not validate is set aside with
 * its file, line and reason (one bad row must not cost the clinician the rest); a file with no usable row at all is an
 * error naming the file.
 */
export interface CnvCallRecord {
  chrom: string;
  /** 1-based inclusive */
  start: number;
  end: number;
  change: 'deletion' | 'duplication';
  copyNumber?: number;
  assembly?: 'GRCh37' | 'GRCh38';
  /** the copies normally there when not 2 (1 on a male's X outside the pseudoautosomal regions) */
  expectedCopies?: number;
  /** `file:line` */
  source: string;
  line: number;
}

export interface CnvCallList {
  calls: CnvCallRecord[];
  /** rows not used, each naming its file and line and why */
  setAside: string[];
  format: 'bed' | 'table';
}

const COLUMNS: Record<string, string[]> = {
  chrom: ['chrom', 'chr', 'chromosome', 'contig', 'seqname', 'seqid'],
  start: ['start', 'begin', 'from', 'start position', 'chromstart', 'pos', 'position'],
  end: ['end', 'stop', 'to', 'end position', 'chromend'],
  type: ['type', 'svtype', 'cnv type', 'call', 'event', 'class', 'variant type', 'change'],
  cn: ['cn', 'copy number', 'copynumber', 'copy_number', 'cn state', 'state'],
  assembly: ['assembly', 'build', 'genome', 'genome build', 'reference genome'],
};
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const byName = new Map(Object.entries(COLUMNS).flatMap(([key, names]) => names.map((n) => [squash(n), key] as const)));
const ASSEMBLY: Record<string, 'GRCh37' | 'GRCh38'> = { grch37: 'GRCh37', hg19: 'GRCh37', b37: 'GRCh37', grch38: 'GRCh38', hg38: 'GRCh38' };

const LOSS = new Set(['del', 'deletion', 'loss', 'cn loss', 'copy number loss', 'dele', 'hetdel', 'homdel', 'lost', 'monosomy']);
const GAIN = new Set(['dup', 'duplication', 'gain', 'cn gain', 'copy number gain', 'amp', 'amplification', 'triplication', 'tandem duplication']);

/** A type cell: DEL / DUP / loss / gain / `<DEL>` / `CN=1` / `CN1`; undefined when it says neither. */
export function readTypeCell(cell: string): { change?: 'deletion' | 'duplication'; copyNumber?: number } | undefined {
  const t = squash(cell.replace(/^<|>$/g, '').replace(/:.*/, ''));
  if (LOSS.has(t)) return { change: 'deletion' };
  if (GAIN.has(t)) return { change: 'duplication' };
  const cn = /^(?:cn\s*)?(\d{1,2})$/.exec(t);
  if (cn) return { copyNumber: Number(cn[1]) };
  return undefined;
}

const position = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const n = typeof v === 'number' ? v : /^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1) ctx.addIssue({ code: 'custom', message: `"${String(v).slice(0, 20)}" is not a position (a whole number ≥ 1)` });
    return n;
  });
const chromosome = z
  .string()
  .transform((v) => v.trim().replace(/^chr/i, '').toUpperCase().replace(/^M$/, 'MT'))
  .pipe(z.string().regex(/^(?:[1-9]|1\d|2[0-2]|X|Y|MT)$/, 'a chromosome 1-22, X, Y or MT'));
const rowSchema = z
  .object({
    chrom: chromosome,
    start: position,
    end: position,
    change: z.enum(['deletion', 'duplication'], 'a type DEL/DUP, deletion/duplication or loss/gain').optional(),
    copyNumber: z.number('a copy number 0-99').int().min(0).max(99).optional(),
    assembly: z.enum(['GRCh37', 'GRCh38']).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.end < r.start) ctx.addIssue({ code: 'custom', message: `end ${r.end} before start ${r.start}` });
    if (r.change === undefined && r.copyNumber === undefined) ctx.addIssue({ code: 'custom', message: 'neither a type (DEL/DUP, loss/gain) nor a copy number' });
  });

const issueText = (e: z.ZodError) => e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

const MAX_BYTES = 50 * 1024 * 1024;

/** Parses the text of a CNV call file; `file` names it in messages. BED when the file name says so or no header is found. */
export function parseCnvCalls(text: string, file: string, defaults: { assembly?: 'GRCh37' | 'GRCh38'; sex?: string } = {}): CnvCallList {
  const clean = text.replace(/^\uFEFF/, '');
  const lines = clean.split(/\r?\n/);
  const firstData = lines.find((l) => l.trim() !== '' && !l.startsWith('#') && !/^(track|browser)\b/.test(l)) ?? '';
  const delimiter = firstData.includes('\t') ? '\t' : firstData.split(';').length > firstData.split(',').length ? ';' : firstData.includes(',') ? ',' : ' ';
  const cells = firstData.split(delimiter === ' ' ? /\s+/ : delimiter).map((c) => c.trim());
  // BED: no header, the second and third cells are numbers
  const bed = /\.bed(\.txt)?$/i.test(file) || (cells.length >= 3 && /^\d+$/.test(cells[1] ?? '') && /^\d+$/.test(cells[2] ?? ''));
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(clean, {
      delimiter: delimiter === ' ' ? [' ', '\t'] : delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      comment: '#',
      comment_no_infix: true,
      trim: true,
      info: true,
      bom: true,
      relax_quotes: true,
    }) as unknown as typeof rows;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputError(file, line, `not a BED / CSV / TSV table: ${(err as Error).message.replace(/^Invalid [^:]*: /, '')}`, { cause: err });
  }
  rows = rows.filter((r) => !/^(track|browser)$/.test(r.record[0] ?? '') && r.record.some((c) => c !== ''));
  const setAside: string[] = [];
  const calls: CnvCallRecord[] = [];
  const accept = (entry: Record<string, unknown>, line: number) => {
    const where = `${file}:${line}`;
    const parsed = rowSchema.safeParse(entry);
    if (!parsed.success) {
      setAside.push(`${where}: ${issueText(parsed.error)}: row set aside`);
      return;
    }
    const r = parsed.data;
    const assembly = r.assembly ?? defaults.assembly;
    // the copies expected here: 2, or 1 on a male's X outside the pseudoautosomal regions (expected-copies.ts)
    const expected = expectedCopies(r.chrom, r.start, defaults.sex, assembly);
    const cn = r.copyNumber;
    const why =
      r.change === undefined && cn === expected ? `copy number ${cn}: no change${expected !== 2 ? ' (the copies expected here for the sex)' : ''}`
      : r.change === 'deletion' && cn !== undefined && cn >= expected ? `deletion with copy number ${cn}${expected !== 2 ? ` (${expected} expected here)` : ''}`
      : r.change === 'duplication' && cn !== undefined && cn <= expected ? `duplication with copy number ${cn}${expected !== 2 ? ` (${expected} expected here)` : ''}`
      : undefined;
    if (why) {
      setAside.push(`${where}: ${why}: row set aside`);
      return;
    }
    const change = r.change ?? (cn! < expected ? 'deletion' : 'duplication');
    calls.push({ chrom: r.chrom, start: r.start, end: r.end, change, ...(r.copyNumber !== undefined ? { copyNumber: r.copyNumber } : {}), ...(assembly ? { assembly } : {}), ...(expected !== 2 ? { expectedCopies: expected } : {}), source: where, line });
  };
  if (bed) {
    for (const { record, info } of rows) {
      const [chrom, start, end, ...rest] = record;
      const entry: Record<string, unknown> = { chrom };
      // BED is 0-based half-open: the first base is start + 1, the last is end
      if (start !== undefined && /^\d+$/.test(start)) entry['start'] = Number(start) + 1;
      else entry['start'] = start;
      entry['end'] = end;
      if (end === undefined || end === '') {
        setAside.push(`${file}:${info.lines}: no end column (a BED row is chrom, start, end): row set aside`);
        continue;
      }
      // the fourth column names the type or the copy number; a fifth numeric column is the copy number
      for (const cell of rest.slice(0, 2)) {
        const t = readTypeCell(cell);
        if (t?.change && entry['change'] === undefined) entry['change'] = t.change;
        else if (t?.copyNumber !== undefined && entry['copyNumber'] === undefined) entry['copyNumber'] = t.copyNumber;
      }
      accept(entry, info.lines);
    }
  } else {
    if (rows.length === 0) throw new InputError(file, undefined, 'empty: no header row and no calls');
    const header = rows[0]!.record.map((h) => byName.get(squash(h)));
    for (const k of ['chrom', 'start', 'end'] as const) {
      if (!header.includes(k)) throw new InputError(file, rows[0]!.info.lines, `the header has no ${k} column (chrom, start, end, type or CN): is the first row the header?`);
    }
    if (!header.includes('type') && !header.includes('cn')) throw new InputError(file, rows[0]!.info.lines, 'the header names neither a type (DEL/DUP) nor a copy-number (CN) column');
    for (const { record, info } of rows.slice(1)) {
      const entry: Record<string, unknown> = {};
      header.forEach((key, i) => {
        const cell = (record[i] ?? '').replace(/,/g, key === 'start' || key === 'end' ? '' : ',');
        if (key === undefined || cell === '' || cell === '.' || cell === '-') return;
        if (key === 'type') {
          const t = readTypeCell(cell);
          if (t?.change) entry['change'] = t.change;
          else if (t?.copyNumber !== undefined) entry['copyNumber'] ??= t.copyNumber;
          else entry['change'] = cell; // fails validation, naming the value
        } else if (key === 'cn') {
          entry['copyNumber'] = /^\d+$/.test(cell) ? Number(cell) : (readTypeCell(cell)?.copyNumber ?? cell);
        } else if (key === 'assembly') {
          entry['assembly'] = ASSEMBLY[cell.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? cell;
        } else entry[key] = cell;
      });
      if (entry['end'] === undefined) {
        setAside.push(`${file}:${info.lines}: no end: row set aside`);
        continue;
      }
      accept(entry, info.lines);
    }
  }
  if (calls.length === 0) {
    const why = setAside.length ? `: ${setAside.slice(0, 3).join('; ')}` : '';
    throw new InputError(file, undefined, `no usable copy-number call${why}`);
  }
  return { calls, setAside, format: bed ? 'bed' : 'table' };
}

/** Reads a BED / CSV / TSV file of CNV calls (at most 50 MB). */
export async function readCnvCallFile(path: string, defaults: { assembly?: 'GRCh37' | 'GRCh38'; sex?: string } = {}): Promise<CnvCallList> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, undefined, 'is a directory, expected a BED, CSV or TSV file of CNV calls');
    if (info.size > MAX_BYTES) throw new InputError(path, undefined, 'larger than 50 MB: not a CNV call file');
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, undefined, describeFsError(err), { cause: err });
  }
  return parseCnvCalls(text, path, defaults);
}

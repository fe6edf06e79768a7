import { readLines } from './line-reader.js';
import { InputError } from '../../common/input-error.js';

export interface TsvRow {
  cells: string[];
  line: number;
}

export interface TsvOptions {
  /** lines starting with this are comments (skipped) until the header is seen */
  commentPrefix?: string;
  /** columns that must appear in the header; their indexes are returned by `column()` */
  requiredColumns: readonly string[];
  /** strict: every data row must have exactly the header's column count (default true) */
  strictColumnCount?: boolean;
  /** accept a header line whose first cell is prefixed with '#' (old HPO files) */
  headerMayStartWithComment?: boolean;
  /** match column names ignoring underscores too (phenotype.hpoa before 2023-04 wrote DatabaseID, HPO_ID, ...) */
  ignoreUnderscores?: boolean;
}

export interface TsvTable {
  header: string[];
  headerLine: number;
  /** comment lines that preceded the header, without the prefix */
  preamble: string[];
  column(name: string): number;
  rows: AsyncGenerator<TsvRow>;
}

/**
 * Reads a tab-separated file with a header row, streaming. The header must name every required column;
 * a data row with the wrong number of cells is an error naming file and line.
 */
export async function openTsv(path: string, options: TsvOptions): Promise<TsvTable> {
  const lines = readLines(path);
  const comment = options.commentPrefix ?? '#';
  const key = (name: string) => (options.ignoreUnderscores ? name.trim().toLowerCase().replace(/_/g, '') : name.trim().toLowerCase());
  const preamble: string[] = [];
  let header: string[] | undefined;
  let headerLine = 0;
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    const { text, line } = next.value;
    if (text.trim() === '') continue;
    if (text.startsWith(comment)) {
      const maybeHeader = text.slice(comment.length).split('\t');
      if (options.headerMayStartWithComment && options.requiredColumns.every((c) => maybeHeader.some((h) => key(h) === key(c)))) {
        header = maybeHeader;
        headerLine = line;
        break;
      }
      preamble.push(text.slice(comment.length).trim());
      continue;
    }
    header = text.split('\t');
    headerLine = line;
    break;
  }
  if (!header) throw new InputError(path, undefined, 'file is empty: no header row found');
  const names = header.map((h) => h.trim());
  const index = new Map<string, number>();
  names.forEach((h, i) => index.set(key(h), i));
  const missing = options.requiredColumns.filter((c) => !index.has(key(c)));
  if (missing.length > 0) {
    throw new InputError(path, headerLine, `header lacks column(s) ${missing.join(', ')}; found: ${names.join(', ')}`);
  }
  const width = names.length;
  const strict = options.strictColumnCount ?? true;
  async function* rows(): AsyncGenerator<TsvRow> {
    for await (const { text, line } of lines) {
      if (text === '') continue;
      const cells = text.split('\t');
      if (cells.length !== width) {
        if (strict || cells.length < width) {
          throw new InputError(path, line, `expected ${width} tab-separated columns, found ${cells.length}`);
        }
      }
      yield { cells, line };
    }
  }
  return {
    header: names,
    headerLine,
    preamble,
    column(name: string): number {
      const i = index.get(key(name));
      if (i === undefined) throw new InputError(path, headerLine, `no column ${name}`);
      return i;
    },
    rows: rows(),
  };
}

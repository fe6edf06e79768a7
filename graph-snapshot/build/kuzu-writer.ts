import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import kuzu from 'kuzu';
import { createStatements, nodeTables, relTables, type Cell, type ColumnSpec, type KuzuType } from './kuzu-schema.js';
import type { Knowledge } from './knowledge.js';

// Staging files are tab-separated with quoting and escaping switched off (control characters that never occur
// in the data), so no value needs quoting. List elements are joined with the ASCII unit separator.
const DELIM = '\t';
const NO_QUOTE = '\u0002';
const NO_ESCAPE = '\u0003';
const LIST_SEP = '\u001f';
const csvOptions = `HEADER=true, DELIM='${DELIM}', QUOTE='${NO_QUOTE}', ESCAPE='${NO_ESCAPE}'`;

const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ');

function formatCell(value: Cell, type: KuzuType): string {
  if (value === null || value === undefined) return '';
  if (type === 'STRING[]') return (value as string[]).map(clean).filter((s) => s !== '').join(LIST_SEP);
  if (type === 'BOOLEAN') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return clean(String(value));
}

async function writeStaging<T>(path: string, header: string[], rows: readonly T[], cells: (row: T) => string[]): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  out.write(`${header.join(DELIM)}\n`);
  let buffer = '';
  for (const row of rows) {
    buffer += `${cells(row).join(DELIM)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

const cypherPath = (p: string) => p.replace(/\\/g, '/').replace(/'/g, "\\'");

function loadExpression(c: ColumnSpec<unknown>): string {
  if (c.type !== 'STRING[]') return `${c.name}: ${c.name}`;
  return `${c.name}: CASE WHEN ${c.name} IS NULL OR ${c.name} = '' THEN CAST([] AS STRING[]) ELSE string_split(${c.name}, '${LIST_SEP}') END`;
}

/** Scalar staging type for LOAD FROM (lists are staged as one string and split in Cypher). */
const stagingType = (t: KuzuType) => (t === 'STRING[]' ? 'STRING' : t);

/**
 * Creates the schema in a fresh Kuzu database and bulk-loads the knowledge: node tables through
 * `LOAD FROM ... CREATE` (to turn staged strings into lists), relationship tables through `COPY FROM`.
 * Every table's row count is checked after loading. Returns the counts per table.
 */
export async function writeKuzu(
  dbPath: string,
  knowledge: Knowledge,
  stagingDir: string,
  report: (fraction: number) => void,
): Promise<Record<string, number>> {
  const db = new kuzu.Database(dbPath);
  const conn = new kuzu.Connection(db);
  const counts: Record<string, number> = {};
  const run = async (q: string) => {
    const r = await conn.query(q);
    for (const x of Array.isArray(r) ? r : [r]) x.close();
  };
  try {
    for (const statement of createStatements()) await run(statement);
    const total = nodeTables.length + relTables.length;
    let done = 0;
    for (const t of nodeTables) {
      const rows = t.rows(knowledge);
      const file = join(stagingDir, `${t.name}.csv`);
      await writeStaging(file, t.columns.map((c) => c.name), rows, (r) => t.columns.map((c) => formatCell(c.get(r), c.type)));
      const typed = t.columns.map((c) => `${c.name} ${stagingType(c.type)}`).join(', ');
      await run(
        `LOAD WITH HEADERS (${typed}) FROM '${cypherPath(file)}' (${csvOptions}) CREATE (:${t.name} {${t.columns.map(loadExpression).join(', ')}})`,
      );
      counts[t.name] = await countOf(conn, `MATCH (n:${t.name}) RETURN count(n) AS n`);
      if (counts[t.name] !== rows.length) throw new Error(`Kuzu loaded ${counts[t.name]} of ${rows.length} ${t.name} rows`);
      report(++done / total);
    }
    for (const t of relTables) {
      const rows = t.rows(knowledge);
      const file = join(stagingDir, `${t.name}.csv`);
      await writeStaging(file, ['from', 'to', ...t.columns.map((c) => c.name)], rows, (r) => [
        String(t.fromKey(r)),
        String(t.toKey(r)),
        ...t.columns.map((c) => formatCell(c.get(r), c.type)),
      ]);
      await run(`COPY ${t.name} FROM '${cypherPath(file)}' (${csvOptions})`);
      counts[t.name] = await countOf(conn, `MATCH ()-[r:${t.name}]->() RETURN count(r) AS n`);
      if (counts[t.name] !== rows.length) throw new Error(`Kuzu loaded ${counts[t.name]} of ${rows.length} ${t.name} rows`);
      report(++done / total);
    }
    await run('CHECKPOINT');
  } finally {
    await conn.close();
    await db.close();
  }
  return counts;
}

async function countOf(conn: kuzu.Connection, q: string): Promise<number> {
  const r = await conn.query(q);
  const res = Array.isArray(r) ? r[0]! : r;
  const rows = await res.getAll();
  res.close();
  return Number(rows[0]?.['n'] ?? 0);
}

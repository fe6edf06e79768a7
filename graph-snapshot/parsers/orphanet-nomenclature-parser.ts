import { openTsv } from '../io/tsv-reader.js';
import { InputError } from '../../common/input-error.js';

export interface OrphaEntry {
  id: string;
  name: string;
  synonyms: string[];
  /** Disorder, Group of disorders, Subtype of disorder */
  level: string;
}

export interface OrphaSuccession {
  inactiveId: string;
  status: string;
  targetId?: string;
}

function orphaCurie(path: string, line: number, cell: string): string {
  const m = /^(?:ORPHA:|Orphanet:)?(\d+)$/.exec(cell.trim());
  if (!m) throw new InputError(path, line, `"${cell}" is not an ORPHAcode`);
  return `ORPHA:${m[1]}`;
}

/** Orphanet's list of active codes: one row per label (main name or synonym). */
export async function parseOrphaNames(path: string): Promise<Map<string, OrphaEntry>> {
  const table = await openTsv(path, { requiredColumns: ['ORPHAcode', 'Label', 'Type of label', 'Classification level'] });
  const [c, l, t, lv] = ['ORPHAcode', 'Label', 'Type of label', 'Classification level'].map((x) => table.column(x)) as [
    number,
    number,
    number,
    number,
  ];
  const entries = new Map<string, OrphaEntry>();
  for await (const { cells, line } of table.rows) {
    const id = orphaCurie(path, line, cells[c] ?? '');
    let entry = entries.get(id);
    if (!entry) {
      entry = { id, name: '', synonyms: [], level: (cells[lv] ?? '').trim() };
      entries.set(id, entry);
    }
    const label = (cells[l] ?? '').trim();
    if ((cells[t] ?? '').trim().toLowerCase() === 'main name') entry.name = label;
    else if (label) entry.synonyms.push(label);
  }
  for (const e of entries.values()) if (!e.name) e.name = e.synonyms.shift() ?? e.id;
  return entries;
}

/** Deprecated / obsoleted codes and the active code that replaces them. */
export async function parseOrphaSuccessions(path: string): Promise<OrphaSuccession[]> {
  const table = await openTsv(path, { requiredColumns: ['Inactive ORPHAcode', 'Status', 'Target active ORPHAcode'] });
  const [c, s, t] = ['Inactive ORPHAcode', 'Status', 'Target active ORPHAcode'].map((x) => table.column(x)) as [
    number,
    number,
    number,
  ];
  const out: OrphaSuccession[] = [];
  for await (const { cells, line } of table.rows) {
    const target = (cells[t] ?? '').trim();
    out.push({
      inactiveId: orphaCurie(path, line, cells[c] ?? ''),
      status: (cells[s] ?? '').trim(),
      targetId: target ? orphaCurie(path, line, target) : undefined,
    });
  }
  return out;
}

/** ICD-10 or ICD-11 codes per ORPHAcode from the nomenclature master file (first code column found). */
export async function parseOrphaIcd(path: string, codeColumn: string): Promise<Map<string, string[]>> {
  const table = await openTsv(path, { requiredColumns: ['ORPHAcode', codeColumn], strictColumnCount: false });
  const c = table.column('ORPHAcode');
  const k = table.column(codeColumn);
  const out = new Map<string, string[]>();
  for await (const { cells, line } of table.rows) {
    const codes = (cells[k] ?? '').split(/[;,|]/).map((x) => x.trim()).filter(Boolean);
    if (codes.length === 0) continue;
    const id = orphaCurie(path, line, cells[c] ?? '');
    const list = out.get(id) ?? [];
    for (const code of codes) if (!list.includes(code)) list.push(code);
    out.set(id, list);
  }
  return out;
}

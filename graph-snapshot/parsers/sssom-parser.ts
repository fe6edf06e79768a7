import { openTsv } from '../io/tsv-reader.js';

export interface SssomMapping {
  subjectId: string;
  subjectLabel: string;
  predicateId: string;
  objectId: string;
  objectLabel: string;
  line: number;
}

export interface SssomDocument {
  /** `mapping_set_version` from the YAML preamble */
  version?: string;
  mappings: SssomMapping[];
}

/** Orphanet uses two prefixes in the wild; the snapshot normalises to ORPHA. */
export function normaliseDiseaseCurie(id: string): string {
  const trimmed = id.trim();
  if (trimmed.startsWith('Orphanet:')) return `ORPHA:${trimmed.slice('Orphanet:'.length)}`;
  if (trimmed.startsWith('ORPHANET:')) return `ORPHA:${trimmed.slice('ORPHANET:'.length)}`;
  if (trimmed.startsWith('MIM:')) return `OMIM:${trimmed.slice(4)}`;
  return trimmed;
}

/** Streams an SSSOM TSV (with its `#` YAML preamble) and returns its mappings with normalised CURIEs. */
export async function parseSssom(path: string): Promise<SssomDocument> {
  const table = await openTsv(path, {
    requiredColumns: ['subject_id', 'predicate_id', 'object_id'],
    strictColumnCount: false,
  });
  const s = table.column('subject_id');
  const p = table.column('predicate_id');
  const o = table.column('object_id');
  const sl = table.header.findIndex((h) => h === 'subject_label');
  const ol = table.header.findIndex((h) => h === 'object_label');
  const doc: SssomDocument = { mappings: [] };
  for (const line of table.preamble) {
    const m = /^mapping_set_version:\s*(\S+)/.exec(line);
    if (m) doc.version = m[1];
  }
  for await (const { cells, line } of table.rows) {
    doc.mappings.push({
      subjectId: normaliseDiseaseCurie(cells[s] ?? ''),
      subjectLabel: sl >= 0 ? (cells[sl] ?? '').trim() : '',
      predicateId: (cells[p] ?? '').trim(),
      objectId: normaliseDiseaseCurie(cells[o] ?? ''),
      objectLabel: ol >= 0 ? (cells[ol] ?? '').trim() : '',
      line,
    });
  }
  return doc;
}

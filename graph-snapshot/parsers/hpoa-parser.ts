import { openTsv } from '../io/tsv-reader.js';
import { InputError } from '../../common/input-error.js';
import { SkipLog } from '../io/skip-log.js';
import { parseFrequency } from './hpo-frequency.js';

export type Aspect = 'P' | 'I' | 'C' | 'M' | 'H';

export interface HpoaRow {
  diseaseId: string;
  diseaseName: string;
  /** the NOT qualifier: the disease is explicitly annotated as lacking the feature */
  negated: boolean;
  hpoId: string;
  references: string[];
  evidence?: string;
  onset?: string;
  /** 0..1, undefined when the file gives none */
  frequency?: number;
  frequencyRaw?: string;
  sex?: 'MALE' | 'FEMALE';
  modifiers: string[];
  aspect: Aspect;
  biocuration?: string;
  line: number;
}

export interface HpoaDocument {
  /** `#version:` or `#date:` header */
  version?: string;
  rows: HpoaRow[];
}

const columns = [
  'database_id',
  'disease_name',
  'qualifier',
  'hpo_id',
  'reference',
  'evidence',
  'onset',
  'frequency',
  'sex',
  'modifier',
  'aspect',
  'biocuration',
] as const;

const aspects = new Set(['P', 'I', 'C', 'M', 'H']);

/**
 * Streams phenotype.hpoa (plain or gzip), all 12 columns. Empty cells are accepted. Frequencies in any of the
 * three notations are parsed; an unparseable frequency keeps the annotation, drops the frequency and is
 * counted in `skips` (real releases have contained a few).
 */
export async function parseHpoa(path: string, skips = new SkipLog()): Promise<HpoaDocument> {
  const table = await openTsv(path, { requiredColumns: columns, headerMayStartWithComment: true, ignoreUnderscores: true });
  const col = Object.fromEntries(columns.map((c) => [c, table.column(c)])) as Record<(typeof columns)[number], number>;
  const doc: HpoaDocument = { rows: [] };
  for (const p of table.preamble) {
    const m = /^(version|date):\s*(.+)$/.exec(p);
    if (m && !doc.version) doc.version = m[2]!.trim();
  }
  for await (const { cells, line } of table.rows) {
    const get = (c: (typeof columns)[number]) => (cells[col[c]] ?? '').trim();
    const diseaseId = get('database_id');
    const hpoId = get('hpo_id');
    if (!/^[A-Za-z]+:\S+$/.test(diseaseId)) throw new InputError(path, line, `database_id "${diseaseId}" is not a CURIE`);
    if (!/^HP:\d{7}$/.test(hpoId)) throw new InputError(path, line, `hpo_id "${hpoId}" is not an HPO id`);
    const qualifier = get('qualifier').toUpperCase();
    if (qualifier !== '' && qualifier !== 'NOT') throw new InputError(path, line, `qualifier "${qualifier}" is not empty or NOT`);
    const aspect = get('aspect').toUpperCase();
    if (!aspects.has(aspect)) throw new InputError(path, line, `aspect "${aspect}" is not one of P, I, C, M, H`);
    const sexCell = get('sex').toUpperCase();
    if (sexCell !== '' && sexCell !== 'MALE' && sexCell !== 'FEMALE') {
      throw new InputError(path, line, `sex "${get('sex')}" is not MALE or FEMALE`);
    }
    const freqRaw = get('frequency');
    const freq = parseFrequency(freqRaw);
    let frequency: number | undefined;
    if (freq.ok) frequency = freq.value;
    else skips.add('unparseable frequency (annotation kept without it)', path, line, freq.reason);
    const split = (s: string) => (s === '' ? [] : s.split(';').map((x) => x.trim()).filter(Boolean));
    doc.rows.push({
      diseaseId,
      diseaseName: get('disease_name'),
      negated: qualifier === 'NOT',
      hpoId,
      references: split(get('reference')),
      evidence: get('evidence') || undefined,
      onset: get('onset') || undefined,
      frequency,
      frequencyRaw: freqRaw || undefined,
      sex: (sexCell || undefined) as HpoaRow['sex'],
      modifiers: split(get('modifier')),
      aspect: aspect as Aspect,
      biocuration: get('biocuration') || undefined,
      line,
    });
  }
  return doc;
}

import { InputError } from '../../common/input-error.js';
import { BadRowBudget } from '../io/bad-row-budget.js';
import { readLines } from '../io/line-reader.js';
import type { SkipLog } from '../io/skip-log.js';
import { FeatureTranscripts, featureKind, featureLocation, geneIdOfXrefs, isManeTag } from './feature-transcripts.js';
import type { TranscriptRecord } from './transcript-record.js';

/** GTF attributes (`key "value"; key value;`); repeated keys (tag) are joined with ','. */
export function gtfAttributes(cell: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\s*([^\s;"]+)\s+(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))\s*;?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(cell)) !== null) {
    const value = m[2] ?? m[3] ?? '';
    const prev = out.get(m[1]!);
    out.set(m[1]!, prev === undefined ? value : `${prev},${value}`);
  }
  return out;
}

/**
 * Parses a GTF 2.2 file (GENCODE, Ensembl, NCBI RefSeq), plain or gzip, streaming: exon, CDS, start_codon and
 * stop_codon rows grouped by transcript_id; the symbol from gene_name (GENCODE/Ensembl) or gene (RefSeq), the NCBI
 * gene id from db_xref "GeneID:n", MANE Select from the tags. Bad rows follow bad-row-budget.ts.
 */
export async function parseGtf(path: string, skips: SkipLog): Promise<{ transcripts: TranscriptRecord[]; rows: number }> {
  const budget = new BadRowBudget(path, skips, 'transcript models');
  const collected = new FeatureTranscripts();
  let rows = 0;
  let sawData = false;
  for await (const { text, line } of readLines(path)) {
    if (text === '' || text.startsWith('#')) continue;
    const cells = text.split('\t');
    if (!sawData) {
      sawData = true;
      if (cells.length !== 9 || !/"\s*;?/.test(cells[8] ?? '')) {
        throw new InputError(path, line, `not a GTF file: expected 9 tab-separated columns with "key \\"value\\";" attributes, found ${cells.length} columns`);
      }
    }
    rows += 1;
    if (cells.length !== 9) {
      budget.bad(line, `expected 9 columns, found ${cells.length}`, text);
      continue;
    }
    const feature = cells[2]!;
    const kind = featureKind(feature);
    if (kind === undefined) continue;
    const at = featureLocation(cells, line, text, path, budget, skips);
    if (!at) continue;
    const { start, end, strand } = at;
    const attrs = gtfAttributes(cells[8]!);
    const tx = attrs.get('transcript_id');
    if (!tx) {
      budget.bad(line, `${feature} row without transcript_id`, text);
      continue;
    }
    collected.add(tx, kind, at.chrom, strand, start, end, line, () => {
      const n = Number(attrs.get('exon_number'));
      return {
        id: tx,
        symbol: attrs.get('gene_name') ?? attrs.get('gene') ?? '',
        ncbiGeneId: geneIdOfXrefs(attrs.get('db_xref')),
        mane: isManeTag(attrs.get('tag')),
        exonNumber: Number.isInteger(n) && n > 0 ? n : undefined,
      };
    });
  }
  if (!sawData) throw new InputError(path, undefined, 'no feature rows: the file is empty');
  const transcripts = collected.finish(budget);
  budget.settle(rows);
  return { transcripts, rows };
}

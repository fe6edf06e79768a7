import { InputError } from '../../common/input-error.js';
import { BadRowBudget } from '../io/bad-row-budget.js';
import { readLines } from '../io/line-reader.js';
import type { SkipLog } from '../io/skip-log.js';
import { FeatureTranscripts, featureKind, featureLocation, geneIdOfXrefs, isManeTag } from './feature-transcripts.js';
import type { TranscriptRecord } from './transcript-record.js';

/** GFF3 attributes (`key=value;key=v1,v2`), values percent-decoded; multi-valued ones keep their commas. */
export function gff3Attributes(cell: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of cell.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.includes('%')) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // a stray % is kept as written
      }
    }
    out.set(key, value);
  }
  return out;
}

/** A gene or transcript row: what the exons' parents say about themselves. */
interface ParentRow {
  attrs: Map<string, string>;
}

const stripPrefix = (id: string) => id.replace(/^(?:rna-|transcript:|gene-|gene:)/, '');

/**
 * Parses a GFF3 file (NCBI RefSeq, GENCODE, Ensembl), plain or gzip, streaming: exon, CDS, start_codon and
 * stop_codon rows grouped by their Parent (a transcript row's ID); the transcript's accession from its
 * transcript_id, else its Name, else its ID; the symbol from gene / gene_name on the transcript or its parent gene;
 * the NCBI gene id from Dbxref GeneID; MANE Select from the tags. Contigs may be RefSeq accessions (NC_000017.11).
 * Reading stops at a ##FASTA section. Bad rows follow bad-row-budget.ts.
 */
export async function parseGff3(path: string, skips: SkipLog): Promise<{ transcripts: TranscriptRecord[]; rows: number }> {
  const budget = new BadRowBudget(path, skips, 'transcript models');
  const collected = new FeatureTranscripts();
  const parents = new Map<string, ParentRow>();
  let rows = 0;
  let sawData = false;
  for await (const { text, line } of readLines(path)) {
    if (text === '') continue;
    if (text.startsWith('#')) {
      if (text.startsWith('##FASTA')) break;
      continue;
    }
    const cells = text.split('\t');
    if (!sawData) {
      sawData = true;
      if (cells.length !== 9 || !(cells[8] ?? '').includes('=')) {
        throw new InputError(path, line, `not a GFF3 file: expected 9 tab-separated columns with key=value attributes, found ${cells.length} columns`);
      }
    }
    rows += 1;
    if (cells.length !== 9) {
      budget.bad(line, `expected 9 columns, found ${cells.length}`, text);
      continue;
    }
    const type = cells[2]!;
    const kind = featureKind(type);
    const attrs = gff3Attributes(cells[8]!);
    if (kind === undefined) {
      const id = attrs.get('ID');
      if (id) parents.set(id, { attrs });
      continue;
    }
    const at = featureLocation(cells, line, text, path, budget, skips);
    if (!at) continue;
    const { start, end, strand } = at;
    const parentList = attrs.get('Parent');
    if (!parentList) {
      budget.bad(line, `${type} row without Parent`, text);
      continue;
    }
    for (const parent of parentList.split(',')) {
      collected.add(parent, kind, at.chrom, strand, start, end, line, () => ({
        id: stripPrefix(parent),
        symbol: attrs.get('gene') ?? attrs.get('gene_name') ?? '',
        ncbiGeneId: geneIdOfXrefs(attrs.get('Dbxref')),
        mane: isManeTag(attrs.get('tag')),
      }));
    }
  }
  if (!sawData) throw new InputError(path, undefined, 'no feature rows: the file is empty');
  for (const key of collected.keys()) {
    const tx = parents.get(key)?.attrs;
    if (!tx) continue;
    const geneRow = tx.get('Parent') ? parents.get(tx.get('Parent')!.split(',')[0]!)?.attrs : undefined;
    collected.describe(key, {
      id: tx.get('transcript_id') ?? tx.get('Name') ?? stripPrefix(key),
      symbol: tx.get('gene') ?? tx.get('gene_name') ?? geneRow?.get('gene') ?? geneRow?.get('gene_name') ?? geneRow?.get('Name'),
      ncbiGeneId: geneIdOfXrefs(tx.get('Dbxref')) || geneIdOfXrefs(geneRow?.get('Dbxref')),
      mane: isManeTag(tx.get('tag')),
    });
  }
  const transcripts = collected.finish(budget);
  budget.settle(rows);
  return { transcripts, rows };
}

import { InputError } from '../../common/input-error.js';
import { readLines } from '../io/line-reader.js';
import type { SkipLog } from '../io/skip-log.js';
import { parseGenePred } from './genepred-parser.js';
import { parseGff3 } from './gff3-parser.js';
import { parseGtf } from './gtf-parser.js';
import type { TranscriptRecord } from './transcript-record.js';

export type TranscriptFormat = 'gtf' | 'gff3' | 'refFlat' | 'genePred' | 'knownGene' | 'genePredExt' | 'refGene';

export interface TranscriptDocument {
  file: string;
  format: TranscriptFormat;
  transcripts: TranscriptRecord[];
  /** data rows read (features for GTF/GFF3, transcripts for genePred tables) */
  rows: number;
}

/**
 * Tells the transcript format from the content, not the name: a `##gff-version 3` line or key=value attributes is
 * GFF3, `key "value";` attributes GTF, anything else one of the UCSC genePred tables (by column count).
 */
export async function detectTranscriptFormat(path: string): Promise<'gtf' | 'gff3' | 'genePred'> {
  for await (const { text, line } of readLines(path)) {
    if (text === '') continue;
    if (text.startsWith('##gff-version 3')) return 'gff3';
    if (text.startsWith('#')) continue;
    const cells = text.split('\t');
    if (cells.length === 9 && /^\S+\s+"/.test(cells[8]!.trim())) return 'gtf';
    if (cells.length === 9 && /^[^=\s]+=/.test(cells[8]!.trim())) return 'gff3';
    if (cells.length >= 10) return 'genePred';
    throw new InputError(path, line, `not a transcript file: ${cells.length} tab-separated columns (expected GTF, GFF3 or a UCSC genePred table such as refFlat)`);
  }
  throw new InputError(path, undefined, 'the transcript file is empty');
}

/** Reads transcript models in any supported format (transcript-record.ts gives the common shape). */
export async function parseTranscriptFile(path: string, skips: SkipLog): Promise<TranscriptDocument> {
  const kind = await detectTranscriptFormat(path);
  if (kind === 'gtf') return { file: path, format: 'gtf', ...(await parseGtf(path, skips)) };
  if (kind === 'gff3') return { file: path, format: 'gff3', ...(await parseGff3(path, skips)) };
  const doc = await parseGenePred(path, skips);
  return { file: path, format: doc.layout, transcripts: doc.transcripts, rows: doc.rows };
}

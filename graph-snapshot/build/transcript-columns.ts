import { isCoding, type TranscriptRecord } from '../parsers/transcript-record.js';
import { TRANSCRIPT_LIFTED, TRANSCRIPT_MANE, TRANSCRIPT_PREFERRED, emptyTranscriptColumns, type TranscriptColumns } from '../snapshot/gene-models.js';

const chromOrder = (c: string) => (c === 'X' ? 23 : c === 'Y' ? 24 : c === 'MT' ? 25 : Number(c) || 26);

const codingLength = (t: TranscriptRecord) => {
  if (!isCoding(t)) return 0;
  let n = 0;
  for (let i = 0; i < t.exonStarts.length; i += 1) n += Math.max(0, Math.min(t.exonEnds[i]!, t.cdsEnd) - Math.max(t.exonStarts[i]!, t.cdsStart));
  return n;
};
const exonicLength = (t: TranscriptRecord) => t.exonStarts.reduce((s, x, i) => s + t.exonEnds[i]! - x, 0);

/** Preferred transcript per gene: MANE Select when a file says so, else the longest CDS, then the longest, then the id. */
export function preferredIds(transcripts: TranscriptRecord[]): Set<TranscriptRecord> {
  const best = new Map<string, TranscriptRecord>();
  const better = (a: TranscriptRecord, b: TranscriptRecord) =>
    a.mane !== b.mane ? a.mane : codingLength(a) !== codingLength(b) ? codingLength(a) > codingLength(b) : exonicLength(a) !== exonicLength(b) ? exonicLength(a) > exonicLength(b) : a.id < b.id;
  for (const t of transcripts) {
    const key = t.ncbiGeneId ? String(t.ncbiGeneId) : `symbol:${t.symbol || t.id}`;
    const prev = best.get(key);
    if (!prev || better(t, prev)) best.set(key, t);
  }
  return new Set(best.values());
}

/**
 * Transcript records as the snapshot's columns (gene-models.ts), sorted by chromosome and start, with the preferred
 * transcript of each gene flagged. `genes` gives the current symbol of each placed transcript.
 */
export function toTranscriptColumns(transcripts: TranscriptRecord[], lifted: boolean, genes: ReadonlyMap<number, { symbol: string }> = new Map()): TranscriptColumns {
  const preferred = preferredIds(transcripts);
  const sorted = [...transcripts].sort((a, b) => chromOrder(a.chrom) - chromOrder(b.chrom) || a.chrom.localeCompare(b.chrom) || a.txStart - b.txStart || a.txEnd - b.txEnd || (a.id < b.id ? -1 : 1));
  const c = emptyTranscriptColumns();
  for (const t of sorted) {
    c.ids.push(t.id);
    c.symbols.push(genes.get(t.ncbiGeneId)?.symbol ?? t.symbol);
    c.ncbiGeneIds.push(t.ncbiGeneId);
    c.chrom.push(t.chrom);
    c.strand.push(t.strand === '+' ? 1 : -1);
    c.txStart.push(t.txStart);
    c.txEnd.push(t.txEnd);
    c.cdsStart.push(t.cdsStart);
    c.cdsEnd.push(t.cdsEnd);
    for (let i = 0; i < t.exonStarts.length; i += 1) {
      c.exonStarts.push(t.exonStarts[i]! - t.txStart);
      c.exonEnds.push(t.exonEnds[i]! - t.txStart);
    }
    c.exonOffsets.push(c.exonStarts.length);
    c.flags.push((preferred.has(t) ? TRANSCRIPT_PREFERRED : 0) | (t.mane ? TRANSCRIPT_MANE : 0) | (lifted ? TRANSCRIPT_LIFTED : 0));
  }
  return c;
}


/**
 * Transcript models of both assemblies and gene constraint, stored beside the graph for the variant annotator: a VCF
 * of 5 million records needs a location per record, which an in-memory interval index gives in microseconds and a
 * graph query cannot. Loaded only when a VCF is read.
 */
export const GENE_MODELS_FORMAT = 'rarediag-gene-models';
export const GENE_MODELS_VERSION = 1;

export const TRANSCRIPT_PREFERRED = 1;
export const TRANSCRIPT_MANE = 2;
/** the model was lifted from the other assembly (no model file of this assembly was given) */
export const TRANSCRIPT_LIFTED = 4;

/**
 * Transcripts of one assembly as columns, sorted by chromosome then start; coordinates 0-based half-open (UCSC);
 * exon starts and ends relative to the transcript start, as CSR over exonOffsets.
 */
export interface TranscriptColumns {
  ids: string[];
  symbols: string[];
  /** NCBI gene id the transcript was placed in (0 when no gene could be matched) */
  ncbiGeneIds: number[];
  chrom: string[];
  /** 1 or -1 */
  strand: number[];
  txStart: number[];
  txEnd: number[];
  /** equal to txEnd for a non-coding transcript */
  cdsStart: number[];
  cdsEnd: number[];
  exonOffsets: number[];
  exonStarts: number[];
  exonEnds: number[];
  /** TRANSCRIPT_PREFERRED | TRANSCRIPT_MANE | TRANSCRIPT_LIFTED */
  flags: number[];
}

/** gnomAD constraint per gene; null where the source gives no value (absent means unknown, not unconstrained). */
export interface ConstraintColumns {
  ncbiIds: number[];
  symbols: string[];
  pli: (number | null)[];
  loeuf: (number | null)[];
  misZ: (number | null)[];
}

export interface GeneModels {
  format: typeof GENE_MODELS_FORMAT;
  version: number;
  snapshotId: string;
  transcripts: { GRCh37: TranscriptColumns; GRCh38: TranscriptColumns };
  constraint: ConstraintColumns;
}

export function emptyTranscriptColumns(): TranscriptColumns {
  return { ids: [], symbols: [], ncbiGeneIds: [], chrom: [], strand: [], txStart: [], txEnd: [], cdsStart: [], cdsEnd: [], exonOffsets: [0], exonStarts: [], exonEnds: [], flags: [] };
}

export function checkGeneModels(value: unknown): string | undefined {
  const t = value as Partial<GeneModels> | undefined;
  if (!t || t.format !== GENE_MODELS_FORMAT) return 'not a gene-models file';
  if (t.version !== GENE_MODELS_VERSION) return `gene models version ${t.version}, this program reads ${GENE_MODELS_VERSION}`;
  for (const build of ['GRCh37', 'GRCh38'] as const) {
    const c = t.transcripts?.[build];
    if (!c) return `no ${build} transcripts section`;
    const n = c.ids.length;
    for (const k of ['symbols', 'ncbiGeneIds', 'chrom', 'strand', 'txStart', 'txEnd', 'cdsStart', 'cdsEnd', 'flags'] as const) {
      if (c[k]?.length !== n) return `${build} ${k} has the wrong length`;
    }
    if (c.exonOffsets?.length !== n + 1) return `${build} exonOffsets has the wrong length`;
    if (c.exonStarts?.length !== c.exonOffsets[n] || c.exonEnds?.length !== c.exonOffsets[n]) return `${build} exon columns have the wrong length`;
  }
  const k = t.constraint;
  if (!k) return 'no constraint section';
  for (const col of ['symbols', 'pli', 'loeuf', 'misZ'] as const) if (k[col]?.length !== k.ncbiIds.length) return `constraint ${col} has the wrong length`;
  return undefined;
}

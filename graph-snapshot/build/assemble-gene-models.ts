import { basename } from 'node:path';
import type { Liftover } from '../liftover/liftover.js';
import { unversioned } from '../parsers/gene-accession-parser.js';
import type { GeneConstraint } from '../parsers/gene-constraint-parser.js';
import type { TranscriptDocument } from '../parsers/transcript-file.js';
import { isCoding, type TranscriptRecord } from '../parsers/transcript-record.js';
import { GENE_MODELS_FORMAT, GENE_MODELS_VERSION, type GeneModels } from '../snapshot/gene-models.js';
import type { GeneNode } from './knowledge.js';
import { toTranscriptColumns } from './transcript-columns.js';
import { liftTranscript } from './transcript-liftover.js';

export interface GeneModelSources {
  /** transcript models as given, per assembly (either may be missing; a given GRCh38 file wins over lifting) */
  grch37?: TranscriptDocument;
  grch38?: TranscriptDocument;
  /** transcript accession (unversioned) → NCBI gene id */
  accessions: Map<string, number>;
  constraint: GeneConstraint[];
  lift37to38: Liftover;
  lift38to37?: Liftover;
}

export interface BuildModelFigures {
  /** "refFlat_hg19_2011.txt.gz (refFlat)", "lifted from GRCh37", or "none" */
  origin: string;
  transcripts: number;
  coding: number;
  /** genes with at least one transcript */
  genes: number;
  /** transcripts placed in no known gene (kept, shown by accession) */
  unmatched: number;
  /** when lifted: transcripts that could not be carried over, by reason */
  unlifted?: number;
  unliftedByReason?: Record<string, number>;
}

export interface GeneModelFigures {
  GRCh37: BuildModelFigures;
  GRCh38: BuildModelFigures;
  constraint: { genes: number; matched: number; unmatched: number };
}

/**
 * Places each transcript in an NCBI gene: the id the file gives, else its accession (exact, from NCBI's accession
 * table), else its symbol or a unique alias (a 2011 symbol may have been renamed since).
 */
function placeInGenes(transcripts: TranscriptRecord[], sources: GeneModelSources, genes: Map<number, GeneNode>, bySymbol: Map<string, number>): number {
  let unmatched = 0;
  for (const t of transcripts) {
    if (t.ncbiGeneId && genes.has(t.ncbiGeneId)) continue;
    const id = sources.accessions.get(unversioned(t.id)) ?? (t.symbol ? bySymbol.get(t.symbol) : undefined) ?? 0;
    t.ncbiGeneId = id;
    if (!id) unmatched += 1;
  }
  return unmatched;
}

function figuresOf(transcripts: TranscriptRecord[], origin: string, unmatched: number): BuildModelFigures {
  return {
    origin,
    transcripts: transcripts.length,
    coding: transcripts.filter(isCoding).length,
    genes: new Set(transcripts.filter((t) => t.ncbiGeneId).map((t) => t.ncbiGeneId)).size,
    unmatched,
  };
}

/**
 * Transcript models of both assemblies and gene constraint for the variant annotator. An assembly without a model
 * file gets the other assembly's models lifted exon by exon (transcript-liftover.ts), counting what does not lift.
 */
export function assembleGeneModels(snapshotId: string, sources: GeneModelSources, geneList: GeneNode[], bySymbol: Map<string, number>): { models: GeneModels; figures: GeneModelFigures } {
  const genes = new Map(geneList.map((g) => [g.ncbiId, g]));
  const given = { GRCh37: sources.grch37, GRCh38: sources.grch38 };
  const records: { GRCh37: TranscriptRecord[]; GRCh38: TranscriptRecord[] } = { GRCh37: [], GRCh38: [] };
  const figures = {} as GeneModelFigures;
  for (const build of ['GRCh37', 'GRCh38'] as const) {
    const doc = given[build];
    if (!doc) continue;
    records[build] = doc.transcripts.map((t) => ({ ...t }));
    const unmatched = placeInGenes(records[build], sources, genes, bySymbol);
    figures[build] = figuresOf(records[build], `${basename(doc.file)} (${doc.format})`, unmatched);
  }
  const lifted = { GRCh37: false, GRCh38: false };
  for (const [to, from, lift] of [
    ['GRCh38', 'GRCh37', sources.lift37to38],
    ['GRCh37', 'GRCh38', sources.lift38to37],
  ] as const) {
    if (given[to] || !given[from]) continue;
    if (!lift) {
      figures[to] = { origin: 'none', transcripts: 0, coding: 0, genes: 0, unmatched: 0 };
      continue;
    }
    const out: TranscriptRecord[] = [];
    const unliftedByReason: Record<string, number> = {};
    for (const t of records[from]) {
      const l = liftTranscript(t, lift);
      if (typeof l === 'string') unliftedByReason[l] = (unliftedByReason[l] ?? 0) + 1;
      else out.push(l);
    }
    records[to] = out;
    lifted[to] = true;
    const unlifted = Object.values(unliftedByReason).reduce((a, b) => a + b, 0);
    figures[to] = { ...figuresOf(out, `lifted from ${from}`, out.filter((t) => !t.ncbiGeneId).length), unlifted, unliftedByReason };
  }
  for (const build of ['GRCh37', 'GRCh38'] as const) figures[build] ??= { origin: 'none', transcripts: 0, coding: 0, genes: 0, unmatched: 0 };

  const constraint = { ncbiIds: [] as number[], symbols: [] as string[], pli: [] as (number | null)[], loeuf: [] as (number | null)[], misZ: [] as (number | null)[] };
  let unmatchedConstraint = 0;
  const seen = new Set<number>();
  for (const row of sources.constraint) {
    const id = bySymbol.get(row.symbol);
    if (id === undefined || seen.has(id)) {
      unmatchedConstraint += 1;
      continue;
    }
    seen.add(id);
    constraint.ncbiIds.push(id);
    constraint.symbols.push(row.symbol);
    constraint.pli.push(row.pli ?? null);
    constraint.loeuf.push(row.loeuf ?? null);
    constraint.misZ.push(row.misZ ?? null);
  }
  figures.constraint = { genes: sources.constraint.length, matched: constraint.ncbiIds.length, unmatched: unmatchedConstraint };
  return {
    models: {
      format: GENE_MODELS_FORMAT,
      version: GENE_MODELS_VERSION,
      snapshotId,
      transcripts: { GRCh37: toTranscriptColumns(records.GRCh37, lifted.GRCh37, genes), GRCh38: toTranscriptColumns(records.GRCh38, lifted.GRCh38, genes) },
      constraint,
    },
    figures,
  };
}

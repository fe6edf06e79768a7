import { parsePhenopacketCase } from '../case/phenopacket-input.js';
import type { JsonLine } from '../io/jsonl-reader.js';
import { NoObservedTermsError, type PhenotypeRanker } from './ranker.js';

/** One output line of `rarediag rank --phenopackets` (the command-line contract). */
export type RankOutputLine =
  | {
      id: string;
      diseases: { id: string; label: string; mondo: string; score: number; probability: number; rank: number; ids: string[] }[];
      genes: { symbol: string; ncbiGeneId: number; score: number; rank: number; probability: number }[];
      /** input terms that were not used, and why */
      skipped?: { id: string; reason: string }[];
    }
  | { id: string | null; error: string };

const round = (x: number, digits: number) => Number(x.toPrecision(digits));

/**
 * Ranks one input record (a phenopacket or a wrapper). Problems with the record become an `error` line naming the
 * input line, so one bad case never stops a batch.
 */
export function rankPhenopacketRecord(ranker: PhenotypeRanker, rec: JsonLine, top: number): RankOutputLine {
  if (!rec.ok) return { id: null, error: `line ${rec.line}: ${rec.error}` };
  const parsed = parsePhenopacketCase(rec.value);
  if (!parsed.ok) return { id: parsed.id ?? null, error: `line ${rec.line}: ${parsed.error}` };
  const { findings } = parsed;
  try {
    const result = ranker.rank(findings, { top });
    const line: RankOutputLine = {
      id: findings.id,
      diseases: result.diseases.map((d) => ({
        id: d.id,
        label: d.label,
        mondo: d.mondo,
        score: round(d.score, 6),
        probability: round(d.probability, 6),
        rank: d.rank,
        ids: d.ids,
      })),
      genes: result.genes.map((g) => ({ symbol: g.symbol, ncbiGeneId: g.ncbiGeneId, score: round(g.score, 6), rank: g.rank, probability: round(g.probability, 6) })),
    };
    if (result.skipped.length) line.skipped = result.skipped.map((s) => ({ id: s.input, reason: s.impliedBy ? `${s.reason} (${s.impliedBy})` : s.reason }));
    return line;
  } catch (err) {
    if (err instanceof NoObservedTermsError) return { id: findings.id, error: `line ${rec.line}: ${err.message}` };
    throw err;
  }
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../common/input-error.js';
import type { RankOutputLine } from '../../diagnosis/pipeline/phenopacket-run.js';
import { openTsv } from '../../graph-snapshot/io/tsv-reader.js';
import { shardFile, type ShardLine } from './cohort-shards.js';

/** One row of the cohort table: a case's ranked disease or gene, or its error. */
export interface CohortRow {
  case_id: string;
  snapshot_id: string;
  kind: 'disease' | 'gene' | 'error';
  rank: number;
  /** OMIM:/ORPHA: for a disease, NCBIGene: for a gene */
  id: string;
  label: string;
  score: number | '';
  probability: number | '';
  /** a gene's genotype check with a VCF; an error's message */
  note: string;
}

export const cohortColumns = ['case_id', 'snapshot_id', 'kind', 'rank', 'id', 'label', 'score', 'probability', 'note'] as const;

/**
 * Merges the ranked shards of a cohort into one table, in the sheet's order: per case its `top` diseases and genes (or
 * one error row). A shard and its ranked output are read side by side, line for line; a ranked file missing or
 * shorter than its shard (a job that did not finish) is an error naming it.
 */
export function mergeCohort(shardsDir: string, rankedDir: string, shards: number, snapshotId: string, top: number): { rows: CohortRow[]; cases: number; errors: number } {
  const cases: { row: number; rows: CohortRow[] }[] = [];
  let errors = 0;
  for (let i = 0; i < shards; i += 1) {
    const input = readLines(join(shardsDir, shardFile(i)));
    const rankedFile = join(rankedDir, shardFile(i));
    const ranked = readLines(rankedFile);
    if (ranked.length !== input.length) throw new InputError(rankedFile, undefined, `${ranked.length} ranked line(s) for the shard's ${input.length} case(s): the job did not finish (run it again)`);
    input.forEach((text, k) => {
      const c = JSON.parse(text) as ShardLine;
      const r = JSON.parse(ranked[k]!) as RankOutputLine;
      if ('error' in r) {
        errors += 1;
        cases.push({ row: c.row, rows: [{ case_id: c.caseId, snapshot_id: snapshotId, kind: 'error', rank: 0, id: '', label: '', score: '', probability: '', note: r.error }] });
        return;
      }
      const rows: CohortRow[] = [
        ...r.diseases.slice(0, top).map((d) => ({ case_id: c.caseId, snapshot_id: snapshotId, kind: 'disease' as const, rank: d.rank, id: d.id, label: d.label, score: d.score, probability: d.probability, note: '' })),
        ...r.genes.slice(0, top).map((g) => ({
          case_id: c.caseId,
          snapshot_id: snapshotId,
          kind: 'gene' as const,
          rank: g.rank,
          id: `NCBIGene:${g.ncbiGeneId}`,
          label: g.symbol,
          score: g.score,
          probability: g.probability,
          note: g.genotype ? `${g.genotype.mode}: ${g.genotype.reason}${g.variants?.length ? ` (${g.variants.slice(0, 3).map((v) => v.input).join(', ')})` : ''}` : '',
        })),
      ];
      cases.push({ row: c.row, rows });
    });
  }
  cases.sort((a, b) => a.row - b.row);
  return { rows: cases.flatMap((c) => c.rows), cases: cases.length, errors };
}

function readLines(path: string): string[] {
  if (!existsSync(path)) throw new InputError(path, undefined, 'file not found');
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

const cell = (v: string | number) => String(v).replace(/[\t\r\n]+/g, ' ');

export function writeCohortTable(path: string, rows: CohortRow[]): void {
  writeFileSync(path, [cohortColumns.join('\t'), ...rows.map((r) => cohortColumns.map((c) => cell(r[c])).join('\t'))].join('\n') + '\n');
}

/** A cohort table written earlier (another snapshot's run): per case, its snapshot and disease ids best first. */
export async function readCohortTops(path: string): Promise<Map<string, { snapshotId: string; diseases: string[]; error: boolean }>> {
  const table = await openTsv(path, { requiredColumns: ['case_id', 'snapshot_id', 'kind', 'rank', 'id'], strictColumnCount: false });
  const at = (name: string) => table.column(name);
  const out = new Map<string, { snapshotId: string; diseases: { rank: number; id: string }[]; error: boolean }>();
  for await (const { cells, line } of table.rows) {
    const caseId = cells[at('case_id')]!;
    const entry = out.get(caseId) ?? { snapshotId: cells[at('snapshot_id')]!, diseases: [], error: false };
    const kind = cells[at('kind')];
    if (kind === 'error') entry.error = true;
    else if (kind === 'disease') {
      const rank = Number(cells[at('rank')]);
      if (!Number.isInteger(rank) || rank < 1) throw new InputError(path, line, `column rank: "${cells[at('rank')]}" is not a rank`);
      entry.diseases.push({ rank, id: cells[at('id')]! });
    } else if (kind !== 'gene') throw new InputError(path, line, `column kind: "${kind}" (expected disease, gene or error)`);
    out.set(caseId, entry);
  }
  return new Map([...out].map(([k, v]) => [k, { snapshotId: v.snapshotId, error: v.error, diseases: v.diseases.sort((a, b) => a.rank - b.rank).map((d) => d.id) }]));
}

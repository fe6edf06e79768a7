import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import { truthOf } from '../bench/phenopacket-truth.js';
import type { ScoredCase } from './calibration-fit.js';
import { InputError } from '../../common/input-error.js';
import { parsePhenopacketCase } from '../../diagnosis/case-input/phenopacket-input.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';

/** Leading concept scores kept per case, exactly; the rest of the ~10k concepts as a histogram (tailHistogram). */
export const TOP_SCORES_KEPT = 400;
/** width of a tail bin, in ln score: at the temperatures fitted (≈ 0.1-1.3) a bin's spread moves the normaliser < 1 % */
const TAIL_BIN = 0.05;

/** The scores beyond the leading ones as occupied bins: each bin's mean score and count. */
export function tailHistogram(rest: Float64Array): { scores: Float32Array; counts: Float32Array } {
  const bins = new Map<number, { sum: number; n: number }>();
  for (const s of rest) {
    if (!Number.isFinite(s)) continue;
    const k = Math.floor(s / TAIL_BIN);
    const b = bins.get(k);
    if (b) {
      b.sum += s;
      b.n += 1;
    } else bins.set(k, { sum: s, n: 1 });
  }
  const list = [...bins.values()];
  return { scores: Float32Array.from(list, (b) => b.sum / b.n), counts: Float32Array.from(list, (b) => b.n) };
}

export interface CaseToScore {
  index: number;
  cohort: string;
  truth: string[];
  packet: unknown;
}

export interface ScoredLine extends ScoredCase {
  index: number;
}

/**
 * Scores every case of a phenopacket set through runCase (worker threads), keeping each case's leading concept scores
 * and its truth's score: what fitting the calibration needs. The truth (interpretations) is read here and never given
 * to the ranker.
 */
export async function collectCaseScores(o: {
  input: string;
  snapshotDir: string;
  half: 'all' | 'even' | 'odd';
  parameters: Partial<RankerParameters>;
  workers?: number;
  limit?: number;
}): Promise<ScoredLine[]> {
  const cases: CaseToScore[] = [];
  let index = -1;
  for await (const rec of readJsonRecords(o.input)) {
    index += 1;
    if ((o.half === 'even' && index % 2 !== 0) || (o.half === 'odd' && index % 2 !== 1)) continue;
    if (o.limit !== undefined && cases.length >= o.limit) break;
    if (!rec.ok) continue;
    const w = rec.value as { cohort?: string; phenopacket?: { interpretations?: [] } };
    const packet = w.phenopacket ?? w;
    cases.push({ index, cohort: w.cohort ?? '', truth: truthOf(packet as never).diseases, packet });
  }
  const n = Math.max(1, o.workers ?? Math.min(2, availableParallelism()));
  if (n === 1) {
    const session = await KnowledgeSession.open(o.snapshotDir, { parameters: o.parameters });
    try {
      const out: ScoredLine[] = [];
      for (const c of cases) {
        const s = await scoreCase(session, c);
        if (s) out.push(s);
      }
      return out;
    } finally {
      await session.close();
    }
  }
  const url = new URL('./score-worker.js', import.meta.url);
  const pool = Array.from({ length: n }, () => new Worker(url, { workerData: { snapshotDir: o.snapshotDir, parameters: o.parameters } }));
  try {
    await Promise.all(pool.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
      w.setMaxListeners(0);
    })));
    const batches: CaseToScore[][] = [];
    for (let i = 0; i < cases.length; i += 64) batches.push(cases.slice(i, i + 64));
    const results: ScoredLine[] = [];
    let next = 0;
    await Promise.all(
      pool.map(async (w) => {
        while (next < batches.length) {
          const batch = batches[next]!;
          next += 1;
          const out = await new Promise<ScoredLine[]>((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
            w.postMessage(batch);
          });
          results.push(...out);
        }
      }),
    );
    return results.sort((a, b) => a.index - b.index);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** One case through runCase: its leading concept scores and its truth's (undefined for a case that cannot be ranked). */
export async function scoreCase(session: KnowledgeSession, c: CaseToScore): Promise<ScoredLine | undefined> {
  const parsed = parsePhenopacketCase(c.packet);
  if (!parsed.ok) return undefined;
  let ranking;
  try {
    ranking = (await runCase(session, runInputsOfFindings(parsed.findings), { top: 1, explain: 0, conceptScores: true })).ranking;
  } catch (err) {
    if (err instanceof InputError) return undefined;
    throw err;
  }
  const scores = ranking.conceptScores!;
  const concepts = c.truth.map((id) => session.ranker.conceptOf(id)).filter((x): x is number => x !== undefined);
  const truthScore = concepts.length ? Math.max(...concepts.map((k) => scores[k]!)) : null;
  const sorted = Float64Array.from(scores).sort().reverse();
  return {
    index: c.index,
    cohort: c.cohort,
    top: sorted.slice(0, TOP_SCORES_KEPT),
    tail: tailHistogram(sorted.subarray(TOP_SCORES_KEPT)),
    truthScore,
    findings: ranking.present.length + ranking.excluded.length,
  };
}


import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { rankVignette } from '../../diagnosis/pipeline/vignette-run.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import type { Vignette, VignetteOutcome } from '../../diagnosis/vignettes/vignette.js';
import type { RankVignettes } from '../../diagnosis/vignettes/vignette-study.js';

/** A version under study: a snapshot and ranker parameters (the defaults when empty). */
export interface VersionSpec {
  snapshotDir: string;
  parameters: Partial<RankerParameters>;
}

/**
 * The knowledge sessions of the versions: one per snapshot directory, the other parameter sets as views of it
 * (KnowledgeSession.withParameters shares the model).
 */
export async function openVersions(versions: readonly VersionSpec[]): Promise<{ sessions: KnowledgeSession[]; close: () => Promise<void> }> {
  const opened = new Map<string, KnowledgeSession>();
  const sessions: KnowledgeSession[] = [];
  try {
    for (const v of versions) {
      const own = opened.get(v.snapshotDir);
      if (own) sessions.push(own.withParameters(v.parameters));
      else {
        const s = await KnowledgeSession.open(v.snapshotDir, { parameters: v.parameters });
        opened.set(v.snapshotDir, s);
        sessions.push(s);
      }
    }
  } catch (err) {
    await Promise.all([...opened.values()].map((s) => s.close()));
    throw err;
  }
  return { sessions, close: async () => void (await Promise.all([...opened.values()].map((s) => s.close()))) };
}

/** Every vignette through runCase on every version: outcomes[version]. */
export async function rankOnVersions(sessions: readonly KnowledgeSession[], v: Vignette): Promise<VignetteOutcome[]> {
  const out: VignetteOutcome[] = [];
  for (const s of sessions) out.push(await rankVignette(s, v));
  return out;
}

const BATCH = 64;

/**
 * Ranks vignettes on worker threads (each opens the versions once), like the batch ranker: batches of 64 to the least
 * busy worker, a few in flight each, results put back in input order. One worker: in this thread.
 */
export async function startVignettePool(versions: readonly VersionSpec[], workers = Math.min(2, availableParallelism())): Promise<{ rank: RankVignettes; close: () => Promise<void> }> {
  if (workers <= 1) {
    const { sessions, close } = await openVersions(versions);
    return {
      rank: async (vignettes, onRanked) => {
        const out: VignetteOutcome[][] = [];
        for (const v of vignettes) {
          out.push(await rankOnVersions(sessions, v));
          onRanked(1);
        }
        return out;
      },
      close,
    };
  }
  const url = new URL('./vignette-worker.js', import.meta.url);
  const pool = Array.from({ length: workers }, () => new Worker(url, { workerData: { versions } }));
  let failure: unknown;
  const pending = new Map<number, { resolve: (o: VignetteOutcome[][]) => void; reject: (e: unknown) => void }>();
  const ready = pool.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.on('message', (msg: { ready?: boolean; seq?: number; outcomes?: VignetteOutcome[][]; failure?: string }) => {
          if (msg.ready) return resolve();
          const p = pending.get(msg.seq!);
          pending.delete(msg.seq!);
          if (msg.failure) p?.reject(new Error(`vignette worker failed: ${msg.failure}`));
          else p?.resolve(msg.outcomes!);
        });
        w.on('error', (err) => {
          failure = err;
          reject(err);
          for (const p of pending.values()) p.reject(err);
          pending.clear();
        });
      }),
  );
  try {
    await Promise.all(ready);
  } catch (err) {
    await Promise.all(pool.map((w) => w.terminate()));
    throw err;
  }
  let seq = 0;
  const rank: RankVignettes = async (vignettes, onRanked) => {
    const batches: Vignette[][] = [];
    for (let i = 0; i < vignettes.length; i += BATCH) batches.push(vignettes.slice(i, i + BATCH));
    const results: VignetteOutcome[][][] = new Array(batches.length);
    let next = 0;
    await Promise.all(
      pool.map(async (w) => {
        while (next < batches.length) {
          if (failure) throw failure;
          const i = next;
          next += 1;
          const id = seq;
          seq += 1;
          results[i] = await new Promise<VignetteOutcome[][]>((resolve, reject) => {
            pending.set(id, { resolve, reject });
            w.postMessage({ seq: id, vignettes: batches[i] });
          });
          onRanked(batches[i]!.length);
        }
      }),
    );
    return results.flat();
  };
  return { rank, close: async () => void (await Promise.all(pool.map((w) => w.terminate()))) };
}

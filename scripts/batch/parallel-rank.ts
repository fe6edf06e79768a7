import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JsonLine } from '../../diagnosis/io/jsonl-reader.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runPhenopacketRecord, type RecordOptions } from '../../diagnosis/pipeline/phenopacket-run.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';

export interface RankedLine {
  json: string;
  /** time spent ranking this record */
  ms: number;
}

const BATCH = 64;

/**
 * Ranks a stream of records and yields output lines in input order. With more than one worker, batches go to worker
 * threads (each loads the ranker once); a reorder buffer keeps the output in input order.
 */
export async function* rankRecords(
  records: AsyncIterable<JsonLine>,
  snapshotDir: string,
  top: number,
  workers = Math.min(2, availableParallelism()),
  parameters: Partial<RankerParameters> = {},
  recordOptions: RecordOptions = {},
): AsyncGenerator<RankedLine> {
  if (workers <= 1) {
    const session = await KnowledgeSession.open(snapshotDir, { parameters });
    try {
      for await (const r of records) {
        const t0 = process.hrtime.bigint();
        const out = await runPhenopacketRecord(session, r, top, recordOptions);
        yield { json: JSON.stringify(out), ms: Number(process.hrtime.bigint() - t0) / 1e6 };
      }
    } finally {
      await session.close();
    }
    return;
  }
  const url = new URL('./rank-worker.js', import.meta.url);
  const pool = Array.from({ length: workers }, () => new Worker(url, { workerData: { snapshotDir, top, parameters, recordOptions } }));
  const done = new Map<number, RankedLine[]>();
  let wake: (() => void) | undefined;
  let failure: unknown;
  const ready = pool.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.on('message', (msg: { ready?: boolean; seq?: number; lines?: RankedLine[]; failure?: string }) => {
          if (msg.ready) resolve();
          else if (msg.failure) {
            failure = new Error(`ranking worker failed: ${msg.failure}`);
            wake?.();
          } else if (msg.seq !== undefined) {
            done.set(msg.seq, msg.lines!);
            inFlight[pool.indexOf(w)]! -= 1;
            wake?.();
          }
        });
        w.on('error', (err) => {
          failure = err;
          reject(err);
          wake?.();
        });
      }),
  );
  const inFlight = pool.map(() => 0);
  try {
    await Promise.all(ready);
    let sent = 0;
    let next = 0;
    let batch: JsonLine[] = [];
    const send = () => {
      const i = inFlight.indexOf(Math.min(...inFlight));
      inFlight[i]! += 1;
      pool[i]!.postMessage({ seq: sent, records: batch });
      sent += 1;
      batch = [];
    };
    const waitForProgress = () => new Promise<void>((resolve) => (wake = resolve));
    for await (const r of records) {
      batch.push(r);
      if (batch.length >= BATCH) send();
      // Keep a bounded number of batches in flight (constant memory on large inputs).
      while (sent - next > workers * 4) {
        if (failure) throw failure;
        if (done.has(next)) {
          for (const l of done.get(next)!) yield l;
          done.delete(next);
          next += 1;
        } else await waitForProgress();
      }
    }
    if (batch.length) send();
    while (next < sent) {
      if (failure) throw failure;
      if (done.has(next)) {
        for (const l of done.get(next)!) yield l;
        done.delete(next);
        next += 1;
      } else await waitForProgress();
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

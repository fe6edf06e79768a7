// Worker thread of the parallel batch ranker: loads the ranker once, then ranks batches of records.
import { parentPort, workerData } from 'node:worker_threads';
import type { JsonLine } from '../../diagnosis/io/jsonl-reader.js';
import { loadRanker } from '../../diagnosis/ranking/load-ranker.js';
import { rankPhenopacketRecord } from '../../diagnosis/ranking/phenopacket-ranking.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';

const { snapshotDir, top, parameters } = workerData as { snapshotDir: string; top: number; parameters?: Partial<RankerParameters> };
const ranker = await loadRanker(snapshotDir, parameters);
parentPort!.on('message', (msg: { seq: number; records: JsonLine[] }) => {
  const lines = msg.records.map((r) => {
    const t0 = process.hrtime.bigint();
    const out = rankPhenopacketRecord(ranker, r, top);
    return { json: JSON.stringify(out), ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  });
  parentPort!.postMessage({ seq: msg.seq, lines });
});
parentPort!.postMessage({ ready: true });

// Worker thread of the parallel batch ranker: loads the ranker once, then ranks batches of records.
import { parentPort, workerData } from 'node:worker_threads';
import type { JsonLine } from '../../diagnosis/io/jsonl-reader.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runPhenopacketRecord, type RecordOptions } from '../../diagnosis/pipeline/phenopacket-run.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';

const { snapshotDir, top, parameters, recordOptions } = workerData as {
  snapshotDir: string;
  top: number;
  parameters?: Partial<RankerParameters>;
  recordOptions: RecordOptions;
};
const session = await KnowledgeSession.open(snapshotDir, { parameters });
// Batches are processed one at a time, in arrival order.
let queue = Promise.resolve();
parentPort!.on('message', (msg: { seq: number; records: JsonLine[] }) => {
  queue = queue.then(async () => {
    try {
      const lines = [];
      for (const r of msg.records) {
        const t0 = process.hrtime.bigint();
        const out = await runPhenopacketRecord(session, r, top, recordOptions);
        lines.push({ json: JSON.stringify(out), ms: Number(process.hrtime.bigint() - t0) / 1e6 });
      }
      parentPort!.postMessage({ seq: msg.seq, lines });
    } catch (err) {
      parentPort!.postMessage({ seq: msg.seq, failure: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
});
parentPort!.postMessage({ ready: true });

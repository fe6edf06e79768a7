// Worker thread of scripts/fit/case-scores.ts: opens the knowledge session once, then scores batches of cases.
import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import type { RankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import { scoreCase, type CaseToScore, type ScoredLine } from './case-scores.js';

const { snapshotDir, parameters } = workerData as { snapshotDir: string; parameters: Partial<RankerParameters> };
const session = await KnowledgeSession.open(snapshotDir, { parameters });

let queue = Promise.resolve();
parentPort!.on('message', (batch: CaseToScore[]) => {
  queue = queue.then(async () => {
    const out: ScoredLine[] = [];
    for (const c of batch) {
      const s = await scoreCase(session, c);
      if (s) out.push(s);
    }
    parentPort!.postMessage(out);
  });
});
parentPort!.postMessage('ready');

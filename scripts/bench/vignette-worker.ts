// Worker thread of the vignette pool: opens every version under study once, then ranks batches of vignettes on each.
import { parentPort, workerData } from 'node:worker_threads';
import type { Vignette } from '../../diagnosis/vignettes/vignette.js';
import { openVersions, rankOnVersions, type VersionSpec } from './vignette-pool.js';

const { versions } = workerData as { versions: VersionSpec[] };
const { sessions } = await openVersions(versions);

// batches are ranked one at a time, in arrival order
let queue = Promise.resolve();
parentPort!.on('message', (msg: { seq: number; vignettes: Vignette[] }) => {
  queue = queue.then(async () => {
    try {
      const outcomes = [];
      for (const v of msg.vignettes) outcomes.push(await rankOnVersions(sessions, v));
      parentPort!.postMessage({ seq: msg.seq, outcomes });
    } catch (err) {
      parentPort!.postMessage({ seq: msg.seq, failure: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
});
parentPort!.postMessage({ ready: true });

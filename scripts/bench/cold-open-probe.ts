// Run in a fresh process by the snapshot benchmark: prints the cold open time of a snapshot as JSON.
import { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';

const dir = process.argv[2]!;
const t0 = process.hrtime.bigint();
const snap = await GraphSnapshot.open(dir);
await snap.ancestors('HP:0001250');
const t1 = process.hrtime.bigint();
await snap.loadRankingTables();
const t2 = process.hrtime.bigint();
await snap.close();
process.stdout.write(JSON.stringify({ openMs: Number(t1 - t0) / 1e6, rankingTablesMs: Number(t2 - t1) / 1e6 }));

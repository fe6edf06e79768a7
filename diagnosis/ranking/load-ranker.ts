import { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';
import { PhenotypeModel } from './phenotype-model.js';
import { PhenotypeRanker } from './ranker.js';
import type { RankerParameters } from './ranker-parameters.js';

/** Loads a snapshot's ranking tables and builds the ranker (the graph itself is opened and closed again). */
export async function loadRanker(snapshotDir: string, parameters: Partial<RankerParameters> = {}): Promise<PhenotypeRanker> {
  const snap = await GraphSnapshot.open(snapshotDir);
  try {
    return new PhenotypeRanker(new PhenotypeModel(await snap.loadRankingTables()), parameters);
  } finally {
    await snap.close();
  }
}

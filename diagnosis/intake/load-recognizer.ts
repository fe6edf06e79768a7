import { GraphSnapshot } from '../../graph-snapshot/query/graph-snapshot.js';
import { ConceptRecognizer, type RecognizerOptions } from './concept-recognizer.js';
import { TermHierarchy } from './term-hierarchy.js';

/**
 * Builds the recognizer from a snapshot: the phenotype lexicon (one graph query, ~0.6 s) and the ontology closure
 * of the ranking tables (one file read); compiling the dictionary takes a few hundred milliseconds more, so it is
 * not cached on disk. The graph is closed again before returning.
 */
export async function loadConceptRecognizer(snapshotDir: string, options: Partial<RecognizerOptions> = {}): Promise<ConceptRecognizer> {
  const snap = await GraphSnapshot.open(snapshotDir);
  try {
    const [lexicon, tables] = [await snap.phenotypeLexicon(), await snap.loadRankingTables()];
    return ConceptRecognizer.fromLexicon(lexicon, new TermHierarchy(tables.terms), options);
  } finally {
    await snap.close();
  }
}

import Database from 'better-sqlite3-multiple-ciphers';
import type { DiseaseText } from '../../graph-snapshot/query/graph-snapshot.js';
import type { PhenotypeModel } from '../ranking/phenotype-model.js';

export interface TextHit {
  id: string;
  label: string;
  /** BM25 relevance (higher is better) */
  score: number;
}

const STOPWORDS = new Set(['of', 'the', 'and', 'or', 'with', 'in', 'to', 'a', 'an', 'abnormal', 'abnormality', 'for', 'by', 'on']);

/**
 * Full-text retrieval (SQLite FTS5, BM25) over disease names, synonyms and the labels of their phenotype
 * annotations, in memory. It surfaces diseases the likelihood ranker did not put at the top: a different route to
 * a candidate, for the evidence pack.
 */
export class DiseaseTextIndex {
  private readonly db: Database.Database;
  private readonly search: Database.Statement;

  constructor(texts: readonly DiseaseText[], model: PhenotypeModel) {
    this.db = new Database(':memory:');
    this.db.exec("CREATE VIRTUAL TABLE disease_text USING fts5(id UNINDEXED, label, synonyms, phenotypes, tokenize = 'porter unicode61')");
    const insert = this.db.prepare('INSERT INTO disease_text (id, label, synonyms, phenotypes) VALUES (?, ?, ?, ?)');
    const load = this.db.transaction(() => {
      for (const t of texts) {
        const d = model.diseaseIndex.get(t.id);
        const phenotypes: string[] = [];
        if (d !== undefined) {
          for (let a = model.annOffsets[d]!; a < model.annOffsets[d + 1]!; a += 1) {
            if (!model.isNegative(a)) phenotypes.push(model.termLabels[model.annTerm[a]!]!);
          }
        }
        insert.run(t.id, t.label, t.synonyms.join('; '), phenotypes.join('; '));
      }
    });
    load();
    // Names weigh more than phenotype labels (bm25 column weights).
    this.search = this.db.prepare(
      'SELECT id, label, -bm25(disease_text, 0.0, 4.0, 2.0, 1.0) AS score FROM disease_text WHERE disease_text MATCH ? ORDER BY score DESC LIMIT ?',
    );
  }

  /** Diseases best matching free text (e.g. the patient's term labels and narrative). */
  query(text: string, limit = 20): TextHit[] {
    const words = [...new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? [])].filter((w) => w.length > 2 && !STOPWORDS.has(w));
    if (words.length === 0) return [];
    const match = words.slice(0, 64).map((w) => `"${w}"`).join(' OR ');
    return (this.search.all(match, limit) as { id: string; label: string; score: number }[]).map((r) => ({ id: r.id, label: r.label, score: r.score }));
  }

  close(): void {
    this.db.close();
  }
}

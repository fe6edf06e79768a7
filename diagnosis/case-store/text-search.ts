import type Database from 'better-sqlite3-multiple-ciphers';
import { CaseInputError } from './case-errors.js';
import type { CaseStatus, SearchHit, SearchResult } from './case-types.js';

/**
 * Turns what a clinician types into an FTS5 query: every word must occur (AND), "quoted words" are a phrase, a
 * trailing * is a prefix (hypoton*). Everything else is quoted, so punctuation and FTS5 operators in the text
 * (café-au-lait, NOT, col:) never make a syntax error or change the meaning.
 */
export function ftsQuery(input: string): string {
  const parts: string[] = [];
  for (const m of input.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[1] !== undefined) {
      const phrase = m[1].trim();
      if (phrase) parts.push(`"${phrase}"`);
      continue;
    }
    const word = m[2]!.replace(/"/g, '');
    const prefix = word.endsWith('*') && word.length > 1;
    const bare = word.replace(/\*+$/, '');
    if (!/[\p{L}\p{N}]/u.test(bare)) continue;
    parts.push(prefix ? `"${bare}"*` : `"${bare}"`);
  }
  if (parts.length === 0) throw new CaseInputError('text', 'nothing to search for');
  return parts.join(' AND ');
}

const HITS_PER_CASE = 3;

/** Cases whose narratives or notes match, best match first (bm25), with a snippet per matching text. */
export function searchCaseText(db: Database.Database, text: string, limit = 50): SearchResult[] {
  const query = ftsQuery(text);
  const rows = db
    .prepare(
      `SELECT case_id, kind, item_id, source, snippet, score FROM (
         SELECT n.case_id, 'narrative' AS kind, n.id AS item_id, n.source,
                snippet(narratives_fts, 0, '«', '»', '…', 16) AS snippet, bm25(narratives_fts) AS score
           FROM narratives_fts JOIN narratives n ON n.id = narratives_fts.rowid
          WHERE narratives_fts MATCH @query
         UNION ALL
         SELECT o.case_id, 'note', o.id, NULL,
                snippet(notes_fts, 0, '«', '»', '…', 16), bm25(notes_fts)
           FROM notes_fts JOIN notes o ON o.id = notes_fts.rowid
          WHERE notes_fts MATCH @query
       ) ORDER BY score, case_id, kind, item_id`,
    )
    .all({ query }) as { case_id: string; kind: 'narrative' | 'note'; item_id: number; source: string | null; snippet: string; score: number }[];
  const byCase = new Map<string, SearchHit[]>();
  for (const r of rows) {
    let hits = byCase.get(r.case_id);
    if (!hits) {
      if (byCase.size >= limit) continue;
      byCase.set(r.case_id, (hits = []));
    }
    if (hits.length < HITS_PER_CASE) hits.push({ kind: r.kind, itemId: r.item_id, source: r.source, snippet: r.snippet });
  }
  const label = db.prepare('SELECT label, status FROM cases WHERE id = ?');
  return [...byCase].map(([caseId, hits]) => {
    const c = label.get(caseId) as { label: string; status: CaseStatus };
    return { caseId, label: c.label, status: c.status, hits };
  });
}

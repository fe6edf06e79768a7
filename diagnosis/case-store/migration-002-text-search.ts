/**
 * Schema version 2: full-text search over narratives and notes (FTS5).
 *
 * External-content indexes: the text lives once, in its table; triggers keep the index in step, and the index is
 * built from the rows already there (a store created at version 1 has narratives). The Porter stemmer makes
 * "seizures" find "seizure"; diacritics are folded ("café-au-lait" = "cafe au lait").
 */
export const textSearchSql = `
CREATE VIRTUAL TABLE narratives_fts USING fts5(
  text, content = 'narratives', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER narratives_fts_insert AFTER INSERT ON narratives BEGIN
  INSERT INTO narratives_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER narratives_fts_delete AFTER DELETE ON narratives BEGIN
  INSERT INTO narratives_fts (narratives_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER narratives_fts_update AFTER UPDATE OF text ON narratives BEGIN
  INSERT INTO narratives_fts (narratives_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO narratives_fts (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO narratives_fts (narratives_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE notes_fts USING fts5(
  text, content = 'notes', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF text ON notes BEGIN
  INSERT INTO notes_fts (notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO notes_fts (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');
`;

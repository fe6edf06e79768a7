import { readLines } from '../../graph-snapshot/io/line-reader.js';

export type JsonLine = { line: number; ok: true; value: unknown } | { line: number; ok: false; error: string };

/**
 * Streams a `.jsonl` / `.jsonl.gz` file, one parsed value per non-empty line; a line that is not JSON yields an
 * error entry (with its line number) instead of stopping the stream. A `.json` file holding one object or an array
 * is read whole and yields its element(s).
 */
export async function* readJsonRecords(path: string): AsyncGenerator<JsonLine> {
  if (/\.json$/i.test(path)) {
    const parts: string[] = [];
    for await (const { text } of readLines(path)) parts.push(text);
    let value: unknown;
    try {
      value = JSON.parse(parts.join('\n'));
    } catch (err) {
      yield { line: 1, ok: false, error: `invalid JSON: ${(err as Error).message}` };
      return;
    }
    const items = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) yield { line: i + 1, ok: true, value: item };
    return;
  }
  for await (const { text, line } of readLines(path)) {
    if (text.trim() === '') continue;
    try {
      yield { line, ok: true, value: JSON.parse(text) };
    } catch (err) {
      yield { line, ok: false, error: `invalid JSON: ${(err as Error).message}` };
    }
  }
}

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { describeFsError, readLines } from '../../graph-snapshot/io/line-reader.js';

/**
 * One record of an input: its line (a `.jsonl`) or element number (a `.json` array), and, when it came from a
 * directory of `.json` files, the file it came from (its name names the case's outputs, its folder anchors relative
 * paths inside it).
 */
export type JsonLine = ({ line: number; ok: true; value: unknown } | { line: number; ok: false; error: string }) & { file?: string };

/** The most a `.json` file read whole may hold (a line-oriented `.jsonl` is bounded per line instead). */
const MAX_JSON_FILE = 256 * 1024 * 1024;

/** Deeper than any real record (a phenopacket is about 10 levels): deeper values are refused, not passed on to code that recurses. */
export const MAX_JSON_DEPTH = 200;

/** The nesting depth of a parsed value, without recursion (a hostile value could overflow the stack of a recursive walk). */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

/**
 * JSON.parse, with a value nested too deep reported as an error like any other (structured cloning to a worker and
 * most walks of a value recurse, and would overflow the stack).
 */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (depthExceeds(value, MAX_JSON_DEPTH)) return { ok: false, error: `invalid JSON: nested deeper than ${MAX_JSON_DEPTH} levels` };
    return { ok: true, value };
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, error: 'invalid JSON: nested too deeply' };
    return { ok: false, error: `invalid JSON: ${(err as Error).message}` };
  }
}

/**
 * Streams a `.jsonl` / `.jsonl.gz` file, one parsed value per non-empty line; a line that is not JSON yields an
 * error entry (with its line number) instead of stopping the stream. A `.json` file holding one object or an array
 * is read whole and yields its element(s). A directory yields the records of each of its `.json` files in name order
 * (PhEval's layout: one phenopacket per file), each tagged with its file. Lines and files are bounded
 * (line-reader.ts InputLimits).
 */
export async function* readJsonRecords(path: string): AsyncGenerator<JsonLine> {
  if (await isDirectory(path)) {
    let names: string[];
    try {
      names = (await readdir(path)).filter((f) => /\.json$/i.test(f)).sort();
    } catch (err) {
      throw new InputError(path, undefined, describeFsError(err), { cause: err });
    }
    if (names.length === 0) throw new InputError(path, undefined, 'no .json files in this directory (one phenopacket per file expected)');
    for (const name of names) {
      const file = join(path, name);
      for await (const rec of readJsonFile(file)) yield { ...rec, file };
    }
    return;
  }
  if (/\.json$/i.test(path)) {
    yield* readJsonFile(path);
    return;
  }
  for await (const { text, line } of readLines(path)) {
    if (text.trim() === '') continue;
    const parsed = parseJson(text);
    yield parsed.ok ? { line, ok: true, value: parsed.value } : { line, ok: false, error: parsed.error };
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // a missing file is reported by the reader, naming it
  }
}

/** A `.json` file read whole: its object, or each element of its array. */
async function* readJsonFile(path: string): AsyncGenerator<JsonLine> {
  const parts: string[] = [];
  let size = 0;
  for await (const { text } of readLines(path, { maxLineLength: MAX_JSON_FILE })) {
    size += text.length + 1;
    if (size > MAX_JSON_FILE) {
      yield { line: 1, ok: false, error: `larger than ${MAX_JSON_FILE / 1024 / 1024} MB: give a .jsonl file (one case per line) instead` };
      return;
    }
    parts.push(text);
  }
  const parsed = parseJson(parts.join('\n'));
  if (!parsed.ok) {
    yield { line: 1, ok: false, error: parsed.error };
    return;
  }
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  for (const [i, item] of items.entries()) yield { line: i + 1, ok: true, value: item };
}

/**
 * One JSON document (a case file, a phenopacket to import), with the same limits as a batch: at most 256 MB and
 * 200 levels deep. Throws InputError naming the file.
 */
export async function readJsonDocument(path: string): Promise<unknown> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(path, undefined, 'is a directory, expected a JSON file');
    if (info.size > MAX_JSON_FILE) throw new InputError(path, undefined, `larger than ${MAX_JSON_FILE / 1024 / 1024} MB: not a case file`);
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, undefined, describeFsError(err), { cause: err });
  }
  const parsed = parseJson(text);
  if (!parsed.ok) throw new InputError(path, undefined, parsed.error);
  return parsed.value;
}

import { StringDecoder } from 'node:string_decoder';
import { basename } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { defaultLimits, gzipReason, openByteStream } from './line-reader.js';

/** Where a value sits in a JSON document: object keys and array indexes from the root. */
export type JsonPath = (string | number)[];

export interface PickedValue {
  path: JsonPath;
  value: unknown;
  /** 1-based line of the value's first character, for error messages */
  line: number;
}

interface Frame {
  kind: 'object' | 'array';
  key: string;
  index: number;
  /** in an object: the next string is a key */
  awaitingKey: boolean;
}

/**
 * Streams a large JSON document (plain or gzip) and yields the objects whose path `pick` accepts, each parsed on its
 * own, so memory is bounded by the largest picked object, not the file (an ontology's nodes and edges, one at a time).
 * Everything else is scanned for structure only. A truncated or unbalanced document is an InputError naming the file
 * and the line; so is a picked object that is not valid JSON or longer than the line limit (RAREDIAG_MAX_LINE_BYTES).
 */
export async function* pickJsonObjects(path: string, pick: (path: JsonPath) => boolean): AsyncGenerator<PickedValue> {
  const maxValue = defaultLimits().maxLineLength;
  const stream = await openByteStream(path);
  const decoder = new StringDecoder('utf8');
  const stack: Frame[] = [];
  let line = 1;
  let inString = false;
  let escaped = false;
  let readingKey = false;
  let key = '';
  let started = false;
  let ended = false;
  // the picked object under way: its pieces, depth, and where it began
  let capture: { parts: string[]; length: number; depth: number; path: JsonPath; line: number } | undefined;
  const fail = (detail: string) => new InputError(path, line, detail);
  const tooLong = (at: JsonPath) => fail(`an object at ${at.join('.')} longer than ${maxValue.toLocaleString('en-US')} characters (set RAREDIAG_MAX_LINE_BYTES to allow it)`);
  const here = (): JsonPath => stack.map((f) => (f.kind === 'object' ? f.key : f.index));

  try {
    for await (const chunk of stream) {
      const text = decoder.write(chunk as Buffer);
      const out: PickedValue[] = [];
      let from = 0; // start of the captured piece in this chunk
      for (let i = 0; i < text.length; i += 1) {
        const c = text.charCodeAt(i);
        if (c === 10) line += 1;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) {
            inString = false;
            if (readingKey) {
              readingKey = false;
              stack[stack.length - 1]!.key = key;
            }
          } else if (readingKey) key += text[i];
          continue;
        }
        if (c === 32 || c === 10 || c === 13 || c === 9) continue;
        if (ended) throw fail('text after the end of the JSON document');
        if (capture) {
          if (c === 34) inString = true;
          else if (c === 123 || c === 91) capture.depth += 1;
          else if (c === 125 || c === 93) {
            capture.depth -= 1;
            if (capture.depth === 0) {
              capture.parts.push(text.slice(from, i + 1));
              capture.length += i + 1 - from;
              if (capture.length > maxValue) throw tooLong(capture.path);
              out.push({ path: capture.path, value: parsePicked(path, capture.line, capture.parts.join('')), line: capture.line });
              capture = undefined;
            }
          }
          continue;
        }
        const top = stack[stack.length - 1];
        if (c === 34) {
          inString = true;
          if (top?.kind === 'object' && top.awaitingKey) {
            readingKey = true;
            key = '';
          }
        } else if (c === 58) {
          if (top?.kind !== 'object') throw fail('":" outside an object');
          top.awaitingKey = false;
        } else if (c === 44) {
          if (!top) throw fail('"," outside an object or array');
          if (top.kind === 'object') top.awaitingKey = true;
          else top.index += 1;
        } else if (c === 123 || c === 91) {
          if (!started) started = true;
          else if (!top) throw fail('a second top-level value');
          if (c === 123 && stack.length > 0 && pick(here())) {
            capture = { parts: [], length: 0, depth: 1, path: here(), line };
            from = i;
            continue;
          }
          stack.push({ kind: c === 123 ? 'object' : 'array', key: '', index: 0, awaitingKey: c === 123 });
        } else if (c === 125 || c === 93) {
          if (!top || top.kind !== (c === 125 ? 'object' : 'array')) throw fail(`unbalanced "${text[i]}"`);
          stack.pop();
          if (stack.length === 0) ended = true;
        } else if (!started) {
          throw fail(`not a JSON document (starts with "${text.slice(i, i + 20)}")`);
        }
      }
      if (capture) {
        capture.parts.push(text.slice(from));
        capture.length += text.length - from;
        if (capture.length > maxValue) throw tooLong(capture.path);
      }
      yield* out;
    }
  } catch (err) {
    stream.destroy();
    if (err instanceof InputError) throw err;
    throw new InputError(path, line, `could not read ${basename(path)}: ${gzipReason(err)}`, { cause: err });
  }
  if (!ended) throw new InputError(path, line, started ? 'unexpected end of the JSON document (truncated?)' : 'empty file: not a JSON document');
}

function parsePicked(file: string, line: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(file, line, `invalid JSON: ${(err as Error).message}`);
  }
}

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { describeFsError } from '../io/line-reader.js';
import { InputError } from '../../common/input-error.js';

// Both PhenoTagger dictionaries are single JSON objects of a few MB: parsed whole, then validated.
const wordMapSchema = z.record(z.string().regex(/^HP:\d{7}$/), z.array(z.string()));
const altIdSchema = z.record(z.string().regex(/^HP:\d{7}$/), z.string().regex(/^HP:\d{7}$/));

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(path, undefined, describeFsError(err), { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(path, undefined, `invalid JSON: ${(err as Error).message}`);
  }
}

function validate<T>(path: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(path, undefined, `unexpected content at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** PhenoTagger `id_word_map.json`: HPO id → lower-cased names (labels, synonyms, lemmatised variants). */
export async function parsePhenoTaggerWordMap(path: string): Promise<Record<string, string[]>> {
  return validate(path, wordMapSchema, await readJson(path));
}

/** PhenoTagger `alt_hpoid.json`: any HPO id (alt ids included) → its primary id. */
export async function parsePhenoTaggerAltIds(path: string): Promise<Record<string, string>> {
  return validate(path, altIdSchema, await readJson(path));
}

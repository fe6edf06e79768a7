import { readFile, stat } from 'node:fs/promises';
import { describeFsError } from '../../graph-snapshot/io/line-reader.js';
import { InputError } from '../../common/input-error.js';
import type { ConceptRecognizer } from './concept-recognizer.js';
import type { ExtractedFinding } from './finding.js';
import type { CandidateVariant } from './variant-mentions.js';
import { htmlToText, looksLikeHtml } from './html-text.js';
import { MappedText } from './mapped-text.js';
import { looksLikeRtf, rtfToText } from './rtf-text.js';
import { decodeText, type DecodedText } from './text-decoding.js';

export type TextFormat = 'plain' | 'html' | 'rtf';

export interface IntakeResult {
  format: TextFormat;
  findings: ExtractedFinding[];
  /**
   * genetic results named in the text (gene, HGVS, zygosity, inheritance, class, test, span): candidate variants for
   * the ranker; not yet read by it (the ranking takes variants from a VCF only)
   */
  variants: CandidateVariant[];
}

/** Which markup a text is in: RTF by its header, HTML by its tags, else plain. */
export function detectFormat(text: string): TextFormat {
  if (looksLikeRtf(text)) return 'rtf';
  if (looksLikeHtml(text)) return 'html';
  return 'plain';
}

/**
 * Findings of a text that may be HTML or RTF: the markup is stripped for recognition, and every finding's offsets
 * and text refer to the input as given (for markup, `text` is the original substring, tags included).
 */
export function extractFromText(recognizer: ConceptRecognizer, input: string, format: TextFormat | 'auto' = 'auto'): IntakeResult {
  const f = format === 'auto' ? detectFormat(input) : format;
  const mapped = f === 'rtf' ? rtfToText(input) : f === 'html' ? htmlToText(input) : MappedText.identity(input);
  const findings = recognizer.extract(mapped.text);
  const variants = recognizer.candidateVariants(mapped.text);
  if (f === 'plain') return { format: f, findings, variants };
  const toOriginal = <T extends { start: number; end: number; text: string }>(x: T): T => {
    const { start, end } = mapped.toOriginal(x.start, x.end);
    return { ...x, start, end, text: input.slice(start, end) };
  };
  return { format: f, findings: findings.map(toOriginal), variants: variants.map(toOriginal) };
}

/** The largest clinical text read whole (a letter is kilobytes; a 64 MB "text" is a wrong file). */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** Reads a text file, decoding with replacement (see text-decoding.ts); a missing or oversized file is an InputError. */
export async function readTextFile(path: string): Promise<DecodedText> {
  let bytes: Buffer;
  try {
    const size = (await stat(path)).size;
    if (size > MAX_TEXT_BYTES) throw new InputError(path, undefined, `${Math.round(size / 1024 / 1024)} MB: larger than the ${MAX_TEXT_BYTES / 1024 / 1024} MB a clinical text may be`);
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, undefined, describeFsError(err), { cause: err });
  }
  return decodeText(bytes);
}

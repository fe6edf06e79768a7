import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFromText } from '../../../diagnosis/intake/text-intake.js';
import { tinyRecognizer } from '../../fixtures/intake/tiny-lexicon.js';

/** Clinical words, negations, numbers, markup and punctuation, in any order: what a letter, a paste or an attack holds. */
const token = fc.oneof(
  fc.constantFrom('hypotonia', 'seizures', 'no', 'not', 'denies', 'mother', 'family history of', 'possible', 'ptosis', 'renal cysts', 'CK', '5000', 'U/L', 'height', 'weight', 'HC', 'below', 'the 3rd centile', '-2.5 SD', 'aged 4 years', 'walked at 24 months', 'c.1138G>A', 'FGFR3', 'p.(Gly380Arg)', 'heterozygous'),
  fc.constantFrom('.', ',', ';', ':', '\n', '\n\n', '(', ')', '-', '/', '"', '  ', '\t', '<b>', '</b>', '<script>', '&amp;', '{\\rtf1 ', '\\par ', '}', '•', '|'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const text = fc.array(token, { maxLength: 200 }).map((t) => t.join(' '));

describe('narrative intake under fuzzed input', () => {
  const recognizer = tinyRecognizer();

  it('returns findings whose offsets point into the input as given, for any text and markup', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('auto' as const, 'plain' as const, 'html' as const, 'rtf' as const), (input, format) => {
        const r = extractFromText(recognizer, input, format);
        for (const f of r.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(input.length);
          expect(f.start).toBeLessThanOrEqual(f.end);
          expect(input.slice(f.start, f.end)).toBe(f.text);
          expect(f.hpoId).toMatch(/^HP:\d{7}$/);
        }
      }),
      { numRuns: 600, interruptAfterTimeLimit: 40_000 },
    );
  }, 60_000);
});

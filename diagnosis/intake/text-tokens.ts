/**
 * The tokenizer shared by dictionary names and clinical text, so both meet on the same units. One pass over the
 * characters (no regular expression over the whole text), linear in its length.
 *
 * - words: runs of letters (any script; diacritics removed in `lower`), numbers: runs of digits with a decimal
 *   point or a thousands comma inside ("3.5", "5,000");
 * - a word and a number written together ("NF2", "T2") and words joined by a hyphen ("pre-auricular",
 *   "cafe-au-lait") are separate tokens marked `glued` to the previous one, so a name can match them split or
 *   joined;
 * - every other visible character is a punctuation token; a line break is a punctuation token "\n" and a tab
 *   "\t" (sentence and table-cell boundaries are decided from them later).
 */
export const WORD = 0;
export const NUMBER = 1;
export const PUNCT = 2;
export type TokenKind = typeof WORD | typeof NUMBER | typeof PUNCT;

export interface Token {
  start: number;
  end: number;
  kind: TokenKind;
  /** lower case, diacritics removed */
  lower: string;
  /** written against the previous token without a space (hyphen or letter/digit change) */
  glued: boolean;
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
const LETTER = /[\p{L}\p{M}]/u;
const SPACE = /\s/u;

function isLetter(text: string, i: number, c: number): boolean {
  if (c < 128) return isAsciiLetter(c);
  return LETTER.test(text[i]!);
}

function isSpace(text: string, i: number, c: number): boolean {
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) return true;
  if (c < 128) return false;
  return c === 0xa0 || SPACE.test(text[i]!);
}

function foldCase(s: string, ascii: boolean): string {
  const lower = s.toLowerCase();
  return ascii ? lower : lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}

const HYPHENS = new Set([45, 0x2010, 0x2011]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  // set when the previous token ended immediately before a hyphen that sits between two alphanumerics
  let gluedNext = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    const prev = tokens.length ? tokens[tokens.length - 1]! : undefined;
    const adjacent = prev !== undefined && prev.end === i;
    if (isLetter(text, i, c)) {
      let j = i + 1;
      let ascii = c < 128;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!isLetter(text, j, d)) break;
        if (d >= 128) ascii = false;
        j += 1;
      }
      tokens.push({ start: i, end: j, kind: WORD, lower: foldCase(text.slice(i, j), ascii), glued: gluedNext || (adjacent && prev.kind === NUMBER) });
      gluedNext = false;
      i = j;
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isDigit(d)) j += 1;
        // a decimal point or thousands comma only between digits
        else if ((d === 46 || d === 44) && j + 1 < n && isDigit(text.charCodeAt(j + 1))) j += 1;
        else break;
      }
      tokens.push({ start: i, end: j, kind: NUMBER, lower: text.slice(i, j), glued: gluedNext || (adjacent && prev.kind === WORD) });
      gluedNext = false;
      i = j;
      continue;
    }
    if (isSpace(text, i, c)) {
      if (c === 10 || c === 9) tokens.push({ start: i, end: i + 1, kind: PUNCT, lower: c === 10 ? '\n' : '\t', glued: false });
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) tokens.push({ start: i, end: i + 1, kind: PUNCT, lower: '\n', glued: false });
      gluedNext = false;
      i += 1;
      continue;
    }
    // A hyphen between two alphanumerics glues them instead of being a token.
    if (HYPHENS.has(c) && adjacent && prev.kind !== PUNCT && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (isDigit(d) || isLetter(text, i + 1, d)) {
        gluedNext = true;
        i += 1;
        continue;
      }
    }
    // Surrogate pairs (emoji etc.) stay one token.
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    tokens.push({ start: i, end: i + width, kind: PUNCT, lower: text.slice(i, i + width), glued: false });
    gluedNext = false;
    i += width;
  }
  return tokens;
}

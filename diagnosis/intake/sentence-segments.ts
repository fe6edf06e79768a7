import { NUMBER, PUNCT, WORD, type Token } from './text-tokens.js';

export interface Segmented {
  /** the tokens without line breaks that only wrap a sentence (a hard break stays as a "\n" token) */
  tokens: Token[];
  /** sentence number of each token; a sentence-ending token belongs to the sentence it ends */
  sentence: Int32Array;
}

/** Words before a full stop that do not end a sentence. */
const ABBREVIATIONS = new Set(['e', 'g', 'i', 'eg', 'ie', 'dr', 'mr', 'mrs', 'ms', 'prof', 'vs', 'fig', 'figs', 'al', 'approx', 'ca', 'cf', 'no', 'nos', 'ref', 'refs', 'st', 'vol', 'pp', 'resp', 'incl', 'etc', 'yrs', 'yr', 'mo', 'mos', 'wk', 'wks', 'sp', 'spp']);
const TERMINAL = new Set(['.', '!', '?']);
/** Characters that split a table row into cells: a boundary for matching and for context scopes. */
export const CELL_SEPARATORS = new Set(['|', '\t', '│', '¦']);

const startsUpperOrDigit = (text: string, t: Token | undefined) => {
  if (!t) return true;
  if (t.kind === NUMBER) return true;
  if (t.kind === PUNCT) return !/[a-z]/.test(t.lower);
  const c = text.charCodeAt(t.start);
  return !(c >= 97 && c <= 122);
};

/**
 * Sentence boundaries: ".", "!" and "?" followed by a word that does not start in lower case (not after a known
 * abbreviation or an initial), table-cell separators, and hard line breaks. A line break is hard after
 * sentence-final punctuation or a colon, before a capital, digit or bullet, or at a blank line; before a word in
 * lower case it only wraps the sentence and is dropped, so names and negation scopes
 * continue across it ("no\nseizures"). Linear in the number of tokens.
 */
export function segmentSentences(text: string, all: readonly Token[]): Segmented {
  const tokens: Token[] = [];
  const sentence: number[] = [];
  let s = 0;
  for (let i = 0; i < all.length; i += 1) {
    const t = all[i]!;
    if (t.kind === PUNCT && t.lower === '\n') {
      const prev = tokens[tokens.length - 1];
      const next = all[i + 1];
      const blank = next?.kind === PUNCT && next.lower === '\n';
      const hard =
        !prev ||
        blank ||
        (prev.kind === PUNCT && (TERMINAL.has(prev.lower) || prev.lower === ':' || prev.lower === '\n' || CELL_SEPARATORS.has(prev.lower))) ||
        startsUpperOrDigit(text, next);
      if (!hard) continue;
      tokens.push(t);
      sentence.push(s);
      s += 1;
      continue;
    }
    tokens.push(t);
    sentence.push(s);
    if (t.kind !== PUNCT) continue;
    if (CELL_SEPARATORS.has(t.lower)) {
      s += 1;
      continue;
    }
    if (!TERMINAL.has(t.lower)) continue;
    const prev = all[i - 1];
    const next = all[i + 1];
    if (t.lower === '.' && prev?.kind === WORD && prev.end === t.start && (ABBREVIATIONS.has(prev.lower) || prev.lower.length === 1)) {
      // "e.g.", "Dr.", "J. Smith": a boundary only at a line end.
      if (next && !(next.kind === PUNCT && next.lower === '\n')) continue;
    }
    if (next && next.start === t.end && next.kind !== PUNCT) continue; // "3.5", "U.S"
    if (t.lower !== '?' && next && next.kind === WORD && !startsUpperOrDigit(text, next)) continue;
    s += 1;
  }
  return { tokens, sentence: Int32Array.from(sentence) };
}

import { WORD, type Token } from './text-tokens.js';

/**
 * Words a text uses as personal or place names: a word written with a capital inside a sentence, right after a word
 * in lower case ("whom I saw with Amelia", "asked me to see Amelia"), is a name in the whole text, so its capitalised
 * occurrences elsewhere ("Re: Amelia", "Amelia is very likely ...") are no findings either, even when the word is an
 * HPO name (Amelia). Clinical findings are written in lower case inside a sentence; an eponym is a word of a longer
 * name ("Gowers sign"), never a one-word finding on its own. One pass over the tokens.
 */
export function properNames(tokens: readonly Token[], text: string): Set<string> {
  const names = new Set<string>();
  for (let i = 1; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const prev = tokens[i - 1]!;
    if (t.kind !== WORD || prev.kind !== WORD || t.glued || !capitalised(text, t) || !lowerInitial(text, prev)) continue;
    names.add(t.lower);
  }
  return names;
}

/** A capital and then only lower-case letters ("Amelia", not "ASD" or "iPSC"). */
export function capitalised(text: string, t: Token): boolean {
  const first = text.charCodeAt(t.start);
  if (first < 65 || first > 90 || t.end - t.start < 3) return false;
  for (let k = t.start + 1; k < t.end; k += 1) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}

const lowerInitial = (text: string, t: Token) => {
  const c = text.charCodeAt(t.start);
  return c >= 97 && c <= 122;
};

import { PUNCT, WORD, NUMBER, type Token } from './text-tokens.js';

export interface DefinedAbbreviation {
  /** the short form as written ("HHL") */
  short: string;
  /** the finding it stands for (index into the dictionary's terms) */
  term: number;
  /** token index of the short form in the definition; uses are looked for after it */
  definedAt: number;
}

/**
 * Abbreviations the text defines for a finding: "hereditary hearing loss (HHL)". The long form must be the whole of
 * a finding that ends right before the parenthesis, and the short form must fit it (Schwartz and Hearst 2003): its
 * first letter starts the long form's first word, and its letters appear in the long form in order.
 */
export function findDefinitions(text: string, tokens: readonly Token[], findings: readonly { first: number; last: number; term: number }[]): DefinedAbbreviation[] {
  const out: DefinedAbbreviation[] = [];
  for (const f of findings) {
    const open = tokens[f.last];
    const sf = tokens[f.last + 1];
    const close = tokens[f.last + 2];
    if (!open || !sf || !close || open.kind !== PUNCT || open.lower !== '(' || close.kind !== PUNCT || close.lower !== ')') continue;
    if (sf.kind !== WORD) continue;
    const short = text.slice(sf.start, sf.end);
    if (short.length < 2 || short.length > 10 || !/[A-Z]/.test(short)) continue;
    const long = text.slice(tokens[f.first]!.start, tokens[f.last - 1]!.end);
    if (fits(short, long)) out.push({ short, term: f.term, definedAt: f.last + 1 });
  }
  return out;
}

function fits(short: string, long: string): boolean {
  const s = short.toLowerCase().replace(/[^a-z0-9]/g, '');
  const l = long.toLowerCase();
  if (!s || s[0] !== l[0]) return false;
  let j = 0;
  for (const c of l) if (j < s.length && c === s[j]) j += 1;
  return j === s.length;
}

/** Token indexes where a defined short form is used after its definition (exact, case-sensitive, whole token). */
export function definitionUses(text: string, tokens: readonly Token[], definitions: readonly DefinedAbbreviation[], taken: Uint8Array): { token: number; term: number }[] {
  if (definitions.length === 0) return [];
  const byShort = new Map<string, DefinedAbbreviation>();
  for (const d of definitions) if (!byShort.has(d.short)) byShort.set(d.short, d);
  const out: { token: number; term: number }[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.kind !== WORD || taken[i] || t.glued) continue;
    const next = tokens[i + 1];
    if (next?.glued && next.kind !== NUMBER) continue;
    const d = byShort.get(text.slice(t.start, t.end));
    if (d && i > d.definedAt) out.push({ token: i, term: d.term });
  }
  return out;
}

import type { FindingStatus } from './finding.js';
import { CELL_SEPARATORS, type Segmented } from './sentence-segments.js';
import { SECTION_CONTEXTS, TRIGGER_RULES, type ContextCategory, type TriggerRule } from './context-triggers.js';
import { isHeadingLine } from './report-sections.js';
import { PUNCT, WORD, type Token } from './text-tokens.js';

/** A finding's token range [first, last) in the segmented tokens. */
export interface ContextTarget {
  first: number;
  last: number;
}

export interface ContextResult {
  status: FindingStatus;
  historical: boolean;
  /** a family finding in a negation's scope ("no family history of seizures", "her mother has no seizures") */
  negatedFamily: boolean;
}

const NEGATED = 1;
const UNCERTAIN = 2;
const FAMILY = 4;
const HISTORICAL = 8;
const ALL = NEGATED | UNCERTAIN | FAMILY | HISTORICAL;
const bit: Partial<Record<ContextCategory, number>> = { negated: NEGATED, uncertain: UNCERTAIN, family: FAMILY, historical: HISTORICAL };

/**
 * How far a scope reaches, in words (a finding's name counts as one word, so "no A, B or C" reaches C however long
 * the names are): lists after "no" are long, backward triggers qualify what just precedes them.
 */
const FORWARD_WORDS = 12;
/** A conjunction followed by one of these starts a new clause with its own subject. */
const CLAUSE_CONJUNCTIONS = new Set(['and', 'but', 'or', 'while', 'whereas']);
const CLAUSE_SUBJECTS = new Set(['the', 'his', 'her', 'their', 'its', 'there', 'he', 'she', 'it', 'they', 'both', 'all']);
const BACKWARD_WORDS = 8;

interface TriggerNode {
  next?: Map<string, TriggerNode>;
  rules?: TriggerRule[];
}

interface FoundTrigger {
  first: number;
  last: number;
  rules: TriggerRule[];
}

/**
 * ConText over the tokens of a text: triggers found longest-first outside the findings themselves (the "absent" of
 * "absent speech" is part of the finding), scopes bounded by the sentence, ";", table cells, terminators ("but",
 * "however"; affirmations such as "reports" or "has" end only negation and uncertainty) and a word limit. On the negated/uncertain axis the nearest trigger wins (a scope stops at
 * the next negation or uncertainty trigger: "no seizures, possible ptosis"); family and historical scopes stop at
 * a trigger of their own category or a terminator, and family scopes also at a new subject ("he", "the patient").
 * A finding takes every category whose scope covers one of its tokens; the status is family, else excluded, else
 * uncertain, else present; historical is a flag. Sections headed "Family history:" or "Past medical history:" set
 * their category for every finding in them.
 */
export class ContextRules {
  private readonly root: TriggerNode = {};

  constructor(rules: readonly TriggerRule[] = TRIGGER_RULES) {
    for (const r of rules) {
      let node = this.root;
      for (const w of phraseTokens(r.phrase)) {
        node.next ??= new Map();
        let child = node.next.get(w);
        if (!child) node.next.set(w, (child = {}));
        node = child;
      }
      (node.rules ??= []).push(r);
    }
  }

  /**
   * Triggers outside the covered tokens, longest match first, left to right. When a trigger that starts inside
   * the one found reaches further, the later one is the reading ("was negative for X": "negative for", forward,
   * not "was negative", backward); a pseudo-trigger is never overridden that way ("with or without").
   */
  findTriggers(tokens: readonly Token[], covered: Uint8Array): FoundTrigger[] {
    const out: FoundTrigger[] = [];
    let i = 0;
    while (i < tokens.length) {
      const best = this.longestAt(tokens, covered, i);
      if (!best) {
        i += 1;
        continue;
      }
      let overridden = false;
      if (!best.rules.some((r) => r.category === 'pseudo')) {
        for (let j = i + 1; j < best.last && !overridden; j += 1) overridden = (this.longestAt(tokens, covered, j)?.last ?? 0) > best.last;
      }
      if (overridden) {
        i += 1;
        continue;
      }
      out.push(best);
      i = best.last;
    }
    return out;
  }

  /** The longest trigger starting at token i, if any (a whole word: not the "no" of "no-show"). */
  private longestAt(tokens: readonly Token[], covered: Uint8Array, i: number): FoundTrigger | undefined {
    if (covered[i] || tokens[i]!.glued) return undefined;
    let node: TriggerNode | undefined = this.root;
    let best: FoundTrigger | undefined;
    for (let j = i; j < tokens.length && !covered[j]; j += 1) {
      node = node.next?.get(tokens[j]!.lower);
      if (!node) break;
      if (node.rules) best = { first: i, last: j + 1, rules: node.rules };
    }
    if (best && tokens[best.last]?.glued && tokens[best.last - 1]!.kind === WORD) return undefined;
    return best;
  }

  assign(seg: Segmented, text: string, targets: readonly ContextTarget[]): ContextResult[] {
    const { tokens, sentence } = seg;
    const n = tokens.length;
    const covered = new Uint8Array(n);
    for (const t of targets) covered.fill(1, t.first, t.last);
    const triggers = this.findTriggers(tokens, covered);

    // What starts at each token: the categories of triggers there, and terminators.
    const startsTrigger = new Uint8Array(n);
    // Which scopes end at each token: a bit set of the categories a terminator there ends.
    const terminates = new Uint8Array(n);
    for (const t of triggers) {
      for (const r of t.rules) {
        const b = bit[r.category];
        if (b) startsTrigger[t.first] = startsTrigger[t.first]! | b;
        const ends = r.category === 'terminate' ? ALL : r.category === 'terminate-negation' ? NEGATED | UNCERTAIN : r.category === 'terminate-family' ? FAMILY : 0;
        terminates[t.first] = terminates[t.first]! | ends;
      }
    }
    const stopsAt = (k: number, b: number) => {
      const tok = tokens[k]!;
      if (tok.kind === PUNCT && (tok.lower === ';' || CELL_SEPARATORS.has(tok.lower))) return true;
      if (terminates[k]! & b) return true;
      const others = startsTrigger[k]!;
      if (b === NEGATED || b === UNCERTAIN) return (others & (NEGATED | UNCERTAIN)) !== 0;
      return (others & b) !== 0;
    };

    const flags = new Uint8Array(n);
    for (const t of triggers) {
      for (const r of t.rules) {
        const b = bit[r.category];
        if (!b) continue;
        const s = sentence[t.first]!;
        if (r.direction !== 'backward') {
          let words = 0;
          for (let k = t.last; k < n && sentence[k] === s && words < FORWARD_WORDS; k += 1) {
            if (stopsAt(k, b)) break;
            flags[k] = flags[k]! | b;
            if (tokens[k]!.kind !== PUNCT && !(covered[k] && k > t.last && covered[k - 1])) words += 1;
          }
        }
        if (r.direction !== 'forward') {
          let words = 0;
          for (let k = t.first - 1; k >= 0 && sentence[k] === s && words < BACKWARD_WORDS; k -= 1) {
            const tok = tokens[k]!;
            if (tok.kind === PUNCT && (tok.lower === ';' || CELL_SEPARATORS.has(tok.lower))) break;
            if (terminates[k]! & b) break;
            // "..., and the eyebrows are absent": a conjunction opening a clause with its own subject ends the scope
            if (tok.kind === WORD && CLAUSE_CONJUNCTIONS.has(tok.lower) && CLAUSE_SUBJECTS.has(tokens[k + 1]?.lower ?? '')) break;
            flags[k] = flags[k]! | b;
            if (tok.kind !== PUNCT && !(covered[k] && k < t.first - 1 && covered[k + 1])) words += 1;
          }
        }
      }
    }
    this.markSections(seg, text, flags);
    markTableAnswers(tokens, flags);

    return targets.map((t) => {
      let f = 0;
      for (let k = t.first; k < t.last; k += 1) f |= flags[k]!;
      // "seizure-free": the glued "free" negates what it is attached to; "cyst-like" is only like it.
      const after = tokens[t.last];
      if (after?.glued && after.kind === WORD && after.lower === 'free') f |= NEGATED;
      if (after?.glued && after.kind === WORD && after.lower === 'like') f |= UNCERTAIN;
      const status: FindingStatus = f & FAMILY ? 'family' : f & NEGATED ? 'excluded' : f & UNCERTAIN ? 'uncertain' : 'present';
      return { status, historical: (f & HISTORICAL) !== 0 && (status === 'present' || status === 'uncertain'), negatedFamily: (f & FAMILY) !== 0 && (f & NEGATED) !== 0 };
    });
  }

  /**
   * Headed sections. A known heading on a line of its own ("Family history" or "Family history:") sets its category
   * for the lines after it, up to a blank line or the next heading (a "Heading:" or a known section name such as
   * "Examination", "Case presentation"); an inline heading ("Family history: mother has epilepsy.") sets it for the
   * rest of its line only.
   */
  private markSections(seg: Segmented, text: string, flags: Uint8Array): void {
    const { tokens } = seg;
    const n = tokens.length;
    let active = 0;
    let inline = false;
    let lineStart = true;
    for (let k = 0; k < n; k += 1) {
      const tok = tokens[k]!;
      if (tok.kind === PUNCT && tok.lower === '\n') {
        if (inline || tokens[k + 1]?.lower === '\n') active = 0;
        inline = false;
        lineStart = true;
        continue;
      }
      if (lineStart) {
        lineStart = false;
        const heading = headingAt(tokens, k);
        const category = heading ? SECTION_CONTEXTS[heading.name] : undefined;
        if (heading && category) {
          active = bit[category]!;
          inline = heading.colon && heading.end < n && tokens[heading.end]!.lower !== '\n';
          k = heading.end - 1;
          continue;
        }
        if (active && ((heading && heading.colon) || isHeadingLine(text.slice(tok.start, lineEndOffset(tokens, k, text.length))))) active = 0;
      }
      if (active) flags[k] = flags[k]! | active;
    }
  }
}

/** The offset where the line of token k ends (its line break, or the end of the text). */
function lineEndOffset(tokens: readonly Token[], k: number, textLength: number): number {
  for (let j = k; j < tokens.length && j < k + 64; j += 1) if (tokens[j]!.lower === '\n') return tokens[j]!.start;
  return Math.min(textLength, tokens[k]!.start + 200);
}

/** Cells that answer for the cell before them in a table row ("Seizures | no", "Ptosis<TAB>?"). */
const NEGATIVE_ANSWERS = new Set(['no', 'none', 'absent', 'negative', 'neg', 'nil', 'not present', 'not seen', 'not observed', 'not detected', 'denied', 'denies', '-', '–', '—', '✗', '✘']);
const UNCERTAIN_ANSWERS = new Set(['?', 'possible', 'probable', 'suspected', 'uncertain', 'unclear', 'equivocal', 'borderline', 'questionable']);

/**
 * Table rows (cells split by "|" or tabs on one line): a cell holding only a negative answer negates the findings
 * of the cell before it, an uncertain answer makes them uncertain.
 */
function markTableAnswers(tokens: readonly Token[], flags: Uint8Array): void {
  let cellStart = 0;
  let prevCell: [number, number] | undefined;
  const closeCell = (end: number) => {
    const words = tokens.slice(cellStart, end).map((t) => t.lower).join(' ').trim();
    const answer = NEGATIVE_ANSWERS.has(words) ? NEGATED : UNCERTAIN_ANSWERS.has(words) ? UNCERTAIN : 0;
    if (answer && prevCell) for (let k = prevCell[0]; k < prevCell[1]; k += 1) flags[k] = flags[k]! | answer;
    prevCell = [cellStart, end];
  };
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k]!;
    if (t.kind !== PUNCT) continue;
    if (CELL_SEPARATORS.has(t.lower)) {
      if (k - cellStart <= 4) closeCell(k);
      else prevCell = [cellStart, k];
      cellStart = k + 1;
    } else if (t.lower === '\n') {
      if (prevCell && k - cellStart <= 4) closeCell(k);
      prevCell = undefined;
      cellStart = k + 1;
    }
  }
  if (prevCell && tokens.length - cellStart <= 4) closeCell(tokens.length);
}

/** A heading: up to four words at the start of a line followed by ":" or the end of the line. */
function headingAt(tokens: readonly Token[], k: number): { name: string; end: number; colon: boolean } | undefined {
  const words: string[] = [];
  let j = k;
  while (j < tokens.length && j - k < 4 && tokens[j]!.kind === WORD) words.push(tokens[j++]!.lower);
  if (words.length === 0) return undefined;
  const next = tokens[j];
  if (next && !(next.kind === PUNCT && (next.lower === ':' || next.lower === '\n'))) return undefined;
  const colon = next?.lower === ':';
  return { name: words.join(' '), end: colon ? j + 1 : j, colon };
}

/** Trigger phrases are matched on the tokens' lower-case text, punctuation included ("r/o", "h/o", "?"). */
function phraseTokens(phrase: string): string[] {
  const out: string[] = [];
  const re = /[\p{L}\p{M}]+|\d+|[^\s\p{L}\p{M}\d-]/gu;
  for (const m of phrase.toLowerCase().matchAll(re)) out.push(m[0]);
  return out;
}

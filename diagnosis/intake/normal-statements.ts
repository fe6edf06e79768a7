import type { ConceptDictionary, TrieNode } from './concept-dictionary.js';
import type { LexiconNames } from './lexicon-names.js';
import { PUNCT, WORD, tokenize, type Token } from './text-tokens.js';

/**
 * "Normal X" / "X was normal": the statement excludes the abnormality of X. X is either a function or examination
 * whose abnormality has a clinical name (the table below: "normal hearing" excludes hearing impairment, "normal
 * development" global developmental delay), or an organ or measurement that an HPO grouping term names as
 * "Abnormality of (the) X", "Abnormal X (morphology | physiology)" or "X abnormality" (the most general such
 * term: "normal kidneys" excludes any abnormality of the kidney).
 */
export const NORMAL_FUNCTIONS: Readonly<Record<string, string>> = {
  hearing: 'HP:0000365', // Hearing impairment
  'hearing test': 'HP:0000365',
  'hearing screening': 'HP:0000365',
  'hearing screen': 'HP:0000365',
  audiometry: 'HP:0000365',
  audiogram: 'HP:0000365',
  'audiological evaluation': 'HP:0000365',
  'audiologic evaluation': 'HP:0000365',
  vision: 'HP:0000505', // Visual impairment
  eyesight: 'HP:0000505',
  'visual acuity': 'HP:0000505',
  intelligence: 'HP:0001249', // Intellectual disability
  intellect: 'HP:0001249',
  cognition: 'HP:0001249',
  'cognitive function': 'HP:0001249',
  'cognitive development': 'HP:0001249',
  'intellectual development': 'HP:0001249',
  'intellectual function': 'HP:0001249',
  iq: 'HP:0001249',
  development: 'HP:0001263', // Global developmental delay
  'psychomotor development': 'HP:0001263',
  'developmental milestones': 'HP:0001263',
  milestones: 'HP:0001263',
  'early development': 'HP:0001263',
  neurodevelopment: 'HP:0001263',
  'motor development': 'HP:0001270', // Motor delay
  'motor milestones': 'HP:0001270',
  speech: 'HP:0000750', // Delayed speech and language development
  'speech development': 'HP:0000750',
  'language development': 'HP:0000750',
  'speech and language development': 'HP:0000750',
  growth: 'HP:0001510', // Growth delay
  height: 'HP:0000002', // Abnormality of body height
  stature: 'HP:0000002',
  weight: 'HP:0004323', // Abnormality of body weight
  'head circumference': 'HP:0000240', // Abnormality of skull size
  'head size': 'HP:0000240',
  ofc: 'HP:0000240',
  tone: 'HP:0003808', // Abnormal muscle tone
  'muscle tone': 'HP:0003808',
  strength: 'HP:0001324', // Muscle weakness
  'muscle strength': 'HP:0001324',
  gait: 'HP:0001288', // Gait disturbance
  reflexes: 'HP:0031826', // Abnormal reflex
  'tendon reflexes': 'HP:0031826',
  'deep tendon reflexes': 'HP:0031826',
  coordination: 'HP:0011443', // Abnormality of coordination
  behavior: 'HP:0000708', // Atypical behavior
  behaviour: 'HP:0000708',
  eeg: 'HP:0002353', // EEG abnormality
  electroencephalogram: 'HP:0002353',
  electroencephalography: 'HP:0002353',
  ecg: 'HP:0003115', // Abnormal EKG
  ekg: 'HP:0003115',
  electrocardiogram: 'HP:0003115',
  echocardiogram: 'HP:0001627', // Abnormal heart morphology
  echocardiography: 'HP:0001627',
  'renal function': 'HP:0012211', // Abnormal renal physiology
  'kidney function': 'HP:0012211',
  'liver function': 'HP:0031865', // Abnormal liver physiology
  'liver function tests': 'HP:0031865',
  'liver enzymes': 'HP:0031865',
  transaminases: 'HP:0031865',
  fundi: 'HP:0001098', // Abnormal fundus morphology
  fundus: 'HP:0001098',
  fundoscopy: 'HP:0001098',
  ck: 'HP:0040081', // Abnormal circulating creatine kinase activity
  cpk: 'HP:0040081',
  // Blood and eye pressures are measured to look for hypertension (the screening question), QT to look for both
  // directions (the direction pair below).
  'blood pressure': 'HP:0000822', // Hypertension
  'blood pressures': 'HP:0000822',
  bp: 'HP:0000822',
  'intraocular pressure': 'HP:0007906', // Ocular hypertension
  'intraocular pressures': 'HP:0007906',
  'eye pressure': 'HP:0007906',
  qt: 'HP:0031547', // Abnormal QT interval
  qtc: 'HP:0031547',
  'qtc interval': 'HP:0031547',
};

/** One word that says a measurement is normal: "a normotensive young adult" excludes hypertension. */
export const NORMAL_ADJECTIVES: Readonly<Record<string, string>> = {
  normotensive: 'HP:0000822', // Hypertension
  normotension: 'HP:0000822',
  euthyroid: 'HP:0002926', // Abnormality of thyroid physiology
};

/** Words after "normal" or before it ("X was normal") that say so. */
const NORMAL_WORDS = new Set(['normal', 'unremarkable', 'wnl', 'intact', 'appropriate', 'age-appropriate', 'typical', 'track']);
/** Words that say "normal" only with the word before them: "on track", "age appropriate". */
const NORMAL_AFTER: Readonly<Record<string, string>> = { track: 'on' };
/** Words between X and "normal" in "X was (entirely) normal", "X: normal", "X within normal limits". */
const LINKING = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'has', 'have', 'had', 'always', 'so', 'far', 'until', 'now', 'appeared', 'appears', 'remained', 'remains', 'seemed', 'found', 'to', 'entirely', 'completely', 'otherwise', 'also', 'all', 'both', 'within', 'essentially', 'grossly', 'clinically', 'reportedly', 'considered', ':', ',']);
/** Parts of a grouping term's name that text leaves out ("normal creatine kinase" for the circulating activity). */
const NAME_PADDING = /^(circulating|serum|plasma|blood) | (morphology|physiology|concentration|concentrations|level|levels|activity|count)$/g;

const MAX_PHRASE = 6;

export interface NormalStatement {
  /** token range of the whole statement ("normal hearing", "hearing was normal") */
  first: number;
  last: number;
  term: number;
}

/**
 * A measured quantity's abnormal directions, named after it: "Prolonged QT interval" and "Shortened QT interval" for
 * "Abnormal QT interval", "Elevated / Decreased circulating creatinine concentration". "Normal QT interval" excludes
 * each direction, and an annotator (or a clinician's term list) names the direction, not the grouping term.
 */
const DIRECTION = /^(?:increased|elevated|raised|high|decreased|reduced|low|prolonged|shortened) (.+)$/;

/** The index of phrases X whose "normal X" excludes a term, compiled with the dictionary's key function. */
export class NormalStatementIndex {
  readonly root: TrieNode = {};
  /** grouping term → its direction terms (see DIRECTION), when the ontology names them */
  private readonly directionsOf = new Map<number, number[]>();

  constructor(private readonly dict: ConceptDictionary, lex: LexiconNames, isDescendant?: (term: number, of: number) => boolean) {
    // Generic: from the names of grouping terms; the most general term wins for each phrase.
    const best = new Map<string, { term: number; ic: number; tokens: Token[] }>();
    for (const n of lex.names) {
      if (n.source !== 'label' && n.source !== 'exact') continue;
      const x = groupingSubject(n.name);
      if (!x) continue;
      const tokens = tokenize(x).filter((t) => !(t.kind === WORD && (t.lower === 'the' || t.lower === 'an')));
      if (tokens.length === 0 || tokens.length > MAX_PHRASE || tokens.some((t) => t.kind !== WORD)) continue;
      const k = tokens.map((t) => dict.key(t.lower)).join(' ');
      const ic = dict.terms[n.term]!.ic;
      const prev = best.get(k);
      if (!prev || ic < prev.ic) best.set(k, { term: n.term, ic, tokens });
    }
    for (const { term, tokens } of best.values()) this.insert(tokens, term);
    // Curated functions override the generic reading of the same words.
    for (const [phrase, id] of Object.entries(NORMAL_FUNCTIONS)) {
      const term = dict.termIndex(id);
      if (term !== undefined) this.insert(tokenize(phrase), term);
    }
    if (isDescendant) this.collectDirections(lex, isDescendant);
  }

  /** Direction terms of each grouping term of the index: same quantity, a direction word (in the label or an exact synonym), below it in the HPO. */
  private collectDirections(lex: LexiconNames, isDescendant: (term: number, of: number) => boolean): void {
    const groupings = new Map<string, number[]>();
    for (const n of lex.names) {
      // quantities only: "normal nose" excludes every anomaly of the nose, not just its sizes
      if (n.source !== 'label' || /morphology/i.test(n.name)) continue;
      const x = groupingSubject(n.name);
      if (x) groupings.set(x, [...(groupings.get(x) ?? []), n.term]);
    }
    // a direction named by the label or an exact synonym ("Hypercholesterolemia", EXACT "Elevated serum cholesterol")
    for (const n of lex.names) {
      if (n.source !== 'label' && n.source !== 'exact') continue;
      const m = DIRECTION.exec(n.name.toLowerCase());
      const x = m ? m[1]!.replace(NAME_PADDING, '').trim() : undefined;
      for (const g of (x && groupings.get(x)) || []) {
        if (!isDescendant(n.term, g)) continue;
        const list = this.directionsOf.get(g) ?? [];
        if (!list.includes(n.term)) list.push(n.term);
        this.directionsOf.set(g, list);
      }
    }
  }

  /** The terms a normal statement about `term` excludes: its direction terms when the HPO names them, else itself. */
  excludedBy(term: number): number[] {
    return this.directionsOf.get(term) ?? [term];
  }

  private insert(tokens: Token[], term: number): void {
    let node = this.root;
    for (const t of tokens) {
      const k = t.kind === PUNCT ? t.lower : this.dict.key(t.lower);
      node.next ??= new Map();
      let child = node.next.get(k);
      if (!child) node.next.set(k, (child = {}));
      node = child;
    }
    node.entries = [{ term, source: 'label', words: [], capitals: false, literal: false, form: 'name' }];
  }

  /** The grouping term of the phrase keys[from..to) ("basal ganglia" → Abnormality of the basal ganglia), if any. */
  phrase(keys: readonly string[], from: number, to: number): number | undefined {
    let node: TrieNode | undefined = this.root;
    for (let k = from; k < to; k += 1) {
      node = node.next?.get(keys[k]!);
      if (!node) return undefined;
    }
    return node.entries?.[0]?.term;
  }

  /** Normal statements outside the tokens already taken by findings. */
  find(tokens: readonly Token[], keys: readonly string[], sentence: Int32Array, taken: Uint8Array): NormalStatement[] {
    const out: NormalStatement[] = [];
    const free = (k: number) => k >= 0 && k < tokens.length && !taken[k] && tokens[k]!.kind === WORD;
    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i]!;
      if (t.kind !== WORD || taken[i]) continue;
      const adjective = NORMAL_ADJECTIVES[t.lower];
      const adjectiveTerm = adjective === undefined ? undefined : this.dict.termIndex(adjective);
      if (adjectiveTerm !== undefined) {
        out.push({ first: i, last: i + 1, term: adjectiveTerm });
        continue;
      }
      if (!NORMAL_WORDS.has(t.lower)) continue;
      const before = NORMAL_AFTER[t.lower];
      if (before && tokens[i - 1]?.lower !== before) continue;
      // "within normal limits" ends after "limits"
      const statementEnd = t.lower === 'normal' && tokens[i + 1]?.lower === 'limits' ? i + 2 : i + 1;
      // Forward: "normal X" (longest X). Not for "intact", which follows what it qualifies.
      let found: NormalStatement | undefined;
      if (t.lower === 'normal') {
        for (let e = Math.min(tokens.length, i + 1 + MAX_PHRASE); e > i + 1 && !found; e -= 1) {
          let ok = true;
          for (let k = i + 1; k < e && ok; k += 1) ok = free(k) && sentence[k] === sentence[i];
          if (!ok) continue;
          const term = this.phrase(keys, i + 1, e);
          if (term !== undefined) found = { first: i, last: e, term };
        }
      }
      // Backward: "X (was) normal".
      if (!found) {
        let e = before ? i - 1 : i;
        while (e > 0 && tokens[e]!.glued) e -= 1; // "age-appropriate" is one word
        while (e > 0 && LINKING.has(tokens[e - 1]!.lower) && sentence[e - 1] === sentence[i]) e -= 1;
        for (let s = Math.max(0, e - MAX_PHRASE); s < e && !found; s += 1) {
          let ok = true;
          for (let k = s; k < e && ok; k += 1) ok = free(k) && sentence[k] === sentence[i];
          if (!ok) continue;
          const term = this.phrase(keys, s, e);
          if (term !== undefined) found = { first: s, last: statementEnd, term };
        }
      }
      if (found) {
        out.push(found);
        i = Math.max(i, found.last - 1);
      }
    }
    return out;
  }
}

/** X of "Abnormality of (the) X", "Abnormal X (morphology)", "X abnormality"; undefined for other names. */
function groupingSubject(name: string): string | undefined {
  const n = name.toLowerCase().trim();
  let x: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^abnormality of (?:the )?(.+)$/.exec(n))) x = m[1];
  else if ((m = /^abnormal (.+)$/.exec(n))) x = m[1];
  else if ((m = /^(.+) abnormality$/.exec(n))) x = m[1];
  if (!x) return undefined;
  x = x.replace(NAME_PADDING, '').trim();
  return x && !/\b(of|and|or|with)\b/.test(x) ? x : undefined;
}

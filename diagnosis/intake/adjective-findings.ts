import type { ConceptDictionary } from './concept-dictionary.js';
import { derivationCandidates } from './spelling-variants.js';
import { PUNCT, WORD, type Token } from './text-tokens.js';

/**
 * A finding written as an adjective of the patient: "she was hypotonic", "Generally hypotonic.", "a hypotonic
 * infant", "markedly obese", "he is not dysmorphic" (negated by ConText as usual). The adjective is read as the noun of
 * its finding (spelling-variants.ts derivationCandidates: hypotonic → hypotonia, microcephalic → microcephaly, obese →
 * obesity, hypertensive → hypertension, hyperactive → hyperactivity) only where syntax says it describes the patient: after a copula, standing alone as a clause ("Neuro:
 * hypotonic, areflexic."), or before a noun for the patient ("infant", "boy"). An adjective qualifying anything else
 * ("edematous mucosa", "hypotonic solution") is left alone: that reading is what made adjective derivation unreliable
 * as a dictionary-wide rule (DictionaryOptions.adjectiveDerivations).
 */
export interface AdjectiveFinding {
  first: number;
  last: number;
  term: number;
}

const COPULAS = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'appeared', 'appears', 'appear', 'seemed', 'seems', 'became', 'becomes', 'remained', 'remains', 'looked', 'looks', 'felt', 'feels', 'noted', 'found']);
const ADVERBS = new Set(['generally', 'markedly', 'mildly', 'moderately', 'severely', 'very', 'quite', 'rather', 'slightly', 'profoundly', 'globally', 'diffusely', 'centrally', 'truncally', 'persistently', 'still', 'now', 'also', 'extremely', 'significantly', 'clinically', 'not', 'never', 'no', 'longer', 'always', 'somewhat', 'obviously', 'mostly', 'predominantly', 'axially']);
const PERSON_NOUNS = new Set(['infant', 'baby', 'child', 'boy', 'girl', 'man', 'woman', 'neonate', 'newborn', 'toddler', 'patient', 'adolescent', 'teenager', 'adult', 'male', 'female', 'son', 'daughter']);
/** Clause boundaries an adjective may stand between ("Neuro: hypotonic, areflexic."). */
const BOUNDARY = new Set([',', '.', ';', ':', '\n', '(', ')', '-', '–', '!', '?']);

/** Nouns an adjective may stand for, besides derivationCandidates: "obese" → obesity, "jaundiced" → jaundice. */
function nounsOf(word: string): string[] {
  const out = derivationCandidates(word);
  if (word.endsWith('e') && word.length > 4) out.push(`${word.slice(0, -1)}ity`); // obese → obesity
  if (word.endsWith('ed') && word.length > 6) out.push(word.slice(0, -1)); // jaundiced → jaundice
  if (word.endsWith('ic') && word.length > 6) out.push(`${word.slice(0, -2)}ia`); // anemic → anemia (after respelling)
  if (word.endsWith('ive') && word.length > 7) out.push(`${word.slice(0, -3)}ion`, `${word.slice(0, -1)}ity`); // hypertensive → hypertension, hyperactive → hyperactivity
  return out;
}

/** Per dictionary, each adjective's term (or none), so a word is read once however many texts use it. */
const TERM_CACHE = new WeakMap<ConceptDictionary, Map<string, number | undefined>>();

export function adjectiveFindings(dict: ConceptDictionary, tokens: readonly Token[], sentence: Int32Array, taken: Uint8Array): AdjectiveFinding[] {
  const out: AdjectiveFinding[] = [];
  let cache = TERM_CACHE.get(dict);
  if (!cache) TERM_CACHE.set(dict, (cache = new Map()));
  if (cache.size > 100_000) cache.clear();
  const termOf = (word: string): number | undefined => {
    if (cache!.has(word)) return cache!.get(word);
    let term: number | undefined;
    const spelled = dict.normaliser.spelling(word);
    for (const noun of [...nounsOf(spelled), ...(spelled !== word ? nounsOf(word) : [])]) {
      const entries = dict.lookup([dict.key(noun)]);
      const entry = entries?.find((e) => !e.capitals && e.form === 'name' && e.words.some((w) => w === noun || w === dict.normaliser.spelling(noun)));
      if (entry) {
        term = entry.term;
        break;
      }
    }
    cache!.set(word, term);
    return term;
  };
  let lastAccepted = -2;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.kind !== WORD || taken[i] || t.glued || tokens[i + 1]?.glued || t.lower.length < 5) continue;
    if (!/(ic|ous|iced|ese|ive)$/.test(t.lower)) continue;
    const term = termOf(t.lower);
    if (term === undefined) continue;
    let p = i - 1;
    while (p >= 0 && sentence[p] === sentence[i] && tokens[p]!.kind === WORD && ADVERBS.has(tokens[p]!.lower)) p -= 1;
    const prev = p >= 0 && sentence[p] === sentence[i] ? tokens[p] : undefined;
    const next = tokens[i + 1];
    const afterCopula = prev?.kind === WORD && COPULAS.has(prev.lower);
    const alone = (!prev || (prev.kind === PUNCT && BOUNDARY.has(prev.lower))) && (!next || (next.kind === PUNCT && BOUNDARY.has(next.lower)) || (next.kind === WORD && (next.lower === 'and' || next.lower === 'with')));
    const ofPerson = next?.kind === WORD && PERSON_NOUNS.has(next.lower);
    // "obese and microcephalic": a coordinated adjective shares the first one's position
    const coordinated = !!prev && (prev.lower === 'and' || prev.lower === 'or' || prev.lower === ',') && p - 1 === lastAccepted;
    if (afterCopula || alone || ofPerson || coordinated) {
      out.push({ first: i, last: i + 1, term });
      lastAccepted = i;
    }
  }
  return out;
}

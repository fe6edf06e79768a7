import { clinicalStem } from './clinical-stemmer.js';
import { derivationCandidates, spellingCandidates } from './spelling-variants.js';
import { WORD_EQUIVALENTS } from './word-equivalents.js';

/**
 * Maps a lower-case word to the key that dictionary names and text are matched on: the dictionary's own spelling
 * when the word is a British spelling or an irregular plural of one of its words (see spelling-variants.ts), its
 * equivalent when it is a relational adjective or a synonym of "abnormality" (word-equivalents.ts), then the stem (clinical-stemmer.ts). Words of three letters or fewer are kept whole: they are mostly abbreviations
 * ("ck", "asd"), where stemming would only create collisions.
 *
 * Keys are cached per distinct word; the cache is bounded so that a 10 MB text of unique garbage cannot grow it
 * without limit.
 */
export class TermNormaliser {
  private readonly cache = new Map<string, string>();
  private readonly spellings = new Map<string, string>();
  /** words whose key comes from an adjective-to-noun derivation (derivationCandidates) */
  private readonly derivedWords = new Set<string>();
  /** stems of the vocabulary, so that an inflected rewrite counts too ("haemorrhages" → "hemorrhages") */
  private readonly stems: Set<string>;

  private readonly maxCache: number;
  private readonly derivations: boolean;

  /**
   * @param vocabulary lower-case words of the dictionary's names (the spellings to normalise towards)
   * @param options `derivations`: read adjectives as the noun of their finding ("hypotonic" → hypotonia, default
   *   false: see DictionaryOptions.adjectiveDerivations); `maxCache`: bound of the key cache
   */
  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    options: { derivations?: boolean; maxCache?: number } = {},
  ) {
    this.stems = new Set([...vocabulary].map(clinicalStem));
    this.maxCache = options.maxCache ?? 200_000;
    this.derivations = options.derivations ?? false;
  }

  /**
   * The dictionary spelling of a word: the first rewrite that is a dictionary word, else the word itself. A rewrite
   * wins even over a known word, so the British and American names of the dictionary meet too ("oedema" and
   * "edema" both become "edema"); names and text go through the same mapping, which keeps them consistent.
   */
  canonicalSpelling(word: string): string {
    if (word.length <= 3) return word;
    const candidates = spellingCandidates(word);
    for (const c of candidates) if (this.vocabulary.has(c)) return c;
    for (const c of candidates) if (this.stems.has(clinicalStem(c)) && clinicalStem(c) !== clinicalStem(word)) return c;
    if (!this.derivations) return word;
    for (const c of derivationCandidates(word)) {
      if (this.vocabulary.has(c)) {
        this.derivedWords.add(word);
        return c;
      }
    }
    return word;
  }

  /** True when the word's key is the noun its adjective derives from ("hypotonic" → hypotonia); after key(). */
  isDerived(word: string): boolean {
    return this.derivedWords.has(word);
  }

  /** canonicalSpelling, cached with the keys. */
  spelling(word: string): string {
    let w = this.spellings.get(word);
    if (w === undefined) {
      w = this.canonicalSpelling(word);
      if (this.spellings.size >= this.maxCache) this.spellings.clear();
      this.spellings.set(word, w);
    }
    return w;
  }

  key(word: string): string {
    let k = this.cache.get(word);
    if (k !== undefined) return k;
    if (this.cache.size >= this.maxCache) {
      this.cache.clear();
      this.derivedWords.clear();
    }
    let spelled = this.canonicalSpelling(word);
    spelled = WORD_EQUIVALENTS[spelled] ?? spelled;
    k = spelled.length <= 3 || !/^[a-z]+$/.test(spelled) ? spelled : clinicalStem(spelled);
    this.cache.set(word, k);
    return k;
  }
}

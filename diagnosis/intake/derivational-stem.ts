/**
 * The root a noun of a finding shares with its adjective, verb and adverb forms, for the word-set index only
 * (word-set-index.ts): "translucent skin" ~ "skin translucency", "stiff joints" ~ "joint stiffness", "hypermobile
 * joints" ~ "joint hypermobility", "microcephalic" ~ "microcephaly", "posteriorly rotated ears" ~ "posterior rotation
 * of the ears". It runs on match keys (term-normaliser.ts: already singular, American and lightly stemmed), so only
 * derivational endings are left to strip.
 *
 * Deliberately more aggressive than the stemmer of the name trie, and deliberately kept out of it: a single word read
 * through its derivation ("edematous" mucosa → Edema, "hypotonic" → Hypotonia) is as often a wrong finding as a right
 * one (measured, see DictionaryOptions.adjectiveDerivations), while a span whose every content word belongs to one
 * multi-word name is rarely anything else.
 */
const RULES: readonly [RegExp, string][] = [
  [/(..)ility$/, '$1il'], // hypermobility ~ hypermobile (key "hypermobil"), fragility ~ fragile
  [/(...)ity$/, '$1'], // laxity ~ lax, rigidity ~ rigid, obesity ~ obese (key "obes")
  [/(...)ness$/, '$1'], // stiffness ~ stiff, thickness ~ thick
  [/(...)enc[ey]?$/, '$1ent'], // translucency ~ translucent, prominence (key "prominenc") ~ prominent
  [/(...)anc[ey]?$/, '$1ant'], // protuberance ~ protuberant
  [/(...[^a])ly$/, '$1'], // posteriorly ~ posterior, widely ~ wide (not "anomaly", "microcephaly")
  [/(....)(?:otic|osis)$/, '$1o'], // scoliotic ~ scoliosis, cyanotic ~ cyanosis
  [/(....)(?:ic|ia|ism|y)$/, '$1'], // hypotonic ~ hypotonia, dystrophic ~ dystrophy, dysmorphic ~ dysmorphism
  [/(....ment)al$/, '$1'], // developmental ~ development (not "mental")
  [/(...)atous$/, '$1a'], // edematous ~ edema
];

/** A final "e" goes too, whatever the length: "obese" ~ "obes(ity)", "wide(ly)" ~ "wide". */
export function derivationalStem(key: string): string {
  if (key.length <= 3 || !/^[a-z]+$/.test(key)) return key;
  let k = key;
  if (k.length > 5) {
    for (const [re, to] of RULES) {
      if (re.test(k)) {
        k = k.replace(re, to);
        break;
      }
    }
  }
  return k.endsWith('e') ? k.slice(0, -1) : k;
}

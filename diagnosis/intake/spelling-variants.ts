/**
 * Candidate rewrites of a lower-case word towards the dictionary's (American) spelling and singular form: British
 * spellings (oedema, haemorrhage, anaemia, oesophagus, paediatric, tumour, -ise/-isation, centre, sulph-) and Latin
 * or Greek plurals the stemmer cannot undo (naevi, fistulae, stenoses, diverticula, phalanges, ...).
 *
 * The rules are deliberately loose ("ae" → "e" would damage ordinary English); the caller accepts a candidate only
 * when it is a word of the dictionary's vocabulary and the original word is not, which is what keeps them safe.
 */
export function spellingCandidates(word: string): string[] {
  const american: string[] = [];
  const addTo = (list: string[], w: string) => {
    if (w !== word && w.length > 1 && !list.includes(w)) list.push(w);
  };

  // British → American: each rule on the whole word, then all of them together.
  let all = word;
  for (const [re, to] of BRITISH) {
    if (word.length < 5 && re.source.startsWith('our')) continue; // four, hour, your
    const w = word.replace(re, to);
    if (w !== word) {
      addTo(american, w);
      all = all.replace(re, to);
    }
  }
  addTo(american, all);

  // Singular forms first (of the American spelling, then of the word), so that a plural and its singular meet
  // even when both are dictionary words ("naevi" → "nevi" → "nevus").
  const singular: string[] = [];
  for (const base of [all, word]) {
    const irregular = IRREGULAR_PLURALS[base];
    if (irregular) addTo(singular, irregular);
    if (base.endsWith('i') && base.length > 3) addTo(singular, `${base.slice(0, -1)}us`); // nevi, foci, calculi
    if (base.endsWith('ae') && base.length > 4) addTo(singular, base.slice(0, -1)); // fistulae, vertebrae
    if (base.endsWith('ses') && base.length > 5) addTo(singular, `${base.slice(0, -2)}is`); // stenoses, exostoses
    if (base.endsWith('ices') && base.length > 6) {
      addTo(singular, `${base.slice(0, -4)}ix`); // appendices
      addTo(singular, `${base.slice(0, -4)}ex`); // cortices
    }
    if (base.endsWith('a') && base.length > 4) addTo(singular, `${base.slice(0, -1)}um`); // diverticula, septa
    if (base.endsWith('ges') && base.length > 5) addTo(singular, `${base.slice(0, -3)}x`); // phalanges
    if (base.endsWith('ata') && base.length > 5) addTo(singular, base.slice(0, -2)); // stigmata, angiomata
    if (base.endsWith('ides') && base.length > 5) addTo(singular, `${base.slice(0, -3)}s`); // irides → iris
    if (base.endsWith('es') && !base.endsWith('ses') && base.length > 5) addTo(singular, `${base.slice(0, -2)}is`); // testes, pubes
  }
  return [...singular, ...american.filter((w) => !singular.includes(w))];
}

/**
 * Nouns of a finding that an adjective of clinical English is derived from, most specific ending first:
 * "scoliotic" → scoliosis, "paralytic" → paralysis, "hypotonic" → hypotonia, "microcephalic" → microcephaly,
 * "dysmorphic" → dysmorphism, "myoclonic" → myoclonus, "edematous" → edema. Loose on purpose, like
 * spellingCandidates: the caller takes a candidate only when it is a word of the dictionary's vocabulary, so "the
 * hypotonic infant" meets the name "Hypotonia". Only the endings of disorder nouns are produced (not "cystic" →
 * cyst or "spinous" → spin, where the adjective mostly describes something else).
 */
export function derivationCandidates(word: string): string[] {
  const out: string[] = [];
  const add = (w: string) => {
    if (w !== word && !out.includes(w)) out.push(w);
  };
  if (word.length < 6) return out;
  if (word.endsWith('ic')) {
    const stem = word.slice(0, -2);
    if (word.endsWith('otic')) add(`${word.slice(0, -4)}osis`); // scoliotic, cyanotic, fibrotic
    if (word.endsWith('tic')) add(`${word.slice(0, -3)}sis`); // paralytic, hemolytic, septic
    add(`${stem}ia`); // hypotonic, ataxic, hypoxic, anemic
    add(`${stem}y`); // microcephalic, dystrophic, neuropathic
    add(`${stem}ism`); // dysmorphic
    add(`${stem}us`); // myoclonic
  } else if (word.endsWith('atous')) {
    add(word.slice(0, -4)); // edematous, angiomatous
  }
  return out;
}
const BRITISH: [RegExp, string][] = [
  [/^oe/, 'e'], // oedema, oesophagus, oestrogen
  [/([^aeiou])oe(?=[^aeiou])/g, '$1e'], // foetal, coeliac
  [/oea$/, 'ea'], // diarrhoea, dyspnoea, apnoea, amenorrhoea
  [/ae/g, 'e'], // haemorrhage, anaemia, paediatric, leukaemia, naevus, caecum
  [/our$/, 'or'], // tumour, behaviour, colour
  [/ours$/, 'ors'],
  [/is(e|ed|es|ing|ation|ations)$/, 'iz$1'], // hospitalised, normalise, organisation
  [/ys(e|ed|es|ing)$/, 'yz$1'], // analyse, paralysed
  [/([^aeiou])re$/, '$1er'], // centre, fibre, litre
  [/([^aeiou])res$/, '$1ers'],
  [/sulph/g, 'sulf'],
  [/ogue$/, 'og'], // catalogue
  [/ll(ed|ing)$/, 'l$1'], // labelled, travelling
];

const IRREGULAR_PLURALS: Readonly<Record<string, string>> = { feet: 'foot', teeth: 'tooth', children: 'child', women: 'woman', men: 'man' };

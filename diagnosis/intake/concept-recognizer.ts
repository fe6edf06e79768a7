import type { LexiconEntry } from '../../graph-snapshot/query/graph-snapshot.js';
import { definitionUses, findDefinitions } from './abbreviation-definitions.js';
import { findClinicalAbbreviations, UNTRUSTED_NAME_ABBREVIATIONS } from './clinical-abbreviations.js';
import { ConceptDictionary, type DictionaryOptions } from './concept-dictionary.js';
import { findCandidates, findReorderedCandidates, tokenKeys } from './concept-matcher.js';
import { ContextRules } from './context-assignment.js';
import { coordinatedMatches } from './coordination.js';
import { stackedModifierMatches } from './stacked-modifiers.js';
import { evidenceFromContext, isLabLabel } from './evidence-kinds.js';
import type { EvidenceKind, ExtractedFinding, FindingBasis } from './finding.js';
import { LabMeasurements } from './lab-measurements.js';
import { lexiconNames } from './lexicon-names.js';
import { CLINICAL_SYNONYMS } from './clinical-synonyms.js';
import { ABBREVIATION_CONFIDENCE, MEASUREMENT_CONFIDENCE, NORMAL_STATEMENT_CONFIDENCE, matchConfidence, roundConfidence } from './match-confidence.js';
import { NormalStatementIndex } from './normal-statements.js';
import { nestedAncestors, resolveOverlaps } from './overlap-resolution.js';
import { predicativeMatches } from './predicative-qualifiers.js';
import { segmentSentences } from './sentence-segments.js';
import type { TermHierarchy } from './term-hierarchy.js';
import { tokenize, type Token } from './text-tokens.js';
import { demographicsOf } from './patient-demographics.js';
import { findGrowth } from './growth-measurements.js';
import { findMilestones } from './milestone-ages.js';
import { findGestation } from './gestational-age.js';
import { findProportions } from './body-proportions.js';
import { zScoreFindings } from './zscore-findings.js';
import { referenceRangeFindings } from './reference-range-labs.js';
import { adjectiveFindings } from './adjective-findings.js';
import { groupingFallback } from './grouping-fallback.js';
import { capitalised, properNames } from './proper-names.js';
import { findCandidateVariants, geneSymbols, type CandidateVariant, type GeneSymbols } from './variant-mentions.js';

/** What a caller may ask of one extraction. */
export interface ExtractOptions {
  /**
   * Also report the names nested inside a longer finding when they are its ancestors ("hearing loss" inside
   * "sensorineural hearing loss", "brachydactyly" inside "brachydactyly type C"), flagged `nested`. Mention-level
   * annotation (GSC+) counts them; a patient's findings do not need them (the longer one implies them).
   */
  nestedMentions?: boolean;
  /** the patient's age and sex when the case gives them (else read from the text): growth values need them */
  ageYears?: number;
  sex?: 'male' | 'female';
}

export interface RecognizerOptions {
  /** HPO aspects to report (default: P, phenotypic abnormality) */
  aspects: string[];
  dictionary: Partial<DictionaryOptions>;
  /** gene symbols and their aliases (the snapshot's ranking tables), to read genetic results */
  genes: { symbols: readonly string[]; aliases?: readonly (readonly string[])[] };
}

/** A finding before its context is known: the token range it covers and how it was found. */
interface Recognised {
  term: number;
  first: number;
  last: number;
  confidence: number;
  basis: FindingBasis;
  evidence?: EvidenceKind;
  nested?: boolean;
  /** negated by a word inside its own span ("the skin is not hyperextensible"), which ConText does not see */
  negated?: boolean;
}

/**
 * Clinical text → HPO findings. The steps, each in its own module:
 * 1. tokens and sentences (text-tokens.ts, sentence-segments.ts);
 * 2. dictionary names, longest and most specific first (concept-matcher.ts, overlap-resolution.ts), names shared
 *    through a coordination (coordination.ts) and qualifiers placed after the noun (predicative-qualifiers.ts);
 * 3. laboratory values (lab-measurements.ts), clinical abbreviations given their context
 *    (clinical-abbreviations.ts) and abbreviations the text defines (abbreviation-definitions.ts);
 * 4. statements that something is normal, which exclude its abnormality (normal-statements.ts);
 * 5. ConText for the status (context-assignment.ts) and the kind of evidence (evidence-kinds.ts).
 * Pure and synchronous once built; one instance serves any number of texts. Linear in the length of the text.
 */
export class ConceptRecognizer {
  private readonly context = new ContextRules();
  private readonly labs = new LabMeasurements();

  constructor(
    readonly dictionary: ConceptDictionary,
    readonly hierarchy: TermHierarchy | undefined,
    private readonly normals: NormalStatementIndex | undefined,
    /** gene symbols for the genetic results of a text (variant-mentions.ts) */
    readonly genes?: GeneSymbols,
  ) {}

  /** The genetic results named in a text, as candidate variants (variant-mentions.ts). */
  candidateVariants(text: string): CandidateVariant[] {
    return findCandidateVariants(text, this.genes);
  }

  static fromLexicon(lexicon: readonly LexiconEntry[], hierarchy: TermHierarchy | undefined, options: Partial<RecognizerOptions> = {}): ConceptRecognizer {
    const names = lexiconNames(lexicon, options.aspects ?? ['P']);
    names.names = names.names.filter((n) => !UNTRUSTED_NAME_ABBREVIATIONS.has(n.name));
    for (const [id, phrases] of Object.entries(CLINICAL_SYNONYMS)) {
      const term = names.resolve.get(id);
      if (term !== undefined) for (const name of phrases) names.names.push({ term, name, source: 'exact' });
    }
    const dictionary = ConceptDictionary.compile(names, options.dictionary, hierarchy);
    const genes = options.genes ? geneSymbols(options.genes.symbols, options.genes.aliases) : undefined;
    const isDescendant = (a: number, b: number) => !!hierarchy && a !== b && hierarchy.isAncestorOrSelf(dictionary.terms[b]!.id, dictionary.terms[a]!.id);
    return new ConceptRecognizer(dictionary, hierarchy, new NormalStatementIndex(dictionary, names, isDescendant), genes);
  }

  extract(text: string, options: ExtractOptions = {}): ExtractedFinding[] {
    if (!text) return [];
    const seg = segmentSentences(text, tokenize(text));
    const { tokens, sentence } = seg;
    const dict = this.dictionary;
    const keys = tokenKeys(dict, tokens);
    const found: Recognised[] = [];
    const taken = new Uint8Array(tokens.length);
    const take = (r: Recognised) => {
      found.push(r);
      taken.fill(1, r.first, r.last);
    };

    const inOrder = findCandidates(dict, tokens, keys, text);
    const candidates = inOrder.concat(findReorderedCandidates(dict, tokens, keys, inOrder));
    const resolved = resolveOverlaps(candidates, dict.terms, this.hierarchy);
    const coordinated = [...coordinatedMatches(dict, tokens, keys, resolved), ...stackedModifierMatches(dict, tokens, keys, resolved, this.isDescendant)];
    // A one-word name written as a personal name ("Re: Amelia"): read only when such a word is there (proper-names.ts).
    const oneWordCapital = (m: { first: number; last: number }) => m.last - m.first === 1 && capitalised(text, tokens[m.first]!);
    const names = resolved.some(oneWordCapital) ? properNames(tokens, text) : undefined;
    for (const m of [...resolved, ...coordinated]) {
      if (names && oneWordCapital(m) && names.has(tokens[m.first]!.lower)) continue;
      take({
        term: m.entry.term,
        first: m.first,
        last: m.last,
        basis: 'name',
        confidence: matchConfidence({
          source: m.entry.source,
          exact: m.exact,
          derived: m.entry.form !== 'name' || coordinated.includes(m),
          length: tokens[m.last - 1]!.end - tokens[m.first]!.start,
          words: m.length,
          abbreviation: m.entry.capitals,
          ambiguous: m.ambiguous,
        }),
      });
    }
    for (const m of predicativeMatches(dict, tokens, keys, sentence, taken)) {
      take({ term: m.entry.term, first: m.first, last: m.last, basis: 'name', negated: m.negated, confidence: matchConfidence({ source: m.entry.source, exact: false, derived: true, length: 99, words: m.length, abbreviation: false, ambiguous: false }) });
    }
    for (const a of adjectiveFindings(dict, tokens, sentence, taken)) {
      take({ term: a.term, first: a.first, last: a.last, basis: 'name', confidence: matchConfidence({ source: 'label', exact: false, derived: true, length: 99, words: 1, abbreviation: false, ambiguous: false }) });
    }
    // Measurements: growth, milestone ages, Z-scores, values against the range quoted with them, fixed lab limits.
    // The text's own statement of age and sex is read only when a measurement asks for it (getters, once).
    let stated: ReturnType<typeof demographicsOf> | undefined;
    const statedOf = () => (stated ??= MEASUREMENT_CUES.test(text) ? demographicsOf(text) : {});
    const demo = {
      get ageYears() {
        return options.ageYears ?? statedOf().ageYears;
      },
      get sex() {
        return options.sex ?? statedOf().sex;
      },
      fromCase: options.ageYears !== undefined,
    };
    for (const g of [...findGrowth(text, demo), ...findMilestones(text, demo), ...findProportions(text, demo), ...findGestation(text)]) {
      const term = dict.termIndex(g.hpoId);
      const range = tokenRange(tokens, g.start, g.end);
      if (term === undefined || !range) continue;
      let free = true;
      for (let k = range[0]; k < range[1] && free; k += 1) free = !taken[k];
      if (free) take({ term, first: range[0], last: range[1], basis: 'measurement', confidence: MEASUREMENT_CONFIDENCE });
    }
    for (const z of [...zScoreFindings(dict, tokens, keys, sentence, taken), ...referenceRangeFindings(dict, tokens, keys, sentence, taken)]) {
      take({ term: z.term, first: z.first, last: z.last, basis: 'measurement', confidence: roundConfidence(MEASUREMENT_CONFIDENCE * 0.95) });
    }
    for (const lab of this.labs.find(text, tokens, sentence, taken)) {
      const term = dict.termIndex(lab.hpoId);
      if (term === undefined) continue;
      take({ term, first: lab.first, last: lab.last, basis: 'measurement', evidence: 'lab', confidence: roundConfidence(lab.measured ? MEASUREMENT_CONFIDENCE : MEASUREMENT_CONFIDENCE * 0.95) });
    }
    for (const a of findClinicalAbbreviations(text, tokens, taken)) {
      const term = dict.termIndex(a.hpoId);
      if (term === undefined) continue;
      // More cue words, more trust: 0.75 with one cue (or none needed), up to 0.85.
      take({ term, first: a.token, last: a.token + 1, basis: 'abbreviation', confidence: roundConfidence(Math.min(0.85, ABBREVIATION_CONFIDENCE + 0.025 * (a.cues - 1))) });
    }
    const named = found.filter((f) => f.basis === 'name');
    for (const use of definitionUses(text, tokens, findDefinitions(text, tokens, named), taken)) {
      const definition = named.find((f) => f.term === use.term);
      take({ term: use.term, first: use.token, last: use.token + 1, basis: 'abbreviation', confidence: roundConfidence((definition?.confidence ?? ABBREVIATION_CONFIDENCE) * 0.9) });
    }
    if (this.normals) {
      for (const g of groupingFallback(this.normals, tokens, keys, sentence, taken)) {
        take({ term: g.term, first: g.first, last: g.last, basis: 'name', confidence: roundConfidence(NORMAL_STATEMENT_CONFIDENCE * 0.9) });
      }
    }
    const normal = new Set<Recognised>();
    for (const s of this.normals?.find(tokens, keys, sentence, taken) ?? []) {
      for (const term of this.normals!.excludedBy(s.term)) {
        const r: Recognised = { term, first: s.first, last: s.last, basis: 'normal-statement', confidence: NORMAL_STATEMENT_CONFIDENCE };
        normal.add(r);
        take(r);
      }
    }

    if (options.nestedMentions) {
      for (const m of nestedAncestors(candidates, resolved, dict.terms, this.hierarchy)) {
        found.push({ term: m.entry.term, first: m.first, last: m.last, basis: 'name', nested: true, confidence: matchConfidence({ source: m.entry.source, exact: m.exact, derived: m.entry.form !== 'name', length: tokens[m.last - 1]!.end - tokens[m.first]!.start, words: m.length, abbreviation: m.entry.capitals, ambiguous: m.ambiguous }) });
      }
    }
    found.sort((a, b) => a.first - b.first || b.last - a.last);
    const kept = this.withoutImpliedAncestors(found);
    const contexts = this.context.assign(seg, text, kept);
    const out: ExtractedFinding[] = [];
    kept.forEach((f, i) => {
      const ctx = contexts[i]!;
      // A relative's negated finding ("no family history of seizures") is nobody's finding.
      if (ctx.negatedFamily) return;
      let status = ctx.status;
      if (f.negated && status !== 'family') status = 'excluded';
      if (normal.has(f)) {
        // "normal hearing" excludes; "not normal" would be the opposite, too unclear to report.
        if (status === 'excluded') return;
        status = status === 'present' ? 'excluded' : status;
      }
      const term = dict.terms[f.term]!;
      const start = tokens[f.first]!.start;
      const end = tokens[f.last - 1]!.end;
      const finding: ExtractedFinding = { hpoId: term.id, label: term.label, status, start, end, text: text.slice(start, end), confidence: f.confidence, basis: f.basis };
      if (ctx.historical && status !== 'excluded') finding.historical = true;
      if (f.nested) finding.nested = true;
      const evidence = f.evidence ?? (isLabLabel(term.label) ? 'lab' : f.basis === 'normal-statement' ? undefined : evidenceFromContext(tokens, sentence, f.first));
      if (evidence) finding.evidence = evidence;
      out.push(finding);
    });
    return out;
  }

  /** True when term `a` is a proper descendant of term `b` (dictionary term indexes). */
  private readonly isDescendant = (a: number, b: number): boolean => {
    const h = this.hierarchy;
    return !!h && a !== b && h.isAncestorOrSelf(this.dictionary.terms[b]!.id, this.dictionary.terms[a]!.id);
  };

  /** Overlapping findings where one term is an ancestor of the other: only the more specific one is reported. */
  private withoutImpliedAncestors(found: Recognised[]): Recognised[] {
    const h = this.hierarchy;
    if (!h) return found;
    const terms = this.dictionary.terms;
    const drop = new Set<Recognised>();
    for (let i = 0; i < found.length; i += 1) {
      const a = found[i]!;
      for (let j = i + 1; j < found.length && found[j]!.first < a.last; j += 1) {
        const b = found[j]!;
        if (a.term === b.term || a.nested || b.nested) continue;
        if (h.isAncestorOrSelf(terms[a.term]!.id, terms[b.term]!.id)) drop.add(a);
        else if (h.isAncestorOrSelf(terms[b.term]!.id, terms[a.term]!.id)) drop.add(b);
      }
    }
    return drop.size ? found.filter((f) => !drop.has(f)) : found;
  }
}

/** Words of the measurements that need the patient's age or sex (a quick test before reading them from the text). */
const MEASUREMENT_CUES = /\b(?:height|ht|length|stature|bmi|bp|blood pressure|walk\w*|sat|sit\w*|words?|talk\w*)\b/i;

/** The tokens [first, last) covering the characters [start, end), if any. */
function tokenRange(tokens: readonly Token[], start: number, end: number): [number, number] | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < tokens.length && tokens[last]!.start < end) last += 1;
  return last > lo ? [lo, last] : undefined;
}

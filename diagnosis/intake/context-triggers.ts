/**
 * ConText trigger phrases (Harkema et al. 2009, in the spirit of its published lexicon), lower case, matched on
 * whole tokens, longest phrase first. A trigger modifies the findings within its scope: forward (after it, to the
 * end of the sentence or a terminator), backward (before it, back to the start of the sentence or a terminator), or
 * both. Pseudo-triggers ("no change", "mother reports") contain a trigger word but are not triggers: matching them
 * first, as longer phrases, keeps the trigger word from acting.
 */
export type ContextCategory = 'negated' | 'uncertain' | 'family' | 'historical' | 'terminate' | 'terminate-negation' | 'terminate-family' | 'pseudo';
export type Direction = 'forward' | 'backward' | 'both';

export interface TriggerRule {
  phrase: string;
  category: ContextCategory;
  direction: Direction;
}

const rules = (category: ContextCategory, direction: Direction, phrases: string[]): TriggerRule[] => phrases.map((phrase) => ({ phrase, category, direction }));

/** Planned tests, surveillance and what may come: not findings of the patient (status uncertain, never ranked). */
const HYPOTHETICAL = [
  'look for', 'looking for', 'to look for', 'assess for', 'assessed for', 'assessment for', 'assessing for', 'check for',
  'checked for', 'checking for', 'monitor for', 'monitoring for', 'monitored for', 'surveillance for', 'surveillance of',
  'watch for', 'watching for', 'test for', 'testing for', 'tested for', 'investigate for', 'investigation of possible',
  'to exclude', 'exclude', 'in case of', 'in case', 'should he develop', 'should she develop', 'should they develop',
  'if he develops', 'if she develops', 'if they develop', 'likely to develop', 'prone to', 'predisposed to',
  'predisposition to', 'increased risk of', 'increased risk for', 'risks of', 'lifetime risk of', 'to prevent', 'prevention of',
  'prophylaxis for', 'prophylaxis against', 'avoid', 'avoiding', 'counselled about', 'counseled about', 'counselled regarding',
  'counseled regarding', 'discussed the risk of', 'warning signs of', 'would', 'to detect', 'detection of', 'screened for',
  'evaluation of possible', 'ddx',
];

const RELATIVES = [
  'mother', 'father', 'brother', 'brothers', 'sister', 'sisters', 'sibling', 'siblings', 'sib', 'sibs', 'aunt', 'aunts', 'uncle',
  'uncles', 'cousin', 'cousins', 'grandmother', 'grandfather', 'grandparent', 'grandparents', 'niece', 'nephew', 'relatives', 'twin brother', 'twin sister', 'half-brother', 'half-sister', 'son', 'sons', 'daughter', 'daughters', 'mom', 'dad',
  'family members', 'family member', 'maternal', 'paternal', 'parents', 'parent',
];

export const TRIGGER_RULES: readonly TriggerRule[] = [
  ...rules('negated', 'forward', [
    'no', 'not', 'without', 'denies', 'denied', 'deny', 'denying', 'absence of', 'negative for', 'free of', 'free from',
    'no evidence of', 'no evidence for', 'no sign of', 'no signs of', 'no symptoms of', 'no history of', 'no clinical signs of',
    'never', 'never had', 'nor', 'neither', 'lack of', 'lacks', 'lacked', 'lacking', 'rules out', 'ruled out for',
    'failed to reveal', 'fails to reveal', 'did not reveal', 'did not show', 'does not show', 'did not have', 'does not have',
    'do not have', 'not have', 'did not exhibit', 'did not develop', 'has not had', 'had not had',
    'unremarkable for', 'not associated with',
  ]),
  ...rules('negated', 'backward', [
    'ruled out', 'was ruled out', 'were ruled out', 'is ruled out', 'has been ruled out', 'absent', 'is absent', 'was absent',
    'were absent', 'are absent', 'not present', 'was not present', 'were not present', 'not seen', 'not observed', 'not detected',
    'not found', 'not noted', 'not identified', 'not evident', 'not apparent', 'not reported', 'none', 'negative', 'was negative',
    'were negative', 'excluded', 'was excluded', 'were excluded', 'is excluded', 'has been excluded', 'not appreciated',
  ]),
  ...rules('uncertain', 'forward', [
    'possible', 'possibly', 'probable', 'probably', 'suspected', 'suspect', 'suspicion of', 'suspicious for', 'questionable',
    'question of', '?', 'may have', 'might have', 'may be', 'might be', 'could be', 'could have', 'concern for', 'concerning for',
    'suggestive of', 'suggesting', 'likely', 'presumed', 'presumably', 'presumptive', 'rule out', 'r/o', 'to rule out',
    'to exclude', 'cannot rule out', 'can not rule out', 'cannot exclude', 'could not rule out', 'versus', 'vs', 'differential diagnosis',
    'differential diagnoses', 'evaluate for', 'evaluation for', 'evaluated for', 'screen for', 'screening for', 'workup for',
    'work-up for', 'risk of', 'at risk for', 'at risk of', 'risk for', 'if', 'whether', 'equivocal', 'borderline', 'uncertain',
    'unclear', 'doubtful', 'in question', 'query', 'not certain whether', 'not certain if',
    // Hypothetical and planned (ConText's "hypothetical" category): tests to be done, surveillance, what may come.
    ...HYPOTHETICAL,
  ]),
  ...rules('uncertain', 'backward', [
    '?', 'was suspected', 'is suspected', 'were suspected', 'suspected', 'is possible', 'was possible', 'cannot be excluded',
    'could not be excluded', 'can not be excluded', 'cannot be ruled out', 'could not be ruled out', 'can not be ruled out',
    'not excluded', 'not ruled out', 'unlikely', 'is unlikely', 'was unlikely', 'questionable', 'is questionable',
    'was considered', 'was queried', 'is likely', 'was likely', 'probable', 'is probable', 'is not excluded', 'remains possible',
    'may develop', 'might develop', 'can develop', 'could develop', 'will develop', 'would develop', 'commonly develops',
    'often develops', 'may occur', 'can occur', 'may follow', 'is a risk', 'are a risk', 'to be excluded', 'to be ruled out',
  ]),
  ...rules('family', 'forward', [
    'family history of', 'family history', 'family hx', 'fh of', 'familial history of', 'history in the family of',
    'in the family', 'runs in the family', 'his family', 'her family', 'their family', ...RELATIVES,
  ]),
  ...rules('family', 'backward', [
    'in his mother', 'in her mother', 'in the mother', 'in his father', 'in her father', 'in the father', 'in his brother',
    'in her brother', 'in his sister', 'in her sister', 'in the family', 'in family members', 'in relatives', 'in his relatives',
    'in her relatives', 'in the siblings', 'in his siblings', 'in her siblings', 'in a sibling', 'in both parents', 'in the parents',
    'runs in the family', 'in the proband\'s mother', 'in the proband\'s father',
  ]),
  ...rules('historical', 'forward', [
    'history of', 'h/o', 'hx of', 'previous', 'previously', 'prior', 'past history of', 'past medical history of',
    'in the past', 'formerly', 'former', 'used to have', 'had a history of', 'remote history of', 'no longer', 'resolution of',
    'resolved', 'outgrew',
  ]),
  // Resolved findings are kept (a resolved finding is still evidence), flagged historical.
  ...rules('historical', 'backward', [
    'in the past', 'previously', 'resolved', 'has resolved', 'had resolved', 'have resolved', 'in the past year', 'since resolved',
    'now resolved', 'has since resolved', 'have since resolved', 'have now resolved', 'has now resolved', 'since closed',
    'has since closed', 'has closed', 'closed spontaneously', 'resolved spontaneously', 'outgrown', 'has outgrown', 'now regressed',
    'has regressed', 'since regressed', 'as a child', 'as an infant', 'in infancy', 'in childhood',
  ]),
  ...rules('terminate', 'both', [
    'but', 'however', 'although', 'though', 'yet', 'except', 'apart from', 'aside from', 'still', 'nevertheless', 'nonetheless',
    'whereas', 'while', 'which', 'who', 'whose', 'aside', 'since', 'because', 'due to', 'then',
  ]),
  // Affirmations end a negation or uncertainty ("denies headache, reports nausea"), not a family or history scope
  // ("mother has epilepsy").
  ...rules('terminate-negation', 'both', [
    'reports', 'reported', 'reporting', 'complains of', 'complained of', 'presents with', 'presented with', 'presenting with',
    'has', 'had', 'shows', 'showed', 'shown', 'demonstrates', 'demonstrated', 'exhibits', 'exhibited', 'developed', 'develops',
    'positive for', 'consistent with', 'revealed', 'reveals', 'notable for', 'significant for', 'remarkable for', 'confirmed',
    'diagnosed with', 'diagnosis of',
  ]),
  ...rules('terminate-family', 'both', ['he', 'she', 'patient', 'proband', 'index case', 'our patient', 'the patient', 'the child', 'the boy', 'the girl']),
  ...rules('pseudo', 'both', [
    'no increase', 'no change', 'no significant change', 'no significant difference', 'no difference', 'not only', 'no further',
    'not necessarily', 'gram negative', 'without difficulty', 'not limited to', 'not just', 'with or without', 'whether or not',
    'not certain', 'no doubt', 'not rule out', 'not clear', 'if any', 'no other', 'not all', 'not always',
    'mother reports', 'mother reported', 'mother states', 'mother stated', 'mother noted', 'mother noticed', 'mother describes',
    'parents report', 'parents reported', 'parents noted', 'parents noticed', 'parents describe', 'parents described',
    'per mother', 'per parents', 'according to his mother', 'according to her mother', 'according to the parents',
    'family reports', 'family reported', 'maternal age', 'paternal age', 'maternal uniparental', 'paternal uniparental',
    'maternally inherited', 'paternally inherited', 'from his mother', 'from her mother', 'from his father', 'from her father',
    'from the mother', 'from the father', 'consanguineous parents', 'healthy parents', 'unaffected parents', 'non-consanguineous parents',
    'nonconsanguineous parents', 'first cousins', 'first-cousin', 'born to', 'history of present illness', 'medical history',
    'clinical history', 'natural history', 'history and physical', 'no known', 'non-consanguineous', 'nonconsanguineous',
  ]),
];

/** Section headings (a line starting with them, then ":" or the end of the line) that set a context for the section. */
export const SECTION_CONTEXTS: Readonly<Record<string, 'family' | 'historical' | 'uncertain'>> = {
  'family history': 'family',
  'family hx': 'family',
  'family medical history': 'family',
  fh: 'family',
  fhx: 'family',
  'family and social history': 'family',
  plan: 'uncertain',
  'management plan': 'uncertain',
  recommendations: 'uncertain',
  'plan and recommendations': 'uncertain',
  'past medical history': 'historical',
  'past history': 'historical',
  pmh: 'historical',
  'differential diagnosis': 'uncertain',
  'differential diagnoses': 'uncertain',
  ddx: 'uncertain',
};

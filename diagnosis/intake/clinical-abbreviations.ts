import { PUNCT, WORD, NUMBER, type Token } from './text-tokens.js';

/**
 * Common clinical abbreviations the HPO synonyms lack, each with the words that must be nearby for a sense to be
 * chosen. "ID" is intellectual disability only among developmental words (not "patient ID 4711"); "ASD" is an
 * atrial septal defect next to cardiac words and autism next to behavioural ones, and is left alone when the
 * context names both or neither. Cues are lower-case word prefixes ("echocardiogra" covers echocardiogram and
 * echocardiography). Matched on the exact capitalised form only.
 */
export interface AbbreviationSense {
  hpoId: string;
  cues: readonly string[];
}

export interface ClinicalAbbreviation {
  abbreviation: string;
  senses: readonly AbbreviationSense[];
}

const DEVELOPMENT = ['develop', 'intellect', 'cognit', 'iq', 'delay', 'milestone', 'autis', 'learning', 'school', 'speech', 'language', 'behavio', 'seizure', 'epilep', 'hypoton', 'dysmorph', 'microceph', 'retard', 'neurodevelop', 'adhd', 'gdd'];
const CARDIAC = ['heart', 'cardi', 'echocardiogra', 'echo', 'septal', 'septum', 'atrial', 'ventric', 'vsd', 'pda', 'murmur', 'shunt', 'secundum', 'ostium', 'valv', 'aort', 'pulmonary', 'tetralogy', 'chd'];
const BEHAVIOUR = ['autis', 'behavio', 'social', 'communicat', 'stereotyp', 'repetitive', 'adhd', 'dsm', 'ados', 'adi-r', 'psychiatr', 'intellect', 'develop'];
const HEARING = ['hearing', 'audio', 'audiogra', 'deaf', 'cochlea', 'db', 'sensorineural', 'conductive', 'otoacoustic', 'brainstem'];
const CRANIOFACIAL = ['cleft', 'lip', 'palat', 'craniofacial', 'velopharyn', 'micrognath', 'robin'];
const MOTOR = ['spastic', 'motor', 'gait', 'asphyxia', 'quadripleg', 'dipleg', 'hemipleg', 'periventricular', 'preterm', 'walk'];
const METABOLIC = ['glucose', 'insulin', 'hba1c', 'diabet', 'glyc', 'polyuria', 'polydipsia'];

export const CLINICAL_ABBREVIATIONS: readonly ClinicalAbbreviation[] = [
  { abbreviation: 'ID', senses: [{ hpoId: 'HP:0001249', cues: DEVELOPMENT }] }, // intellectual disability
  { abbreviation: 'DD', senses: [{ hpoId: 'HP:0001263', cues: DEVELOPMENT }] }, // developmental delay
  { abbreviation: 'MR', senses: [{ hpoId: 'HP:0001249', cues: DEVELOPMENT }, { hpoId: 'HP:0001653', cues: CARDIAC }] }, // mental retardation / mitral regurgitation
  { abbreviation: 'ASD', senses: [{ hpoId: 'HP:0001631', cues: CARDIAC }, { hpoId: 'HP:0000729', cues: BEHAVIOUR }] }, // atrial septal defect / autism spectrum
  { abbreviation: 'VSD', senses: [{ hpoId: 'HP:0001629', cues: CARDIAC }] },
  { abbreviation: 'PDA', senses: [{ hpoId: 'HP:0001643', cues: CARDIAC }] },
  { abbreviation: 'CHD', senses: [{ hpoId: 'HP:0001627', cues: ['congenital', ...CARDIAC] }] }, // congenital heart defect
  { abbreviation: 'HCM', senses: [{ hpoId: 'HP:0001639', cues: CARDIAC }] },
  { abbreviation: 'DCM', senses: [{ hpoId: 'HP:0001644', cues: CARDIAC }] },
  { abbreviation: 'LVH', senses: [{ hpoId: 'HP:0001712', cues: CARDIAC }] },
  { abbreviation: 'CP', senses: [{ hpoId: 'HP:0000175', cues: CRANIOFACIAL }, { hpoId: 'HP:0100021', cues: MOTOR }] }, // cleft palate / cerebral palsy
  { abbreviation: 'HL', senses: [{ hpoId: 'HP:0000365', cues: HEARING }] },
  { abbreviation: 'SNHL', senses: [{ hpoId: 'HP:0000407', cues: [] }] },
  { abbreviation: 'ADHD', senses: [{ hpoId: 'HP:0007018', cues: [] }] },
  { abbreviation: 'IUGR', senses: [{ hpoId: 'HP:0001511', cues: [] }] },
  { abbreviation: 'SGA', senses: [{ hpoId: 'HP:0001518', cues: ['birth', 'gestation', 'weight', 'born', 'neonat', 'preterm', 'term'] }] },
  { abbreviation: 'GERD', senses: [{ hpoId: 'HP:0002020', cues: [] }] },
  { abbreviation: 'HSM', senses: [{ hpoId: 'HP:0001433', cues: [] }] },
  { abbreviation: 'OSA', senses: [{ hpoId: 'HP:0002870', cues: [] }] },
  { abbreviation: 'HTN', senses: [{ hpoId: 'HP:0000822', cues: [] }] },
  { abbreviation: 'DM', senses: [{ hpoId: 'HP:0000819', cues: METABOLIC }] },
  { abbreviation: 'RTA', senses: [{ hpoId: 'HP:0001947', cues: ['acidosis', 'kidney', 'renal', 'tubul', 'bicarbonate', 'potassium', 'urine'] }] },
];

/**
 * Abbreviations among the HPO synonyms that mean something else more often in clinical text: "LFT" (liver function
 * tests, not a filum terminale lipoma), "SUA" (serum uric acid, not a single umbilical artery).
 */
export const UNTRUSTED_NAME_ABBREVIATIONS: ReadonlySet<string> = new Set(['LFT', 'SUA', 'CLM', 'DDN']);

const DEFAULT_BY_FORM = new Map(CLINICAL_ABBREVIATIONS.map((a) => [a.abbreviation, a]));

/** How far (in tokens, either side) cue words are looked for. */
const CUE_WINDOW = 40;

/** Words before or after "ID" that make it an identifier. */
const IDENTIFIER_WORDS = new Set(['patient', 'subject', 'sample', 'case', 'family', 'study', 'participant', 'individual', 'record', 'accession', 'dbsnp', 'clinvar', 'omim', 'orcid', 'number', 'no']);

export interface AbbreviationHit {
  token: number;
  hpoId: string;
  /** the cue words found for the chosen sense */
  cues: number;
}

/**
 * Abbreviation senses supported by their context. `taken` marks tokens already part of a finding. Linear: each
 * candidate token looks at a bounded window.
 */
export function findClinicalAbbreviations(text: string, tokens: readonly Token[], taken: Uint8Array, table: readonly ClinicalAbbreviation[] = CLINICAL_ABBREVIATIONS): AbbreviationHit[] {
  const byForm = table === CLINICAL_ABBREVIATIONS ? DEFAULT_BY_FORM : new Map(table.map((a) => [a.abbreviation, a]));
  const out: AbbreviationHit[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.kind !== WORD || taken[i] || t.glued || tokens[i + 1]?.glued) continue;
    const a = byForm.get(text.slice(t.start, t.end));
    if (!a) continue;
    if (a.abbreviation === 'ID' && looksLikeIdentifier(tokens, i)) continue;
    const counts = a.senses.map((s) => (s.cues.length === 0 ? 1 : countCues(tokens, i, s.cues)));
    const best = Math.max(...counts);
    if (best === 0 || counts.filter((c) => c === best).length > 1) continue;
    out.push({ token: i, hpoId: a.senses[counts.indexOf(best)]!.hpoId, cues: best });
  }
  return out;
}

function looksLikeIdentifier(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (prev && prev.kind === WORD && IDENTIFIER_WORDS.has(prev.lower)) return true;
  if (next && (next.kind === NUMBER || (next.kind === PUNCT && (next.lower === ':' || next.lower === '#' || next.lower === '=')))) return true;
  return false;
}

function countCues(tokens: readonly Token[], i: number, cues: readonly string[]): number {
  let n = 0;
  const from = Math.max(0, i - CUE_WINDOW);
  const to = Math.min(tokens.length, i + CUE_WINDOW + 1);
  for (let k = from; k < to; k += 1) {
    if (k === i) continue;
    const t = tokens[k]!;
    if (t.kind !== WORD) continue;
    for (const c of cues) {
      if (t.lower.startsWith(c)) {
        n += 1;
        break;
      }
    }
  }
  return n;
}

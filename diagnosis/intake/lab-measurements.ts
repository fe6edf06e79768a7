import { NUMBER, WORD, type Token } from './text-tokens.js';

/**
 * Laboratory values: an analyte, a number and a unit ("CK 5000 U/L", "creatine kinase of 12,000 IU/l"), or an
 * analyte with a direction word ("elevated CK", "CK was markedly raised"). A value beyond the reference limit is
 * a present finding of the analyte's HPO term. The limits are conservative adult upper / lower limits of normal
 * (children's ranges differ; a value inside these limits says nothing). Units not listed for an analyte make the
 * value unusable rather than guessed.
 */
interface Limit {
  hpoId: string;
  /** limit per unit, units lower case without spaces */
  limits: Readonly<Record<string, number>>;
}

export interface Analyte {
  /** names and abbreviations, lower case (matched on whole tokens) */
  names: readonly string[];
  high?: Limit;
  low?: Limit;
}

const ENZYME = ['u/l', 'iu/l', 'units/l', 'ui/l'];
const per = (units: readonly string[], value: number) => Object.fromEntries(units.map((u) => [u, value]));

export const ANALYTES: readonly Analyte[] = [
  { names: ['ck', 'cpk', 'creatine kinase', 'creatine phosphokinase', 'serum ck', 'serum creatine kinase'], high: { hpoId: 'HP:0003236', limits: per(ENZYME, 200) } },
  { names: ['alt', 'alanine aminotransferase', 'alanine transaminase', 'sgpt'], high: { hpoId: 'HP:0031964', limits: per(ENZYME, 45) } },
  { names: ['ast', 'aspartate aminotransferase', 'aspartate transaminase', 'sgot'], high: { hpoId: 'HP:0031956', limits: per(ENZYME, 45) } },
  { names: ['alkaline phosphatase', 'alp'], high: { hpoId: 'HP:0003155', limits: per(ENZYME, 500) } },
  { names: ['lactate', 'lactic acid', 'serum lactate', 'plasma lactate'], high: { hpoId: 'HP:0002151', limits: { 'mmol/l': 2.2, 'mg/dl': 20 } } },
  { names: ['ammonia', 'plasma ammonia', 'nh3'], high: { hpoId: 'HP:0001987', limits: { 'µmol/l': 60, 'umol/l': 60, 'μmol/l': 60, 'mcmol/l': 60, 'µg/dl': 100, 'ug/dl': 100 } } },
  {
    names: ['glucose', 'blood glucose', 'plasma glucose', 'serum glucose', 'blood sugar'],
    high: { hpoId: 'HP:0003074', limits: { 'mmol/l': 11.1, 'mg/dl': 200 } },
    low: { hpoId: 'HP:0001943', limits: { 'mmol/l': 3.0, 'mg/dl': 54 } },
  },
  {
    names: ['sodium', 'serum sodium', 'na'],
    high: { hpoId: 'HP:0003228', limits: { 'mmol/l': 145, 'meq/l': 145 } },
    low: { hpoId: 'HP:0002902', limits: { 'mmol/l': 135, 'meq/l': 135 } },
  },
  {
    names: ['potassium', 'serum potassium'],
    high: { hpoId: 'HP:0002153', limits: { 'mmol/l': 5.5, 'meq/l': 5.5 } },
    low: { hpoId: 'HP:0002900', limits: { 'mmol/l': 3.5, 'meq/l': 3.5 } },
  },
  {
    names: ['calcium', 'serum calcium', 'total calcium'],
    high: { hpoId: 'HP:0003072', limits: { 'mmol/l': 2.65, 'mg/dl': 10.5 } },
    low: { hpoId: 'HP:0002901', limits: { 'mmol/l': 2.1, 'mg/dl': 8.5 } },
  },
  { names: ['hemoglobin', 'haemoglobin', 'hb', 'hgb'], low: { hpoId: 'HP:0001903', limits: { 'g/dl': 11, 'g/l': 110, 'mmol/l': 6.8 } } },
  {
    names: ['platelets', 'platelet count', 'platelet', 'plt'],
    high: { hpoId: 'HP:0001894', limits: { '×10^9/l': 450, 'x10^9/l': 450, '10^9/l': 450, '×10⁹/l': 450, 'g/l': 450, '/nl': 450, 'k/µl': 450, 'k/ul': 450, '×10^3/µl': 450, 'x10^3/µl': 450, '×10^3/ul': 450, 'x10^3/ul': 450 } },
    low: { hpoId: 'HP:0001873', limits: { '×10^9/l': 150, 'x10^9/l': 150, '10^9/l': 150, '×10⁹/l': 150, 'g/l': 150, '/nl': 150, 'k/µl': 150, 'k/ul': 150, '×10^3/µl': 150, 'x10^3/µl': 150, '×10^3/ul': 150, 'x10^3/ul': 150 } },
  },
  { names: ['tsh', 'thyroid-stimulating hormone', 'thyroid stimulating hormone', 'thyrotropin'], high: { hpoId: 'HP:0002925', limits: { 'miu/l': 5, 'mu/l': 5, 'µiu/ml': 5, 'uiu/ml': 5, 'μiu/ml': 5 } } },
  { names: ['crp', 'c-reactive protein', 'c reactive protein'], high: { hpoId: 'HP:0011227', limits: { 'mg/l': 10, 'mg/dl': 1 } } },
];

const HIGH_WORDS = new Set(['elevated', 'increased', 'raised', 'high', 'higher', 'elevation', 'increase']);
const LOW_WORDS = new Set(['decreased', 'reduced', 'low', 'lower', 'diminished', 'depressed']);
/** Words allowed between an analyte and its value or direction ("CK levels were markedly elevated at 5000"). */
const FILLER = new Set(['level', 'levels', 'concentration', 'concentrations', 'activity', 'value', 'values', 'was', 'were', 'is', 'are', 'of', 'at', 'to', 'up', 'reaching', 'reached', 'peak', 'peaked', 'markedly', 'mildly', 'slightly', 'moderately', 'severely', 'significantly', 'persistently', 'highly', 'very', 'greatly', 'in', 'the', 'serum', 'plasma', 'blood', 'measured', 'found', 'had', 'has', 'with', 'a', 'an', 'about', 'approximately', 'over', 'than', 'of']);
const PUNCT_FILLER = new Set([':', '=', '(', '>', '≥', ',', '~', '≈']);
const MAX_GAP = 6;

export interface LabFinding {
  first: number;
  last: number;
  hpoId: string;
  /** true when a number was compared with a limit (not only a direction word) */
  measured: boolean;
}

interface AnalyteNode {
  next?: Map<string, AnalyteNode>;
  analyte?: Analyte;
}

export class LabMeasurements {
  private readonly root: AnalyteNode = {};

  constructor(analytes: readonly Analyte[] = ANALYTES) {
    for (const a of analytes) {
      for (const name of a.names) {
        let node = this.root;
        for (const w of name.split(/[\s-]+/)) {
          node.next ??= new Map();
          let child = node.next.get(w);
          if (!child) node.next.set(w, (child = {}));
          node = child;
        }
        node.analyte = a;
      }
    }
  }

  /** Lab findings outside the tokens already taken. Linear: each analyte looks at a bounded window. */
  find(text: string, tokens: readonly Token[], sentence: Int32Array, taken: Uint8Array): LabFinding[] {
    const out: LabFinding[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      if (taken[i] || tokens[i]!.kind !== WORD) continue;
      // Longest analyte name at i.
      let node: AnalyteNode | undefined = this.root;
      let end = -1;
      let analyte: Analyte | undefined;
      for (let j = i; j < tokens.length && !taken[j] && tokens[j]!.kind === WORD; j += 1) {
        node = node.next?.get(tokens[j]!.lower);
        if (!node) break;
        if (node.analyte) {
          end = j + 1;
          analyte = node.analyte;
        }
      }
      if (!analyte) continue;
      // Short abbreviations ("na", "alt", "hb") must be written in capitals or mixed case, not as ordinary words.
      if (end - i === 1 && tokens[i]!.lower.length <= 3 && text.slice(tokens[i]!.start, tokens[i]!.end) === tokens[i]!.lower) continue;
      const f = this.valueAfter(text, tokens, sentence, taken, i, end, analyte) ?? this.directionAround(tokens, sentence, taken, i, end, analyte);
      if (f) {
        out.push(f);
        i = f.last - 1;
      }
    }
    return out;
  }

  private valueAfter(text: string, tokens: readonly Token[], sentence: Int32Array, taken: Uint8Array, first: number, end: number, a: Analyte): LabFinding | undefined {
    let k = end;
    let gap = 0;
    while (k < tokens.length && gap < MAX_GAP && sentence[k] === sentence[first] && !taken[k]) {
      const t = tokens[k]!;
      if (t.kind === NUMBER) break;
      if (!(t.kind === WORD ? FILLER.has(t.lower) || HIGH_WORDS.has(t.lower) || LOW_WORDS.has(t.lower) : PUNCT_FILLER.has(t.lower))) return undefined;
      k += 1;
      gap += 1;
    }
    const num = tokens[k];
    if (!num || num.kind !== NUMBER) return undefined;
    const value = Number(num.lower.replace(/,(?=\d{3}\b)/g, ''));
    if (!Number.isFinite(value)) return undefined;
    const unit = unitAfter(text, num.end);
    if (!unit) return undefined;
    let last = k + 1;
    while (last < tokens.length && tokens[last]!.start < unit.end) last += 1;
    if (a.high) {
      const limit = a.high.limits[unit.unit];
      if (limit !== undefined && value > limit) return { first, last, hpoId: a.high.hpoId, measured: true };
    }
    if (a.low) {
      const limit = a.low.limits[unit.unit];
      if (limit !== undefined && value < limit) return { first, last, hpoId: a.low.hpoId, measured: true };
    }
    return undefined;
  }

  /** "elevated CK", "CK was markedly raised" */
  private directionAround(tokens: readonly Token[], sentence: Int32Array, taken: Uint8Array, first: number, end: number, a: Analyte): LabFinding | undefined {
    const prev = tokens[first - 1];
    const direction = (t: Token | undefined) => (t && t.kind === WORD ? (HIGH_WORDS.has(t.lower) ? a.high : LOW_WORDS.has(t.lower) ? a.low : undefined) : undefined);
    const before = first > 0 && !taken[first - 1] && sentence[first - 1] === sentence[first] ? direction(prev) : undefined;
    if (before) return { first: first - 1, last: end, hpoId: before.hpoId, measured: false };
    for (let k = end, gap = 0; k < tokens.length && gap < MAX_GAP && sentence[k] === sentence[first] && !taken[k]; k += 1, gap += 1) {
      const t = tokens[k]!;
      const d = direction(t);
      if (d) return { first, last: k + 1, hpoId: d.hpoId, measured: false };
      if (!(t.kind === WORD && FILLER.has(t.lower))) return undefined;
    }
    return undefined;
  }
}

/** The unit written after a number ("U/L", " mmol/l", "×10^9/L"): lower case, spaces removed. */
function unitAfter(text: string, from: number): { unit: string; end: number } | undefined {
  let i = from;
  while (i < text.length && text[i] === ' ') i += 1;
  const start = i;
  const limit = Math.min(text.length, start + 14);
  while (i < limit && /[^\s,;)\]]/.test(text[i]!)) i += 1;
  let raw = text.slice(start, i).replace(/\.$/, '');
  if (!raw) return undefined;
  raw = raw.toLowerCase().replace(/\*/g, '^').replace(/μ/g, 'µ');
  // "×10^9 / L" written with spaces is rare; a trailing period or closing bracket is not part of the unit.
  return { unit: raw, end: start + raw.length };
}

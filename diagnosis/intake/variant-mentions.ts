/**
 * Genetic results written in a clinical text, as candidate variants for the ranker (the candidate-variant input of
 * lab reports and family data): "NF1 sequencing identified a heterozygous pathogenic variant, c.4537C>T
 * p.(Arg1513*)", "a de novo SCN1A variant NM_001165963.4:c.664C>T", "homozygous for c.1521_1523delCTT in CFTR",
 * "a maternally inherited 16p11.2 deletion". Per result sentence: each HGVS description (c., g., n., m., r. with or
 * without a transcript; the p. description next to it), or, without HGVS, a gene named with a variant word and a
 * result word (zygosity, inheritance or class); with the gene, zygosity, inheritance, ACMG class and test named in
 * the sentence, and the span of the mention so the UI can show it.
 *
 * Gene symbols come from the snapshot's gene table (symbols and aliases → the current symbol); a symbol is read as a
 * gene only in a sentence about genetics (a genetic word or an HGVS description in it, or "gene", "variant",
 * "sequencing" ... right after it), so the clinical abbreviations that are also symbols ("CP", "MR", "HR", "ASD"
 * in clinical senses) and ordinary capitalised words stay words. Sentences of plans ("I have sent FBN1 sequencing")
 * and negative results ("parental testing was negative") name no variant and give none.
 */
export type Zygosity = 'heterozygous' | 'homozygous' | 'hemizygous' | 'compound heterozygous' | 'mosaic';
export type VariantInheritance = 'de novo' | 'maternal' | 'paternal' | 'inherited';
export type AcmgClass = 'pathogenic' | 'likely pathogenic' | 'uncertain significance' | 'likely benign' | 'benign';

export interface CandidateVariant {
  /** current gene symbol, when one is named */
  gene?: string;
  /** HGVS descriptions as written */
  hgvs: { transcript?: string; c?: string; g?: string; p?: string; other?: string };
  /** a structural or repeat description when there is no HGVS ("16p11.2 deletion", "exon 3 deletion") */
  description?: string;
  zygosity?: Zygosity;
  inheritance?: VariantInheritance;
  classification?: AcmgClass;
  /** the test that found it ("exome sequencing", "gene panel", "microarray") */
  test?: string;
  /** character offsets of the mention (the HGVS, else the gene and variant words), end exclusive */
  start: number;
  end: number;
  text: string;
}

/** Gene symbols and aliases (the ranking tables' genes), case-sensitive. */
export interface GeneSymbols {
  /** symbol or alias as written → current symbol */
  resolve(word: string): string | undefined;
}

export function geneSymbols(symbols: readonly string[], aliases: readonly (readonly string[])[] = []): GeneSymbols {
  const map = new Map<string, string>();
  aliases.forEach((list, i) => {
    for (const a of list) if (a && !map.has(a) && isSymbolLike(a)) map.set(a, symbols[i]!);
  });
  for (const s of symbols) if (s) map.set(s, s);
  return { resolve: (w) => map.get(w) };
}

/** What a symbol looks like: capitals and digits, starting with a capital ("FBN1", "SCN1A", "HLA-B"), or "C12orf57". */
const isSymbolLike = (w: string) => /^[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]+)?$/.test(w) || /^C\d+orf\d+$/.test(w);
/** Short all-letter symbols are clinical abbreviations as often ("CP", "MR", "HR", "AR"): a gene only with a gene word after. */
const isAmbiguousSymbol = (w: string) => /^[A-Z]{2,3}$/.test(w);

const TRANSCRIPT = String.raw`(?:(?:NM|NR|NC|NG|XM|XR|NP|LRG)_\d+(?:\.\d+)?|ENS[TG]\d+(?:\.\d+)?)`;
const HGVS = new RegExp(String.raw`(?:(${TRANSCRIPT})(?:\([A-Z0-9-]+\))?\s*:\s*)?\b([cgnmr])\.((?:[-*]?\d+(?:[-+]\d+)?(?:_[-*]?\d+(?:[-+]\d+)?)?)(?:[ACGTUacgtu]+>[ACGTUacgtu]+|del(?:ins)?[ACGT]*\d*|dup[ACGT]*|ins[ACGT]+\d*|inv|=|\[\d+\]|[ACGT]*\[\d+\])*)`, 'g');
const PROTEIN = /\bp\.\(?(?:[A-Z][a-z]{2}|[A-Z*])\d+(?:_(?:[A-Z][a-z]{2}|[A-Z])\d+)?(?:[A-Z][a-z]{2}|[A-Z*=?]|del|dup|ins(?:[A-Z][a-z]{2}|[A-Z])+|delins(?:[A-Z][a-z]{2}|[A-Z])+)*(?:fs(?:\*|Ter|X)?\d*|\*|Ter|X)?\)?/g;
const STRUCTURAL = /\b(?:\d{1,2}|X|Y)[pq]\d+(?:\.\d+)*(?:q\d+(?:\.\d+)*)?\s*(?:micro)?(?:deletion|duplication|triplication)\b|\bexons?\s*\d+(?:\s*(?:-|–|to|and)\s*\d+)?\s*(?:deletion|duplication)\b|\b(?:full|pre-?)\s*mutation\b|\b(?:CAG|CTG|CGG|GAA|CCTG|GGGGCC)\s*(?:repeat\s*)?expansion\b/gi;

const ZYGOSITY: readonly [RegExp, Zygosity][] = [
  [/\bcompound(?:[- ]heterozygous| heterozygote)\b|\bcompound het\b|\bbiallelic\b/i, 'compound heterozygous'],
  [/\bhomozygous|\bhomozygote\b/i, 'homozygous'],
  [/\bhemizygous|\bhemizygote\b/i, 'hemizygous'],
  [/\bmosaic|\bmosaicism\b/i, 'mosaic'],
  [/\bheterozygous|\bheterozygote\b|\bmonoallelic\b/i, 'heterozygous'],
];
const INHERITANCE: readonly [RegExp, VariantInheritance][] = [
  [/\bde[- ]novo\b/i, 'de novo'],
  [/\bmaternally[- ]inherited\b|\binherited from (?:his|her|the) mother\b|\bmaternal (?:origin|inheritance)\b|\bfrom (?:his|her) mother\b/i, 'maternal'],
  [/\bpaternally[- ]inherited\b|\binherited from (?:his|her|the) father\b|\bpaternal (?:origin|inheritance)\b|\bfrom (?:his|her) father\b/i, 'paternal'],
  [/\binherited\b/i, 'inherited'],
];
const CLASSES: readonly [RegExp, AcmgClass][] = [
  [/\blikely pathogenic\b|\bLP\b/, 'likely pathogenic'],
  [/\b(?:variant|variants) of (?:uncertain|unknown) (?:clinical )?significance\b|\bVUS\b|\buncertain significance\b/i, 'uncertain significance'],
  [/\blikely benign\b/i, 'likely benign'],
  [/\bpathogenic\b/i, 'pathogenic'],
  [/\bbenign\b/i, 'benign'],
];
const TESTS: readonly [RegExp, string][] = [
  [/\b(?:whole[- ])?exome sequencing\b|\bWES\b|\btrio exome\b|\bexome\b/i, 'exome sequencing'],
  [/\b(?:whole[- ])?genome sequencing\b|\bWGS\b/i, 'genome sequencing'],
  [/\b(?:gene|multigene|multi-gene|NGS) panel\b|\bpanel\b/i, 'gene panel'],
  [/\bmicroarray\b|\barray[- ]CGH\b|\baCGH\b|\bSNP array\b|\bCMA\b/i, 'chromosomal microarray'],
  [/\bMLPA\b/, 'MLPA'],
  [/\bmethylation\b/i, 'methylation analysis'],
  [/\brepeat (?:analysis|sizing|testing)\b|\brepeat-primed PCR\b/i, 'repeat analysis'],
  [/\bkaryotype\b/i, 'karyotype'],
  [/\bSanger\b/i, 'Sanger sequencing'],
  [/\bsequencing\b/i, 'sequencing'],
];
/** A sentence about genetics: one of these words, or an HGVS description. */
const GENETIC_CUES = /\b(variants?|mutations?|sequencing|sequenced|genes?|panel|exome|genome|heterozygous|homozygous|hemizygous|de novo|pathogenic|VUS|deletion|duplication|microdeletion|microarray|MLPA|allele|splice|frameshift|nonsense|missense|truncating|testing|analysis)\b/i;
/** Words right after a symbol that make it a gene even alone. */
const GENE_AFTER = /^[\s(,]*(?:gene|variant|variants|mutation|mutations|sequencing|analysis|testing|test|deletion|duplication|triplication|expansion|-related|-associated|related|associated|c\.|p\.|:)/i;
/** Words right before a symbol that make it a gene: "a variant in VHL", "an expansion in DMPK". */
const GENE_BEFORE = /(?:variants?|mutations?|deletions?|duplications?|expansions?|changes?|alterations?|allele)\s+(?:in|of|within|at)\s+(?:the\s+)?$/i;
/** A gene-level copy-number or repeat change right after the symbol ("PMP22 duplication"). */
const GENE_CHANGE = /^\s+(?:(?:whole|partial|intragenic)[- ](?:gene\s+)?)?(deletion|duplication|triplication|(?:repeat\s+)?expansion)\b/i;
/** A result, not a plan or a negative: something was found. */
const FOUND = /\b(identified|identifies|showed|shows|revealed|reveals|detected|found|confirmed|confirms|carries|carrying|harbou?rs?|demonstrated|is heterozygous|is homozygous|is hemizygous|has a|have a|with a|result|results)\b/i;
const NEGATIVE = /\b(negative|normal|no (?:pathogenic |causative |likely pathogenic )?(?:variants?|mutations?)|did not (?:identify|detect|show|reveal)|not detected|not identified|was not found)\b/i;
const PLAN = /\b(sent|send|requested|request|arranged|arrange|will|would|pending|awaited|planned|plan|if|offer|offered|consider|considering|recommend)\b/i;

function firstOf<T>(text: string, table: readonly [RegExp, T][]): T | undefined {
  for (const [re, v] of table) if (re.test(text)) return v;
  return undefined;
}

/** Sentences of a text as [start, end) offsets (". " and line breaks end them). */
function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  const re = /(?<=[.!?])\s+(?=[A-Z(])|\n+/g;
  for (const m of text.matchAll(re)) {
    if (m.index > start) out.push([start, m.index]);
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

export function findCandidateVariants(text: string, genes: GeneSymbols | undefined): CandidateVariant[] {
  const out: CandidateVariant[] = [];
  for (const [s, e] of sentences(text)) {
    const sentence = text.slice(s, e);
    const hgvs = [...sentence.matchAll(HGVS)];
    const structural = [...sentence.matchAll(STRUCTURAL)];
    if (hgvs.length === 0 && !GENETIC_CUES.test(sentence)) continue;
    // Genes of the sentence: symbols (or aliases) in a genetic sentence.
    const geneHits: { symbol: string; at: number; end: number; change?: string }[] = [];
    if (genes) {
      for (const m of sentence.matchAll(/\b[A-Z][A-Za-z0-9]*(?:-[0-9A-Z]+)?\b/g)) {
        if (!isSymbolLike(m[0])) continue;
        const symbol = genes.resolve(m[0]);
        if (!symbol) continue;
        const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 14);
        const geneWord = GENE_AFTER.test(after) || GENE_BEFORE.test(sentence.slice(Math.max(0, m.index - 40), m.index));
        if (isAmbiguousSymbol(m[0]) && !geneWord) continue;
        if (hgvs.length === 0 && !geneWord && !/\b(variant|mutation|deletion|duplication|expansion)s?\b/i.test(sentence)) continue;
        const change = GENE_CHANGE.exec(sentence.slice(m.index + m[0].length));
        geneHits.push({ symbol, at: s + m.index, end: s + m.index + m[0].length + (change ? change[0].length : 0), change: change?.[1] });
      }
    }
    const nearestGene = (at: number) => {
      let best: (typeof geneHits)[number] | undefined;
      for (const g of geneHits) if (!best || Math.abs(g.at - at) < Math.abs(best.at - at) || (g.at <= at && best.at > at)) best = g;
      return best;
    };
    const common = {
      zygosity: firstOf(sentence, ZYGOSITY),
      inheritance: firstOf(sentence, INHERITANCE),
      classification: firstOf(sentence, CLASSES),
      test: firstOf(sentence, TESTS),
    };
    const dropUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
    const proteins = [...sentence.matchAll(PROTEIN)];
    const used = new Set<number>();
    for (const h of hgvs) {
      const start = s + h.index;
      let end = s + h.index + h[0].length;
      const kind = h[2]!;
      const description = `${kind}.${h[3]!}`;
      // the protein description right after the c. one ("c.4537C>T p.(Arg1513*)")
      const p = proteins.find((x, i) => !used.has(i) && x.index >= h.index + h[0].length && x.index - (h.index + h[0].length) <= 4 && used.add(i));
      if (p) end = s + p.index + p[0].length;
      const gene = nearestGene(start);
      out.push(
        dropUndefined({
          gene: gene?.symbol,
          hgvs: dropUndefined({ transcript: h[1], c: kind === 'c' ? description : undefined, g: kind === 'g' ? description : undefined, other: kind !== 'c' && kind !== 'g' ? description : undefined, p: p?.[0] }),
          ...common,
          start,
          end,
          text: text.slice(start, end),
        }),
      );
    }
    // No HGVS: a named gene or a structural change, in a sentence that reports a finding.
    if (hgvs.length === 0 && FOUND.test(sentence) && !NEGATIVE.test(sentence) && !(PLAN.test(sentence) && !common.zygosity && !common.classification)) {
      const resultWords = common.zygosity || common.inheritance || common.classification;
      const geneChanges = geneHits.filter((g) => g.change);
      if (structural.length) {
        for (const x of structural) {
          const start = s + x.index;
          const gene = nearestGene(start);
          out.push(dropUndefined({ gene: gene?.symbol, hgvs: {}, description: x[0], ...common, start, end: start + x[0].length, text: x[0] }));
        }
      } else if (geneChanges.length) {
        for (const g of geneChanges) out.push(dropUndefined({ gene: g.symbol, hgvs: {}, description: text.slice(g.at, g.end), ...common, start: g.at, end: g.end, text: text.slice(g.at, g.end) }));
      } else if (resultWords) {
        for (const g of geneHits) out.push(dropUndefined({ gene: g.symbol, hgvs: {}, ...common, start: g.at, end: g.end, text: text.slice(g.at, g.end) }));
      }
    }
    // Protein-only descriptions ("p.Arg1513*") with a gene and no c.
    if (hgvs.length === 0) {
      proteins.forEach((p) => {
        const start = s + p.index;
        if (out.some((v) => v.start <= start && start < v.end)) return;
        const gene = nearestGene(start);
        if (!gene) return;
        out.push(dropUndefined({ gene: gene.symbol, hgvs: { p: p[0] }, ...common, start, end: start + p[0].length, text: p[0] }));
      });
    }
  }
  return out;
}

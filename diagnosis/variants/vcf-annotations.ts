import { canonicalConsequence, consequenceRank, impactOf } from './consequence-severity.js';

/** What a VEP (CSQ) or SnpEff (ANN) annotation says about one ALT allele (its most severe transcript). */
export interface AlleleAnnotation {
  source: 'VEP' | 'SnpEff';
  consequence: string;
  impact: 'HIGH' | 'MODERATE' | 'LOW' | 'MODIFIER';
  symbol?: string;
  hgvsC?: string;
  hgvsP?: string;
  /** highest population allele frequency found (gnomAD, MAX_AF, AF fields) */
  populationAf?: number;
  revel?: number;
  caddPhred?: number;
  /** highest SpliceAI delta score */
  spliceAi?: number;
}

export interface AnnotationFormat {
  tag: 'CSQ' | 'ANN';
  fields: string[];
}

/** Reads the CSQ / ANN field lists from the header's INFO descriptions. */
export function annotationFormats(infoMeta: Record<string, { Description?: unknown } | undefined>): AnnotationFormat[] {
  const out: AnnotationFormat[] = [];
  const csq = String(infoMeta['CSQ']?.Description ?? '');
  const m = /Format:\s*([^"]+)/.exec(csq);
  if (m) out.push({ tag: 'CSQ', fields: m[1]!.trim().split('|').map((s) => s.trim()) });
  const ann = String(infoMeta['ANN']?.Description ?? '');
  const n = /Functional annotations:\s*'?([^'"]+)'?/.exec(ann);
  if (n) out.push({ tag: 'ANN', fields: n[1]!.split('|').map((s) => s.trim()) });
  return out;
}

/** The value of one INFO key in a raw INFO column (no full INFO parse: see vcf-reader.ts). */
export function infoValue(info: string, key: string): string | undefined {
  if (info === '.' || info === '') return undefined;
  let i = info.startsWith(`${key}=`) ? 0 : info.indexOf(`;${key}=`);
  if (i < 0) return undefined;
  if (i > 0) i += 1;
  const start = i + key.length + 1;
  const end = info.indexOf(';', start);
  return info.slice(start, end < 0 ? undefined : end);
}

const num = (s: string | undefined) => {
  if (s === undefined || s === '' || s === '.') return undefined;
  const n = Number(s.split('&')[0]);
  return Number.isFinite(n) ? n : undefined;
};

const afFields = ['gnomAD_AF', 'gnomADe_AF', 'gnomADg_AF', 'gnomAD_exomes_AF', 'gnomAD_genomes_AF', 'MAX_AF', 'AF', 'ExAC_AF', '1000Gp3_AF'];

/** VEP's representation of an ALT allele: the shared first base of REF and all ALTs is dropped, '' becomes '-'. */
export function vepAllele(ref: string, alts: string[], alt: string): string {
  const first = ref[0];
  const shared = alts.every((a) => a[0] === first) && alts.every((a) => a.length > 1 || ref.length > 1);
  if (!shared) return alt;
  const trimmed = alt.slice(1);
  return trimmed === '' ? '-' : trimmed;
}

/**
 * The most severe annotation of ALT allele `altIndex` (0-based among the record's ALTs). Population frequency and
 * predictor scores are the highest over the allele's entries, so a common allele is never made to look rare.
 */
export function annotateAllele(
  info: string,
  formats: AnnotationFormat[],
  ref: string,
  alts: string[],
  altIndex: number,
): AlleleAnnotation | undefined {
  for (const f of formats) {
    const raw = infoValue(info, f.tag);
    if (!raw) continue;
    const idx = (name: string) => f.fields.findIndex((x) => x.toLowerCase() === name.toLowerCase());
    const alt = alts[altIndex]!;
    const want = f.tag === 'CSQ' ? vepAllele(ref, alts, alt) : alt;
    const iAllele = idx('Allele');
    const iNum = idx('ALLELE_NUM');
    const iCons = f.tag === 'CSQ' ? idx('Consequence') : idx('Annotation');
    const iImpact = f.tag === 'CSQ' ? idx('IMPACT') : idx('Annotation_Impact');
    const iSymbol = f.tag === 'CSQ' ? idx('SYMBOL') : idx('Gene_Name');
    const iHgvsC = f.tag === 'CSQ' ? idx('HGVSc') : idx('HGVS.c');
    const iHgvsP = f.tag === 'CSQ' ? idx('HGVSp') : idx('HGVS.p');
    let best: AlleleAnnotation | undefined;
    let bestRank = Infinity;
    let af: number | undefined;
    let revel: number | undefined;
    let cadd: number | undefined;
    let splice: number | undefined;
    const max = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
    for (const entry of raw.split(',')) {
      const v = entry.split('|');
      const matches = iNum >= 0 && v[iNum] ? Number(v[iNum]) === altIndex + 1 : iAllele < 0 || v[iAllele] === want || v[iAllele] === alt;
      if (!matches) continue;
      for (const name of afFields) {
        const i = idx(name);
        if (i >= 0) af = max(af, num(v[i]));
      }
      const iRevel = idx('REVEL') >= 0 ? idx('REVEL') : idx('REVEL_score');
      if (iRevel >= 0) revel = max(revel, num(v[iRevel]));
      const iCadd = idx('CADD_PHRED');
      if (iCadd >= 0) cadd = max(cadd, num(v[iCadd]));
      for (const name of ['SpliceAI_pred_DS_AG', 'SpliceAI_pred_DS_AL', 'SpliceAI_pred_DS_DG', 'SpliceAI_pred_DS_DL']) {
        const i = idx(name);
        if (i >= 0) splice = max(splice, num(v[i]));
      }
      const terms = (v[iCons] ?? '').split('&').filter(Boolean);
      for (const t of terms) {
        const r = consequenceRank(t);
        if (r < bestRank) {
          bestRank = r;
          const impact = (v[iImpact] ?? '').toUpperCase();
          best = {
            source: f.tag === 'CSQ' ? 'VEP' : 'SnpEff',
            consequence: canonicalConsequence(t),
            impact: impact === 'HIGH' || impact === 'MODERATE' || impact === 'LOW' || impact === 'MODIFIER' ? impact : impactOf(t),
            symbol: v[iSymbol] || undefined,
            hgvsC: v[iHgvsC] || undefined,
            hgvsP: v[iHgvsP] || undefined,
          };
        }
      }
    }
    if (!best) continue;
    // Scores also found as plain INFO fields (dbNSFP / SpliceAI VCF plugins).
    af = max(af, num(infoValue(info, 'gnomAD_AF')));
    cadd = max(cadd, num(infoValue(info, 'CADD_PHRED')));
    revel = max(revel, num(infoValue(info, 'REVEL')));
    const spliceInfo = infoValue(info, 'SpliceAI');
    if (spliceInfo) for (const e of spliceInfo.split(',')) splice = max(splice, Math.max(...e.split('|').slice(2, 6).map((x) => num(x) ?? 0)));
    return { ...best, populationAf: af, revel, caddPhred: cadd, spliceAi: splice };
  }
  return undefined;
}

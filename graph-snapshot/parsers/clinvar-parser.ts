import VCF from '@gmod/vcf';
import { readLines } from '../io/line-reader.js';
import { openTsv } from '../io/tsv-reader.js';
import { InputError } from '../../common/input-error.js';
import { SkipLog } from '../io/skip-log.js';
import { normaliseChrom } from './ncbi-gene-parser.js';
import { reviewStars, summariseSignificance, type ClinicalSignificance } from './clinvar-significance.js';
import { prevalencePerMillion } from './clinvar-prevalence.js';

export interface ClinVarRecord {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  variationId?: string;
  geneSymbol?: string;
  significance: ClinicalSignificance;
  significanceRaw: string;
  reviewStatus: string;
  stars: number;
  traits: string[];
  /** the prevalence (per million) the record states for its trait, as an Orphanet class (MacArthur-lab PREVALENCE) */
  prevalencePerMillion?: number;
  /** genomic HGVS from the VCF (NCBI CLNHGVS), when present */
  hgvsG?: string;
  line: number;
}

export interface ClinVarDocument {
  /** `##fileDate` or `##reference`-style declared release, when present */
  release?: string;
  assembly?: string;
  /** the `#` header lines, for genome-build detection */
  header: string[];
  records: ClinVarRecord[];
}

const acgtn = /^[ACGTN]+$/i;

function infoString(info: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = info[k];
    if (v === undefined || v === true) continue;
    if (Array.isArray(v)) {
      const parts = v.filter((x) => x !== undefined && x !== null).map(String);
      if (parts.length) return parts.join(',');
    } else {
      return String(v);
    }
  }
  return undefined;
}

/** MacArthur-lab ClinVar files encode ' ' as '_' and ', ' as '..' inside INFO values. */
const decodeInfoText = (s: string) => s.replace(/\.\._?/g, ', ').replace(/_/g, ' ').replace(/ {2,}/g, ' ');

/**
 * Streams a ClinVar VCF: NCBI's own (CLNSIG, CLNREVSTAT, GENEINFO, CLNDN, CLNHGVS) or the MacArthur-lab flat
 * build (CLINICAL_SIGNIFICANCE, REVIEW_STATUS, SYMBOL, ALL_TRAITS). Records without a usable ALT or with
 * non-ACGTN alleles are counted in `skips`, not silently dropped.
 */
export async function parseClinVarVcf(path: string, skips = new SkipLog()): Promise<ClinVarDocument> {
  const header: string[] = [];
  let parser: VCF | undefined;
  const doc: ClinVarDocument = { header, records: [] };
  for await (const { text, line } of readLines(path)) {
    if (!parser) {
      if (text.startsWith('#')) {
        header.push(text);
        const fileDate = /^##fileDate=(\S+)/.exec(text);
        if (fileDate) doc.release = fileDate[1];
        const ref = /^##reference=(\S+)/.exec(text);
        if (ref) doc.assembly = ref[1];
        if (text.startsWith('#CHROM')) {
          try {
            parser = new VCF({ header: header.join('\n'), strict: false });
          } catch (err) {
            throw new InputError(path, line, `invalid VCF header: ${(err as Error).message.split('\n')[0]}`);
          }
        }
        continue;
      }
      throw new InputError(path, line, 'data line before the #CHROM header line: not a VCF file');
    }
    if (text === '') continue;
    const cells = text.split('\t', 9);
    if (cells.length < 8) throw new InputError(path, line, `expected at least 8 VCF columns, found ${cells.length}`);
    let v;
    try {
      v = parser.parseLine(text);
    } catch (err) {
      throw new InputError(path, line, `malformed VCF record: ${(err as Error).message}`);
    }
    const ref = (v.REF ?? '').toUpperCase();
    const alts = v.ALT ?? [];
    if (!Number.isInteger(v.POS) || v.POS < 1) throw new InputError(path, line, `invalid POS "${cells[1]}"`);
    const info = v.INFO as Record<string, unknown>;
    const sigRaw = infoString(info, 'CLNSIG', 'CLINICAL_SIGNIFICANCE') ?? '';
    const revRaw = infoString(info, 'CLNREVSTAT', 'REVIEW_STATUS') ?? '';
    const geneInfo = infoString(info, 'GENEINFO');
    const symbol = geneInfo ? geneInfo.split('|')[0]!.split(':')[0] : infoString(info, 'SYMBOL');
    const traitsRaw = infoString(info, 'CLNDN', 'ALL_TRAITS') ?? '';
    const traits = [...new Set(traitsRaw.split(/[|]/).map((t) => decodeInfoText(t).trim()).filter((t) => t && t !== 'not provided'))];
    const variationId = infoString(info, 'MEASURESET_ID') ?? (v.ID?.[0] && v.ID[0] !== '.' ? v.ID[0] : undefined);
    for (const altRaw of alts) {
      const alt = (altRaw ?? '').toUpperCase();
      if (!alt || alt === '.' || alt === '*') {
        skips.add('ClinVar record without an ALT allele', path, line, text.slice(0, 60));
        continue;
      }
      if (!acgtn.test(ref) || !acgtn.test(alt)) {
        skips.add('ClinVar record with a symbolic or non-ACGTN allele', path, line, `${ref}>${alt}`);
        continue;
      }
      doc.records.push({
        chrom: normaliseChrom(v.CHROM ?? ''),
        pos: v.POS,
        ref,
        alt,
        variationId,
        geneSymbol: symbol || undefined,
        significance: summariseSignificance(sigRaw),
        significanceRaw: decodeInfoText(sigRaw),
        reviewStatus: decodeInfoText(revRaw),
        stars: reviewStars(revRaw),
        traits,
        prevalencePerMillion: prevalencePerMillion(infoString(info, 'PREVALENCE')),
        hgvsG: infoString(info, 'CLNHGVS'),
        line,
      });
    }
  }
  if (!parser) throw new InputError(path, undefined, 'no #CHROM header line: not a VCF file');
  return doc;
}

export interface ClinVarHgvs {
  hgvsC?: string;
  hgvsP?: string;
}

/** MacArthur-lab ClinVar TSV: HGVS c. and p. per GRCh37 `chrom:pos:ref:alt`. */
export async function parseClinVarHgvsTsv(path: string): Promise<Map<string, ClinVarHgvs>> {
  const t = await openTsv(path, { requiredColumns: ['chrom', 'pos', 'ref', 'alt', 'hgvs_c', 'hgvs_p'], strictColumnCount: false });
  const [c, p, r, a, hc, hp] = ['chrom', 'pos', 'ref', 'alt', 'hgvs_c', 'hgvs_p'].map((x) => t.column(x)) as number[];
  const out = new Map<string, ClinVarHgvs>();
  for await (const { cells } of t.rows) {
    const key = `${normaliseChrom(cells[c!] ?? '')}:${cells[p!]}:${cells[r!]}:${cells[a!]}`;
    const hgvsC = (cells[hc!] ?? '').trim();
    const hgvsP = (cells[hp!] ?? '').trim();
    if (hgvsC || hgvsP) out.set(key, { hgvsC: hgvsC || undefined, hgvsP: hgvsP || undefined });
  }
  return out;
}

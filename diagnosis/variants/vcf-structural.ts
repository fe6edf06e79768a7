import { parseGenotype } from './genotype.js';
import { copyNumberCall, symbolicKind, type StructuralCall } from './structural-call.js';

/** The columns of one VCF record a symbolic copy-number allele needs. */
export interface StructuralRecordText {
  chrom: string;
  pos: number;
  alt: string;
  info: string;
  format: string;
  sample: string;
  line: number;
  source: string;
}

export type StructuralOutcome = { ok: true; call: StructuralCall } | { ok: false; reason: string; detail: string } | { ok: 'not-copy-number' };

function infoValue(info: string, key: string): string | undefined {
  for (const part of info.split(';')) {
    const eq = part.indexOf('=');
    if ((eq < 0 ? part : part.slice(0, eq)) === key) return eq < 0 ? '' : part.slice(eq + 1);
  }
  return undefined;
}

const intOf = (s: string | undefined): number | undefined => (s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined);

/**
 * Reads a record with symbolic copy-number ALT alleles (VCF 4.3 §5.3-5.4): `<DEL>`, `<DEL:ME:ALU>`, `<DUP>`,
 * `<DUP:TANDEM>`, `<CNV>`, `<CN0>`... The event covers POS+1 .. END (POS is the padding base before it); without END,
 * POS+1 .. POS+|SVLEN| (SVLEN is negative for deletions before VCF 4.4, positive from 4.4). The copy number is FORMAT
 * CN of the proband, else INFO CN; for `<CNV>` it decides loss (< 2) or gain (> 2), and a copy-neutral call is no
 * event. With several ALTs (`<DEL>,<DUP>`, as GATK's gCNV writes) the proband's GT names the allele, else CN decides.
 * Other symbolic alleles (`<INV>`, `<INS>`, breakends) are not copy-number changes (`not-copy-number`).
 * `expected`: the copies the proband normally has there (structural-call.ts expectedCopies: 1 on a male's X).
 */
export function readStructuralRecord(r: StructuralRecordText, expected = 2): StructuralOutcome {
  const alts = r.alt.split(',');
  const kinds = alts.map(symbolicKind);
  if (kinds.every((k) => k === undefined)) return { ok: 'not-copy-number' };
  const keys = r.format.split(':');
  const values = r.sample.split(':');
  const field = (k: string) => {
    const i = keys.indexOf(k);
    return i < 0 ? undefined : values[i];
  };
  const gtText = field('GT');
  const gt = gtText !== undefined ? parseGenotype(gtText) : undefined;
  const formatCn = intOf(field('CN'));
  const infoCn = intOf(infoValue(r.info, 'CN'));
  // which ALT: the proband's GT when it names one, else the only one, else the one the copy number fits
  let altIndex = -1;
  const gtAlts = gt?.alleles.filter((a): a is number => a !== null && a > 0) ?? [];
  if (gtAlts.length > 0) altIndex = gtAlts[0]! - 1;
  else if (alts.length === 1) altIndex = 0;
  else {
    const cn = formatCn ?? infoCn;
    if (cn !== undefined) altIndex = kinds.findIndex((k) => k && (k.copyNumber === cn || (k.kind === 'deletion' && cn < expected) || (k.kind === 'duplication' && cn > expected)));
  }
  if (gt && gtAlts.length === 0 && gt.alleles.some((a) => a === 0) && formatCn === undefined) {
    return { ok: false, reason: 'proband does not carry an ALT allele', detail: gtText ?? '' };
  }
  const kind = kinds[altIndex];
  if (altIndex < 0 || altIndex >= alts.length || !kind) {
    return { ok: false, reason: 'copy-number record: cannot tell which ALT allele the proband carries', detail: `${r.alt} ${gtText ?? ''}` };
  }
  const copyNumber = formatCn ?? kind.copyNumber ?? infoCn;
  let change: StructuralCall['change'];
  if (kind.kind === 'cnv') {
    if (copyNumber === undefined) return { ok: false, reason: 'copy-number record without CN', detail: alts[altIndex]! };
    if (copyNumber === expected) return { ok: false, reason: `copy-neutral call (CN ${expected}${expected !== 2 ? ', as expected here for the sex' : ''})`, detail: alts[altIndex]! };
    change = copyNumber < expected ? 'deletion' : 'duplication';
  } else {
    change = kind.kind;
    if (copyNumber !== undefined && ((change === 'deletion' && copyNumber >= expected) || (change === 'duplication' && copyNumber <= expected))) {
      return { ok: false, reason: 'copy number contradicts the ALT allele', detail: `${alts[altIndex]!} CN ${copyNumber}` };
    }
  }
  const endValue = intOf(infoValue(r.info, 'END'));
  const svlen = intOf(infoValue(r.info, 'SVLEN')?.split(',')[Math.max(0, altIndex)]);
  let end: number;
  if (endValue !== undefined) end = endValue;
  else if (svlen !== undefined && svlen !== 0) end = r.pos + Math.abs(svlen);
  else return { ok: false, reason: 'copy-number record without END or SVLEN', detail: `${r.chrom}:${r.pos} ${alts[altIndex]!}` };
  const start = r.pos + 1;
  if (end < start) return { ok: false, reason: 'copy-number record: END before POS', detail: `POS ${r.pos} END ${end}` };
  const gtCopies = gt ? gt.alleles.filter((a) => a === altIndex + 1).length : undefined;
  const haploid = gt !== undefined && gt.alleles.length === 1;
  return {
    ok: true,
    call: { chrom: r.chrom, start, end, change, ...(copyNumber !== undefined ? { copyNumber } : {}), call: copyNumberCall(change, copyNumber, gtCopies, haploid, expected), svType: alts[altIndex]!, source: r.source, line: r.line },
  };
}

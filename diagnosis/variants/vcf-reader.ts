import VCF from '@gmod/vcf';
import { basename } from 'node:path';
import { readLineChunks } from '../../graph-snapshot/io/line-reader.js';
import { InputError } from '../../common/input-error.js';
import { detectGenomeBuild, type GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import { normaliseChrom } from '../../graph-snapshot/parsers/ncbi-gene-parser.js';
import { normaliseAlleles } from './allele-normalisation.js';
import { alleleCall, parseGenotype, type AlleleCall } from './genotype.js';
import { memberGenotype, readMemberField, type MemberGenotype } from './member-genotypes.js';
import type { StructuralCall } from './structural-call.js';
import { readStructuralRecord } from './vcf-structural.js';
import { expectedCopies } from './structural-call.js';
import { annotateAllele, annotationFormats, type AlleleAnnotation, type AnnotationFormat } from './vcf-annotations.js';

export interface VcfReadOptions {
  /** proband sample name (default: the first sample column) */
  sample?: string;
  /**
   * family members whose calls are read at every site the proband carries (multi-sample VCF), by sample name; or a
   * function choosing them from the header's samples (it may throw an InputError). None: the single-sample path.
   */
  members?: readonly string[] | ((samples: readonly string[]) => readonly string[]);
  /**
   * relatives sequenced on their own (member-vcf.ts): each one's call looked up at every site the proband carries,
   * after the proband's own, as `members` gives them from a joint VCF
   */
  memberCalls?: { names: readonly string[]; at: (chrom: string, pos: number, ref: string, alt: string) => MemberGenotype[] };
  /** overrides the build detected from the header */
  assembly?: GenomeBuild;
  /** the proband's sex, when known: copy numbers on X and Y are read against the copies it implies (1 on a male's X) */
  sex?: string;
  /** keep only FILTER = PASS or '.' (default true) */
  passOnly?: boolean;
  /** records read, and the share of the file (as stored, compressed or not) read so far */
  onProgress?: (records: number, fraction: number) => void;
  /**
   * Receives the proband's copy-number calls (symbolic `<DEL>`, `<DUP>`, `<CNV>` ... alleles, vcf-structural.ts).
   * Without it they are counted drops, as every symbolic allele was before CNVs were read.
   */
  onStructural?: (c: StructuralCall) => void;
}

/** One ALT allele the proband carries, normalised, in the input build's coordinates. */
export interface VcfCall {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  call: AlleleCall;
  filter: string;
  annotation?: AlleleAnnotation;
  /** with VcfReadOptions.members: the proband's call then each member's, with GT, DP and GQ, for this ALT allele */
  members?: MemberGenotype[];
  /** dbSNP-style ID column, kept for display only (never used as evidence of being common or benign) */
  id?: string;
  line: number;
}

export interface VcfHeaderInfo {
  samples: string[];
  sample: string;
  /** the members read besides the proband (VcfReadOptions.members) */
  members?: string[];
  build: GenomeBuild;
  buildBasis: string;
  annotations: string[];
}

export interface VcfReadSummary extends VcfHeaderInfo {
  file: string;
  /** data lines read */
  records: number;
  /** ALT alleles the proband carries that passed every check */
  passed: number;
  /** copy-number calls passed to VcfReadOptions.onStructural */
  structural?: number;
  /** what was dropped, by reason (every record or allele not passed is counted under one reason) */
  dropped: Record<string, number>;
  /** a few `line N: text` examples per reason */
  examples: Record<string, string[]>;
}

const acgtn = /^[ACGTN]+$/;
const MAX_EXAMPLES = 3;

/**
 * Streams a VCF 4.x (.vcf, .vcf.gz, bgzip) and calls `onCall` for every ALT allele the proband carries, after
 * splitting multi-allelic records, normalising alleles, honouring FILTER and parsing the genotype. Memory is constant
 * in the file size. @gmod/vcf parses the header (meta-information, samples, CSQ/ANN formats); records are split with a
 * lean column reader, because a full INFO parse of every record costs more than the rest of the pipeline.
 */
export async function readVcf(
  path: string,
  options: VcfReadOptions,
  onCall: (c: VcfCall) => void,
  onHeader?: (info: VcfHeaderInfo) => void,
): Promise<VcfReadSummary> {
  const file = basename(path);
  const headerLines: string[] = [];
  let header: (VcfHeaderInfo & RecordLayout) | undefined;
  const summary: Omit<VcfReadSummary, keyof VcfHeaderInfo> = { file: path, records: 0, passed: 0, dropped: {}, examples: {} };
  const drop = (reason: string, line: number, text: string) => {
    summary.dropped[reason] = (summary.dropped[reason] ?? 0) + 1;
    const list = (summary.examples[reason] ??= []);
    if (list.length < MAX_EXAMPLES) list.push(`line ${line}: ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`);
  };
  const passOnly = options.passOnly ?? true;
  let sawAnyLine = false;

  // made once, not per record (the loop below is the hot path of every run with a VCF)
  const emit = (c: VcfCall) => {
    summary.passed += 1;
    onCall(c);
  };
  const structural = options.onStructural && ((c: StructuralCall) => {
    summary.structural = (summary.structural ?? 0) + 1;
    options.onStructural!(c);
  });
  let fraction = 0;
  for await (const { lines, firstLine, progress } of readLineChunks(path)) {
    fraction = progress.total > 0 ? progress.read / progress.total : 0;
    for (let k = 0; k < lines.length; k += 1) {
      const text = lines[k]!;
      const line = firstLine + k;
      if (!sawAnyLine && text !== '') {
        sawAnyLine = true;
        if (!text.startsWith('##fileformat=VCF')) {
          // the content is not quoted: the file may be anything (an API caller could name any file)
          throw new InputError(path, line, 'not a VCF file: the first line must be ##fileformat=VCFv4.x');
        }
      }
      if (!header) {
        if (text.startsWith('#')) {
          headerLines.push(text);
          if (text.startsWith('#CHROM')) {
            header = readHeader(path, line, headerLines, options);
            onHeader?.(header);
          }
          continue;
        }
        if (text === '') continue;
        throw new InputError(path, line, 'data line before the #CHROM header line (header missing?)');
      }
      if (text === '') continue;
      summary.records += 1;
      if ((summary.records & 0xffff) === 0) options.onProgress?.(summary.records, fraction);
      readRecord(text, line, header, passOnly, drop, emit, structural, path);
    }
  }
  if (!sawAnyLine) throw new InputError(path, undefined, `${file} is empty`);
  if (!header) throw new InputError(path, undefined, 'no #CHROM header line: not a VCF file, or the header is missing');
  options.onProgress?.(summary.records, 1);
  const { sampleColumn: _c, formats: _f, lastColumn: _l, caches: _k, memberColumns: _m, memberNames: _n, memberCalls: _mc, sex: _sx, ...info } = header;
  return { ...info, ...summary };
}

/** Where the reader finds what it needs in a data line. */
interface RecordLayout {
  sampleColumn: number;
  lastColumn: number;
  /** with members: the proband's column then each member's (0-based) */
  memberColumns?: number[];
  /** their sample names, in the same order */
  memberNames?: string[];
  /** for copy-number records: the proband's sex (VcfReadOptions.sex) and the file's build */
  sex?: string;
  build?: GenomeBuild;
  /** relatives from their own files (VcfReadOptions.memberCalls), after the proband's own call */
  memberCalls?: NonNullable<VcfReadOptions['memberCalls']> & { proband: string };
  formats: AnnotationFormat[];
  caches: RecordCaches;
}

function readHeader(path: string, line: number, headerLines: string[], options: VcfReadOptions): VcfHeaderInfo & RecordLayout {
  let parser: VCF;
  try {
    parser = new VCF({ header: headerLines.join('\n'), strict: false });
  } catch (err) {
    throw new InputError(path, line, `invalid VCF header: ${(err as Error).message.split('\n')[0]}`);
  }
  const samples = parser.samples;
  if (samples.length === 0) throw new InputError(path, line, 'the VCF has no sample columns: genotypes are needed');
  // the family's own check first: it names the pedigree file as well as the VCF
  const members = options.members ? [...(typeof options.members === 'function' ? options.members(samples) : options.members)] : undefined;
  const sample = options.sample ?? samples[0]!;
  const index = samples.indexOf(sample);
  if (index < 0) throw new InputError(path, line, `sample "${sample}" is not in the VCF (samples: ${samples.join(', ')})`);
  const detected = detectGenomeBuild(headerLines);
  const build = options.assembly ?? detected.build;
  if (!build) {
    throw new InputError(path, line, `cannot tell the genome build (${detected.basis}); say it with --assembly GRCh37 or GRCh38`);
  }
  let memberColumns: number[] | undefined;
  if (members) {
    const missing = members.filter((m) => !samples.includes(m));
    if (missing.length) throw new InputError(path, line, `sample(s) ${missing.map((m) => `"${m}"`).join(', ')} not in the VCF (samples: ${samples.join(', ')})`);
    memberColumns = [index, ...members.map((m) => samples.indexOf(m))].map((i) => 9 + i);
  }
  const infoMeta = (parser.getMetadata('INFO') ?? {}) as Record<string, { Description?: unknown }>;
  const formats = annotationFormats(infoMeta);
  return {
    samples,
    sample,
    build,
    buildBasis: options.assembly ? 'given by the user' : detected.basis,
    annotations: formats.map((f) => f.tag),
    ...(members ? { members } : {}),
    sampleColumn: 9 + index,
    lastColumn: 8 + samples.length,
    ...(memberColumns ? { memberColumns, memberNames: [sample, ...members!] } : {}),
    ...(!memberColumns && options.memberCalls ? { members: [...options.memberCalls.names], memberCalls: { ...options.memberCalls, proband: sample } } : {}),
    formats,
    ...(options.sex ? { sex: options.sex } : {}),
    caches: new RecordCaches(),
  };
}

/** Start offsets of the first `n` tab-separated columns (and the end of the last), without splitting the line. */
function columnOffsets(text: string, n: number, out: Int32Array): number {
  let start = 0;
  let k = 0;
  while (k < n) {
    out[k] = start;
    const tab = text.indexOf('\t', start);
    k += 1;
    if (tab < 0) {
      out[k] = text.length + 1;
      return k;
    }
    start = tab + 1;
  }
  out[k] = start; // start of the next column = end of the last requested one + 1
  return k;
}

let offsets = new Int32Array(64);

/** A decimal POS read from text[start, end), or -1 when it is not a positive integer. */
function parsePosition(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Per-file caches of what repeats from record to record: chromosome names, and the genotype strings with their
 * calls (a handful of distinct values in millions of records). Cached calls are shared, so they are frozen.
 */
class RecordCaches {
  private readonly chroms = new Map<string, string>();
  private readonly genotypes = new Map<string, { gt: ReturnType<typeof parseGenotype>; calls: (AlleleCall | undefined)[] }>();

  chrom(raw: string): string {
    let c = this.chroms.get(raw);
    if (c === undefined) {
      c = normaliseChrom(raw);
      this.chroms.set(raw, c);
    }
    return c;
  }

  genotype(text: string): { gt: ReturnType<typeof parseGenotype>; calls: (AlleleCall | undefined)[] } {
    let g = this.genotypes.get(text);
    if (g === undefined) {
      g = { gt: parseGenotype(text), calls: [] };
      if (this.genotypes.size < 4096) this.genotypes.set(text, g);
    }
    return g;
  }

  call(g: { gt: ReturnType<typeof parseGenotype>; calls: (AlleleCall | undefined)[] }, altIndex: number): AlleleCall | undefined {
    if (altIndex < g.calls.length) return g.calls[altIndex];
    const call = alleleCall(g.gt!, altIndex);
    while (g.calls.length < altIndex) g.calls.push(undefined);
    g.calls[altIndex] = call ? Object.freeze(call) : undefined;
    return g.calls[altIndex];
  }
}

function readRecord(
  text: string,
  line: number,
  h: RecordLayout,
  passOnly: boolean,
  drop: (reason: string, line: number, text: string) => void,
  emit: (c: VcfCall) => void,
  structural?: (c: StructuralCall) => void,
  source = '',
): void {
  const lastNeeded = h.memberColumns ? Math.max(...h.memberColumns) : h.sampleColumn;
  const need = lastNeeded + 1;
  if (offsets.length < need + 2) offsets = new Int32Array(need + 2);
  const found = columnOffsets(text, need, offsets);
  if (found < need) return drop('wrong number of columns', line, `${found} columns, the sample is column ${need}`);
  // the last column read is the last the header declares: anything after it means the columns cannot be trusted
  if (lastNeeded === h.lastColumn && offsets[need]! <= text.length) return drop('more columns than the header declares', line, `column ${need + 1}`);
  // Columns are compared and parsed in place where they can be: slicing every column of millions of records is what
  // the garbage collector would spend its time on.
  const col = (i: number) => text.slice(offsets[i]!, offsets[i + 1]! - 1);
  const pos = parsePosition(text, offsets[1]!, offsets[2]! - 1);
  if (pos < 1) return drop('invalid POS', line, col(1));
  const ref = col(3).toUpperCase();
  if (!acgtn.test(ref)) return drop('non-ACGTN REF', line, ref);
  const filterLength = offsets[7]! - 1 - offsets[6]!;
  const pass = (filterLength === 4 && text.startsWith('PASS', offsets[6]!)) || (filterLength === 1 && text.charCodeAt(offsets[6]!) === 46);
  if (passOnly && !pass) return drop(`FILTER not PASS`, line, col(6));
  const filter = pass ? (filterLength === 4 ? 'PASS' : '.') : col(6);
  // a copy-number call: its own reading (CN may stand in for GT, END or SVLEN give its extent)
  if (structural && text.charCodeAt(offsets[4]!) === 60) {
    const chrom = h.caches.chrom(col(0));
    const outcome = readStructuralRecord({ chrom, pos, alt: col(4), info: col(7), format: col(8), sample: col(h.sampleColumn), line, source }, expectedCopies(chrom, pos + 1, h.sex, h.build));
    if (outcome.ok === true) return structural(outcome.call);
    if (outcome.ok === false) return drop(outcome.reason, line, outcome.detail);
  }
  if (!text.startsWith('GT', offsets[8]!)) return drop('no GT field', line, col(8));
  const sampleStart = offsets[h.sampleColumn]!;
  const sampleEnd = offsets[h.sampleColumn + 1]! - 1;
  const colon = text.indexOf(':', sampleStart);
  const cached = h.caches.genotype(text.slice(sampleStart, colon < 0 || colon > sampleEnd ? sampleEnd : colon));
  const gt = cached.gt;
  if (!gt) return drop('unreadable GT', line, col(h.sampleColumn));
  if (gt.alleles.every((a) => a === null)) return drop('missing genotype', line, col(h.sampleColumn));
  const altColumn = col(4).toUpperCase();
  const alts = altColumn.includes(',') ? altColumn.split(',') : [altColumn];
  const chrom = h.caches.chrom(col(0));
  const id = offsets[3]! - 1 - offsets[2]! === 1 && text.charCodeAt(offsets[2]!) === 46 ? '.' : col(2);
  // members' fields are parsed once per record, and only in the family path (the single-sample path stays lean)
  const fields = h.memberColumns?.map((c, i) => readMemberField(h.memberNames![i]!, col(c), col(8)));
  const own = h.memberCalls ? readMemberField(h.memberCalls.proband, col(h.sampleColumn), col(8)) : undefined;
  let carried = false;
  for (let i = 0; i < alts.length; i += 1) {
    const alt = alts[i]!;
    const call = h.caches.call(cached, i + 1);
    if (!call) continue;
    carried = true;
    if (alt === '*' || alt === '.') {
      drop('no ALT allele (* or .)', line, alt);
      continue;
    }
    if (alt.startsWith('<') || alt.includes('[') || alt.includes(']')) {
      drop('symbolic or breakend allele (not supported)', line, alt);
      continue;
    }
    if (!acgtn.test(alt)) {
      drop('non-ACGTN ALT', line, alt);
      continue;
    }
    const n = ref.length === 1 && alt.length === 1 ? { pos, ref, alt } : normaliseAlleles(pos, ref, alt);
    const annotation = h.formats.length ? annotateAllele(col(7), h.formats, ref, alts, i) : undefined;
    const members = fields ? fields.map((f) => memberGenotype(f, i + 1)) : own ? [memberGenotype(own, i + 1), ...h.memberCalls!.at(chrom, n.pos, n.ref, n.alt)] : undefined;
    emit({
      chrom,
      pos: n.pos,
      ref: n.ref,
      alt: n.alt,
      call,
      filter,
      annotation,
      members, // undefined on the single-sample path: a plain property keeps the object's shape (no spread per call)
      id: id && id !== '.' ? id : undefined,
      line,
    });
  }
  if (!carried) drop('proband does not carry an ALT allele', line, col(h.sampleColumn).split(':')[0]!);
}

import { readLineChunks } from '../../graph-snapshot/io/line-reader.js';
import { detectGenomeBuild, type GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import { normaliseChrom } from '../../graph-snapshot/parsers/ncbi-gene-parser.js';
import { InputError } from '../../common/input-error.js';
import { normaliseAlleles } from './allele-normalisation.js';
import { memberGenotype, readMemberField, type MemberField, type MemberGenotype } from './member-genotypes.js';

/**
 * A relative sequenced on their own: their single-sample VCF, read once and looked up at every site the proband
 * carries (a joint-called multi-sample VCF is better, and `VcfReadOptions.members` reads it directly).
 *
 * What the file says at a proband's site:
 * - a record with the proband's allele: the relative's call (GT, DP, GQ), as in a joint VCF;
 * - a record at the site with other alleles, or a gVCF reference block (`<NON_REF>` / `<*>` with END) covering it:
 *   no copy, with the record's or block's depth and quality (a trustworthy reference call when they are adequate);
 * - nothing: a variant-only file cannot tell a reference call from a site not covered, so the relative has no copy
 *   but no depth either: the inheritance checks read that as "not called" (a possible de novo, never a confirmed one).
 */
export class MemberVcf {
  /** `chrom:pos:ref:alt` of every ALT allele the file has a record for → the record's parsed sample field and allele index */
  private readonly alleles = new Map<string, { f: MemberField; alt: number }>();
  /** `chrom:pos` of each record → its sample field (an allele the proband has but the relative does not) */
  private readonly sites = new Map<string, MemberField>();
  /** gVCF reference blocks per chromosome, by start */
  private readonly blocks = new Map<string, { start: number; end: number; f: MemberField }[]>();
  private sorted = false;

  constructor(
    readonly member: string,
    readonly path: string,
    readonly build: GenomeBuild | undefined,
    /** records read */
    public records = 0,
  ) {}

  addRecord(chrom: string, pos: number, ref: string, alts: string[], f: MemberField, end: number | undefined): void {
    this.records += 1;
    const c = normaliseChrom(chrom);
    const real = alts.filter((a) => !a.startsWith('<') && a !== '*' && a !== '.');
    if (real.length === 0) {
      // a reference block (gVCF) or a reference-only record: covers POS..END (POS alone without END)
      const list = this.blocks.get(c) ?? this.blocks.set(c, []).get(c)!;
      list.push({ start: pos, end: end ?? pos, f });
      this.sorted = false;
      return;
    }
    this.sites.set(`${c}:${pos}`, f);
    alts.forEach((alt, i) => {
      if (alt.startsWith('<') || alt === '*' || alt === '.') return;
      const n = normaliseAlleles(pos, ref, alt);
      this.alleles.set(`${c}:${n.pos}:${n.ref}:${n.alt}`, { f, alt: i + 1 });
      if (n.pos !== pos) this.sites.set(`${c}:${n.pos}`, f);
    });
  }

  /** The relative's call of the proband's allele at chrom:pos ref>alt (normalised as the VCF reader does). */
  at(chrom: string, pos: number, ref: string, alt: string): MemberGenotype {
    const c = normaliseChrom(chrom);
    const hit = this.alleles.get(`${c}:${pos}:${ref}:${alt}`);
    if (hit) return { ...memberGenotype(hit.f, hit.alt), sample: this.member };
    const site = this.sites.get(`${c}:${pos}`) ?? this.block(c, pos);
    if (site) {
      // called at the site without this allele: no copy, as trustworthy as the call's depth and quality
      const g = memberGenotype(site, -1);
      return { ...g, sample: this.member, copies: g.copies === null ? null : 0 };
    }
    return { sample: this.member, gt: '(absent)', copies: 0, ploidy: 2, absent: true };
  }

  private block(c: string, pos: number): MemberField | undefined {
    const list = this.blocks.get(c);
    if (!list || list.length === 0) return undefined;
    if (!this.sorted) {
      for (const l of this.blocks.values()) l.sort((a, b) => a.start - b.start);
      this.sorted = true;
    }
    // the last block starting at or before pos
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start <= pos) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const b = found >= 0 ? list[found]! : undefined;
    return b && b.end >= pos ? b.f : undefined;
  }
}

/** At most this many records per relative's file: a genome's worth is for a joint VCF (memory stays bounded). */
export const MAX_MEMBER_RECORDS = 6_000_000;

const endOf = (info: string): number | undefined => {
  const m = /(?:^|;)END=(\d+)/.exec(info);
  return m ? Number(m[1]) : undefined;
};

/**
 * Reads a relative's single-sample VCF (the sample named after the member, else the file's only sample). Errors name
 * the file and line: not a VCF, no sample, several samples none of which is the member, another genome build than the
 * proband's file, too many records.
 */
export async function readMemberVcf(path: string, member: string, probandBuild: GenomeBuild | undefined): Promise<MemberVcf> {
  const header: string[] = [];
  let out: MemberVcf | undefined;
  let column = -1;
  let first = true;
  for await (const { lines, firstLine } of readLineChunks(path)) {
    for (let k = 0; k < lines.length; k += 1) {
      const text = lines[k]!;
      const line = firstLine + k;
      if (first && text !== '') {
        first = false;
        if (!text.startsWith('##fileformat=VCF')) throw new InputError(path, line, `not a VCF file (the VCF of family member "${member}"): the first line must be ##fileformat=VCFv4.x`);
      }
      if (!out) {
        if (text === '') continue;
        if (!text.startsWith('#')) throw new InputError(path, line, 'data line before the #CHROM header line (header missing?)');
        header.push(text);
        if (!text.startsWith('#CHROM')) continue;
        const samples = text.split('\t').slice(9);
        if (samples.length === 0) throw new InputError(path, line, `the VCF of family member "${member}" has no sample column`);
        column = samples.indexOf(member);
        if (column < 0 && samples.length === 1) column = 0;
        if (column < 0) throw new InputError(path, line, `family member "${member}" is not a sample of this VCF (samples: ${samples.slice(0, 10).join(', ')}): name the sample after the PED id, or give a single-sample file`);
        column += 9;
        const build = detectGenomeBuild(header).build;
        if (probandBuild && build && build !== probandBuild) {
          throw new InputError(path, line, `the VCF of family member "${member}" is on ${build}, the proband's on ${probandBuild}: one build for the family`);
        }
        out = new MemberVcf(member, path, build);
        continue;
      }
      if (text === '' || text.startsWith('#')) continue;
      const cols = text.split('\t');
      if (cols.length <= column) throw new InputError(path, line, `${cols.length} columns, the header has ${column + 1} or more`);
      const pos = Number(cols[1]);
      if (!Number.isInteger(pos) || pos < 1) throw new InputError(path, line, `POS "${cols[1]}" is not a positive integer`);
      if (!cols[8]?.startsWith('GT')) continue; // no genotype: nothing to say about the member
      if (out.records >= MAX_MEMBER_RECORDS) {
        throw new InputError(path, line, `more than ${MAX_MEMBER_RECORDS.toLocaleString('en')} records for family member "${member}": give the family as one joint-called multi-sample VCF instead`);
      }
      out.addRecord(cols[0]!, pos, cols[3]!.toUpperCase(), cols[4]!.toUpperCase().split(','), readMemberField(member, cols[column]!, cols[8]!), endOf(cols[7] ?? ''));
    }
  }
  if (!out) throw new InputError(path, undefined, `no #CHROM header line: not a VCF file (the VCF of family member "${member}")`);
  return out;
}

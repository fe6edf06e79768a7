import { seededRandom } from './stats.js';

/**
 * Simulated trios for the family benchmark and tests: a real single-sample background exome becomes a proband with
 * two unaffected parents. Each heterozygous call of the proband is given to one parent at random, a homozygous call to
 * both; the parents get calls of their own that the proband did not inherit (so the file has the size of a real joint
 * trio VCF); a few dozen proband calls become apparent de novo calls (real trios show that many: errors and true
 * de novo), a small share of parental calls is missing or thin. The causal variants are placed by mode: one
 * heterozygous allele de novo (dominant), a homozygote with carrier parents, two heterozygous alleles one from each
 * parent (compound heterozygous in trans), a hemizygous X allele from a carrier mother.
 */
export interface CausalCall {
  /** GRCh37, as the background */
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  zygosity: 'heterozygous' | 'homozygous' | 'hemizygous';
}

export interface TrioOptions {
  seed: number;
  /** apparent de novo background calls (default 30) */
  apparentDeNovo?: number;
  /** share of parental calls written missing ("./."), and with a thin depth (defaults 0.01 and 0.02) */
  missingParentCalls?: number;
  thinParentCalls?: number;
  probandSex?: 'MALE' | 'FEMALE';
}

export interface SimulatedTrio {
  vcf: string;
  ped: string;
  /** how the causal calls were placed */
  placement: string;
}

const SAMPLES = ['proband', 'father', 'mother'];

/** Background lines: the header (without the #CHROM line) and data lines of a single-sample VCF. */
export function splitBackground(text: string): { meta: string[]; records: string[][] } {
  const meta: string[] = [];
  const records: string[][] = [];
  for (const l of text.split('\n')) {
    if (l === '') continue;
    if (l.startsWith('##')) meta.push(l);
    else if (!l.startsWith('#')) {
      const c = l.split('\t');
      c[2] = '.';
      records.push(c);
    }
  }
  return { meta, records };
}

export function simulateTrio(background: { meta: string[]; records: string[][] }, causal: CausalCall[], o: TrioOptions): SimulatedTrio {
  const rnd = seededRandom(o.seed);
  const missing = o.missingParentCalls ?? 0.01;
  const thin = o.thinParentCalls ?? 0.02;
  const parentCall = (gt: string) => {
    const r = rnd();
    if (r < missing) return './.:0:0';
    if (r < missing + thin) return `${gt}:5:12`;
    return `${gt}:32:99`;
  };
  const probandCall = (gt: string) => `${gt}:35:99`;
  const lines: string[] = [];
  const hets: number[] = [];
  background.records.forEach((c) => {
    const gt = (c[9] ?? '').split(':')[0] ?? '';
    const base = c.slice(0, 8).join('\t');
    let father = '0/0';
    let mother = '0/0';
    const alleles = gt.split(/[/|]/);
    if (alleles.length === 2 && alleles[0] === alleles[1] && alleles[0] !== '0' && alleles[0] !== '.') {
      father = `0/${alleles[0]}`;
      mother = `0/${alleles[0]}`;
    } else if (alleles.some((a) => a !== '0' && a !== '.')) {
      const alt = alleles.find((a) => a !== '0' && a !== '.')!;
      if (rnd() < 0.5) father = `0/${alt}`;
      else mother = `0/${alt}`;
      if (alleles.length === 2 && alleles.includes('0')) hets.push(lines.length);
    }
    lines.push(`${base}\tGT:DP:GQ\t${probandCall(gt.replace('|', '/'))}\t${parentCall(father)}\t${parentCall(mother)}`);
    // the parents' own calls the proband did not inherit (a joint trio VCF lists them, proband 0/0)
    if (rnd() < 0.8) {
      const own = `0/1`;
      const [f, m] = rnd() < 0.5 ? [own, '0/0'] : ['0/0', own];
      const shifted = [...c.slice(0, 8)];
      shifted[1] = String(Number(c[1]) + 7);
      lines.push(`${shifted.join('\t')}\tGT:DP:GQ\t${probandCall('0/0')}\t${parentCall(f)}\t${parentCall(m)}`);
    }
  });
  // apparent de novo calls: proband heterozygous, both parents confidently reference
  const dn = o.apparentDeNovo ?? 30;
  for (let k = 0; k < dn && hets.length; k += 1) {
    const i = hets.splice(Math.floor(rnd() * hets.length), 1)[0]!;
    const c = lines[i]!.split('\t');
    c[10] = '0/0:32:99';
    c[11] = '0/0:32:99';
    lines[i] = c.join('\t');
  }
  const placed: string[] = [];
  const hetCausal = causal.filter((v) => v.zygosity === 'heterozygous');
  causal.forEach((v) => {
    let p: string;
    let f: string;
    let m: string;
    if (v.zygosity === 'homozygous') [p, f, m] = ['1/1', '0/1', '0/1'];
    else if (v.zygosity === 'hemizygous') [p, f, m] = ['1/1', '0/0', '0/1'];
    else if (hetCausal.length >= 2) {
      // compound heterozygous: the first from the father, the others from the mother (in trans)
      [p, f, m] = v === hetCausal[0] ? ['0/1', '0/1', '0/0'] : ['0/1', '0/0', '0/1'];
    } else [p, f, m] = ['0/1', '0/0', '0/0'];
    placed.push(v.zygosity === 'heterozygous' ? (hetCausal.length >= 2 ? 'trans' : 'de novo') : v.zygosity === 'homozygous' ? 'hom, carrier parents' : 'hemizygous, carrier mother');
    lines.push(`${v.chrom}\t${v.pos}\t.\t${v.ref}\t${v.alt}\t500\tPASS\t.\tGT:DP:GQ\t${p}:35:99\t${f}:32:99\t${m}:32:99`);
  });
  const header = [...background.meta.filter((l) => !l.startsWith('##FORMAT')), '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">', '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">', '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">', `#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t${SAMPLES.join('\t')}`];
  const sex = o.probandSex === 'MALE' ? '1' : o.probandSex === 'FEMALE' ? '2' : '0';
  return {
    vcf: `${[...header, ...lines].join('\n')}\n`,
    ped: `FAM\tproband\tfather\tmother\t${sex}\t2\nFAM\tfather\t0\t0\t1\t1\nFAM\tmother\t0\t0\t2\t1\n`,
    placement: [...new Set(placed)].join(', ') || 'none',
  };
}

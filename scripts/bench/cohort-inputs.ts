import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readJsonRecords } from '../../diagnosis/io/jsonl-reader.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { normaliseChrom } from '../../graph-snapshot/parsers/ncbi-gene-parser.js';

export interface CohortInputsOptions {
  /** bench phenopackets (.jsonl.gz of {cohort, path, phenopacket}) */
  input: string;
  /** the GRCh37 background exome the causal variants are spiked into */
  background: string;
  snapshot: string;
  out: string;
  phenotypeOnly: number;
  exomes: number;
}

interface Packet {
  id: string;
  interpretations?: { diagnosis?: { genomicInterpretations?: { variantInterpretation?: { variationDescriptor?: { vcfRecord?: { chrom: string; pos: number | string; ref: string; alt: string }; allelicState?: { label?: string } } } }[] } }[];
}

/**
 * A cohort for timing the workflow (`workflows/cohort`): a sample sheet with `phenotypeOnly` phenopackets, then
 * `exomes` cases whose causal variants (GRCh38 vcfRecord, lifted to GRCh37) are spiked into the real background
 * exome, each written as its own `.vcf.gz` (as a lab would deliver it) with a one-person pedigree. Development-set cases
 * in file order; a case whose variants cannot all be lifted is passed over for the exomes.
 */
export async function writeCohortInputs(o: CohortInputsOptions): Promise<{ phenotypeOnly: number; exomes: number; sheet: string }> {
  const out = resolve(o.out);
  mkdirSync(join(out, 'phenopackets'), { recursive: true });
  mkdirSync(join(out, 'exomes'), { recursive: true });
  const session = await KnowledgeSession.open(resolve(o.snapshot));
  const down = await session.liftover38to37();
  await session.close();
  const text = gunzipSync(readFileSync(resolve(o.background))).toString('utf8');
  const header = text.split('\n').filter((l) => l.startsWith('#'));
  const body = text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t').map((c, i) => (i === 2 ? '.' : c)).join('\t'));
  const sample = header.at(-1)!.split('\t')[9] ?? 'SAMPLE';
  const rows = ['case_id\tphenopacket\tvcf\tped\tgenome_assembly'];
  let pheno = 0;
  let exomes = 0;
  for await (const rec of readJsonRecords(resolve(o.input))) {
    if (pheno >= o.phenotypeOnly && exomes >= o.exomes) break;
    if (!rec.ok) continue;
    const packet = (rec.value as { phenopacket: Packet }).phenopacket;
    const name = `case-${String(rows.length).padStart(5, '0')}`;
    if (pheno < o.phenotypeOnly) {
      writeFileSync(join(out, 'phenopackets', `${name}.json`), JSON.stringify(packet));
      rows.push(`${name}\tphenopackets/${name}.json\t\t\t`);
      pheno += 1;
      continue;
    }
    const spikes: string[] = [];
    let liftable = true;
    for (const i of packet.interpretations ?? []) {
      for (const g of i.diagnosis?.genomicInterpretations ?? []) {
        const vd = g.variantInterpretation?.variationDescriptor;
        const r = vd?.vcfRecord;
        if (!r) continue;
        const lifted = down.liftVariant(normaliseChrom(r.chrom), Number(r.pos), r.ref.toUpperCase(), r.alt.toUpperCase());
        if (!lifted.ok) liftable = false;
        else spikes.push([lifted.chrom, lifted.pos, '.', lifted.ref, lifted.alt, 500, 'PASS', '.', 'GT', /homo|hemi/.test(vd?.allelicState?.label ?? '') ? '1/1' : '0/1'].join('\t'));
      }
    }
    if (!liftable || spikes.length === 0) continue;
    writeFileSync(join(out, 'exomes', `${name}.vcf.gz`), gzipSync(`${[...header, ...body, ...spikes].join('\n')}\n`, { level: 1 }));
    writeFileSync(join(out, 'exomes', `${name}.ped`), `${name}\t${sample}\t0\t0\t0\t2\n`);
    writeFileSync(join(out, 'phenopackets', `${name}.json`), JSON.stringify(packet));
    rows.push(`${name}\tphenopackets/${name}.json\texomes/${name}.vcf.gz\texomes/${name}.ped\tGRCh37`);
    exomes += 1;
  }
  const sheet = join(out, 'samples.tsv');
  writeFileSync(sheet, `${rows.join('\n')}\n`);
  return { phenotypeOnly: pheno, exomes, sheet };
}

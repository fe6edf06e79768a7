import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parsePhenopacketCase } from '../../diagnosis/case-input/phenopacket-input.js';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { runInputsOfFindings } from '../../diagnosis/pipeline/run-inputs.js';
import { runCli } from '../helpers/cli.js';
import { scratchDir } from '../helpers/paths.js';
import { phevalRanks, readTsv } from '../helpers/pheval-rank.js';
import { achondroplasiaTerms, fgfr3G380R, spikedBackground } from '../helpers/spiked-vcf.js';

// PhEval's schema (pheval 0.5+, post_processing/validate_result_format.py): required columns and their polars types.
const spec = {
  gene: { gene_symbol: 'String', gene_identifier: 'String', score: 'Float64' },
  variant: { chrom: 'String', start: 'Int64', end: 'Int64', ref: 'String', alt: 'String', score: 'Float64', grouping_id: 'String' },
  disease: { disease_identifier: 'String', score: 'Float64' },
} as const;

/** A cell as polars would infer it: Int64 for integers, Float64 for decimals, String for the rest. */
const inferred = (cell: string) => (/^-?\d+$/.test(cell) ? 'Int64' : /^-?(\d+\.\d*|\d*\.\d+|\d+)([eE][-+]?\d+)?$/.test(cell) ? 'Float64' : 'String');

function checkSpec(kind: keyof typeof spec, text: string): string[][] {
  const { header, rows } = readTsv(text);
  for (const [column, type] of Object.entries(spec[kind])) {
    const i = header.indexOf(column);
    expect(i, `${kind}: column ${column}`).toBeGreaterThanOrEqual(0);
    // a String column may hold digits (chrom "4"): PhEval's runner reads the files with the schema, not by inference
    if (type !== 'String') for (const r of rows) expect(inferred(r[i]!), `${kind} ${column} "${r[i]}"`).toBe(type);
    else for (const r of rows) expect(r[i], `${kind} ${column}`).not.toBe('');
  }
  return rows;
}

describe('rarediag rank --pheval-out (PhEval result files on real ranks)', () => {
  const dir = scratchDir();
  const snapshot = inject('realSnapshotDir');
  const testdata = join(dir, 'testdata');
  const out = join(dir, 'out');
  const stems: string[] = [];
  let ranked: Map<string, { id: string; diseases: { id: string; score: number; rank: number }[]; genes: { symbol: string; score: number; rank: number }[] }>;
  let session: KnowledgeSession;

  beforeAll(async () => {
    // PhEval's testdata layout: phenopackets/ (one per file, named after the case) and vcf/ (named in each packet's files)
    mkdirSync(join(testdata, 'phenopackets'), { recursive: true });
    mkdirSync(join(testdata, 'vcf'), { recursive: true });
    const lines = gunzipSync(readFileSync(resolve('../shared/bench/phenopackets-dev.jsonl.gz'))).toString('utf8').split('\n');
    // 60 real cases from across the set (every 120th), as PhEval would hand them over
    for (let i = 0; i < lines.length && stems.length < 60; i += 120) {
      if (!lines[i]) continue;
      const rec = JSON.parse(lines[i]!) as { path: string; phenopacket: unknown };
      const stem = basename(rec.path, '.json');
      writeFileSync(join(testdata, 'phenopackets', `${stem}.json`), JSON.stringify(rec.phenopacket));
      stems.push(stem);
    }
    spikedBackground(inject('realSourcesDir'), join(testdata, 'vcf', 'ach-1.vcf.gz'), [fgfr3G380R.grch37]);
    const ach = {
      id: 'ach-1',
      subject: { id: 'p1', sex: 'MALE' },
      phenotypicFeatures: achondroplasiaTerms.slice(0, 4).map((id) => ({ type: { id } })),
      // the URI of the machine that made the corpus: only the file name is looked up in --vcf-dir
      files: [{ uri: 'file:///data/corpus/vcf/ach-1.vcf.gz', fileAttributes: { fileFormat: 'VCF', genomeAssembly: 'hg19' } }],
    };
    writeFileSync(join(testdata, 'phenopackets', 'ach-1.json'), JSON.stringify(ach));
    writeFileSync(join(testdata, 'phenopackets', 'empty-case.json'), JSON.stringify({ id: 'empty', phenotypicFeatures: [] }));
    session = await KnowledgeSession.open(snapshot);
  }, 120_000);
  afterAll(async () => session?.close());

  it('writes gene, disease (and, with a VCF, variant) files per phenopacket, named after its file; a failed case gets none', async () => {
    const r = await runCli(['rank', '--phenopackets', join(testdata, 'phenopackets'), '--vcf-dir', join(testdata, 'vcf'), '--pheval-out', out, '--out', join(dir, 'ranked.jsonl'), '--top', '50', '--snapshot', snapshot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/ranked 62 case\(s\) in .*1 with an error line; PhEval results for 61 case\(s\) \(123 files\)/);
    for (const stem of stems) {
      expect(existsSync(join(out, `${stem}-gene_result.tsv`)), stem).toBe(true);
      expect(existsSync(join(out, `${stem}-disease_result.tsv`)), stem).toBe(true);
      expect(existsSync(join(out, `${stem}-variant_result.tsv`)), `${stem}: no VCF, no variant file`).toBe(false);
    }
    expect(existsSync(join(out, 'ach-1-variant_result.tsv'))).toBe(true);
    expect(existsSync(join(out, 'empty-case-gene_result.tsv'))).toBe(false);
    const lines = readFileSync(join(dir, 'ranked.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.id === 'empty').error).toMatch(/^empty-case\.json: no observed phenotypic feature/);
    ranked = new Map(lines.filter((l) => !l.error).map((l) => [l.id, l]));
    expect(ranked.get('ach-1')).toMatchObject({ vcf: { records: 37_709 } });
  });

  it('follows the column spec and PhEval ranks them like the ranker: ties only where scores are exactly equal, sharing the worst rank', async () => {
    let tieGroups = 0;
    let savedFromRounding = 0;
    for (const file of [...stems, 'ach-1']) {
      const packet = JSON.parse(readFileSync(join(testdata, 'phenopackets', `${file}.json`), 'utf8')) as { id: string };
      const line = ranked.get(packet.id)!;
      for (const kind of ['gene', 'disease'] as const) {
        const rows = checkSpec(kind, readFileSync(join(out, `${file}-${kind}_result.tsv`), 'utf8'));
        const entries = kind === 'gene' ? line.genes : line.diseases;
        expect(rows).toHaveLength(entries.length);
        const scores = rows.map((r) => Number(r[kind === 'gene' ? 2 : 1]));
        scores.forEach((s, i) => expect(s, `${file} ${kind} row ${i}`).toBe(entries[i]!.score));
        if (kind === 'gene') expect(rows.map((r) => r[0])).toEqual(line.genes.map((g) => g.symbol));
        const pheval = phevalRanks(scores);
        for (let i = 0; i < rows.length; i += 1) {
          // the ranker's own rank where the score is its own; the last rank of the group where scores are equal
          const group = entries.filter((e) => e.score === entries[i]!.score);
          expect(pheval[i], `${file} ${kind} row ${i}`).toBe(Math.max(...group.map((e) => e.rank)));
          if (i > 0 && scores[i] === scores[i - 1]) tieGroups += 1;
          if (i > 0 && scores[i] !== scores[i - 1] && scores[i]!.toPrecision(6) === scores[i - 1]!.toPrecision(6)) savedFromRounding += 1;
        }
      }
    }
    expect(tieGroups, 'real ties occur (genes sharing their best disease), so the tie rule is exercised').toBeGreaterThan(0);
    expect(savedFromRounding, 'scores 6 digits would have merged: full precision keeps them apart').toBeGreaterThan(0);
  });

  it('writes the ranker\'s exact scores, the same doubles an in-process run computes', async () => {
    for (const file of stems.slice(0, 5)) {
      const parsed = parsePhenopacketCase(JSON.parse(readFileSync(join(testdata, 'phenopackets', `${file}.json`), 'utf8')));
      if (!parsed.ok) throw new Error(parsed.error);
      const run = await runCase(session, runInputsOfFindings(parsed.findings), { top: 50, explain: 0 });
      const rows = readTsv(readFileSync(join(out, `${file}-disease_result.tsv`), 'utf8')).rows;
      expect(rows.map((r) => Number(r[1]))).toEqual(run.ranking.diseases.map((d) => d.score));
      const preferred = run.ranking.diseases.map((d) => (d.id.startsWith('OMIM:') ? d.id : (d.ids.find((x) => x.startsWith('OMIM:')) ?? d.id)));
      expect(rows.map((r) => r[0])).toEqual(preferred);
    }
  });

  it('variants: the input VCF coordinates, the causal allele first, a compound heterozygote ranked as one', async () => {
    const rows = checkSpec('variant', readFileSync(join(out, 'ach-1-variant_result.tsv'), 'utf8'));
    const [chrom, start, end, ref, alt, score, group] = rows[0]!;
    expect({ chrom, start, end, ref, alt, group }).toEqual({ chrom: '4', start: '1806119', end: '1806119', ref: 'G', alt: 'A', group: 'FGFR3' });
    expect(Number(score)).toBe(ranked.get('ach-1')!.genes[0]!.score);
    const ranks = phevalRanks(rows.map((r) => Number(r[5])), rows.map((r) => r[6]!));
    expect(ranks[0]).toBe(1);
    expect(rows.every((r) => !r[0]!.startsWith('chr') && Number(r[2]) === Number(r[1]) + r[3]!.length - 1)).toBe(true);
    // a recessive gene whose evidence is two heterozygous alleles: both carry the gene's score and one group id
    const pairs = new Map<string, number[]>();
    rows.forEach((r, i) => pairs.set(r[6]!, [...(pairs.get(r[6]!) ?? []), i]));
    const pair = [...pairs.values()].find((ix) => ix.length === 2);
    expect(pair, 'a compound heterozygous pair in the top genes').toBeDefined();
    expect(rows[pair![0]!]![5]).toBe(rows[pair![1]!]![5]);
    expect(ranks[pair![0]!]).toBe(ranks[pair![1]!]);
    // rows are best first and scores never rise
    expect(rows.map((r) => Number(r[5]))).toEqual([...rows.map((r) => Number(r[5]))].sort((a, b) => b - a));
  });
});

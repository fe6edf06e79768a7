import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../graph-snapshot/build/snapshot-builder.js';
import { GraphSnapshot } from '../../../graph-snapshot/query/graph-snapshot.js';
import { readManifest, type SnapshotManifest } from '../../../graph-snapshot/snapshot/manifest.js';
import { ANNOTATION_NOT } from '../../../graph-snapshot/snapshot/ranking-tables.js';
import { verifySnapshot } from '../../../graph-snapshot/snapshot/verify-snapshot.js';
import { fixtureSources, scratchDir } from '../../helpers/paths.js';

const run = promisify(execFile);

describe('snapshot build from fixture sources', () => {
  const dir = scratchDir();
  const out = join(dir, 'snap');
  let manifest: SnapshotManifest;
  const progress: number[] = [];

  beforeAll(async () => {
    manifest = await buildSnapshot({ sourcesDir: fixtureSources, outDir: out, onProgress: (e) => progress.push(e.fraction) });
  });

  it('writes the Kuzu file, ranking tables, chains and a manifest with counts and sources', async () => {
    expect(readdirSync(out).sort()).toEqual(['gene-models.json', 'graph.kuzu', 'liftover', 'manifest.json', 'manifest.seal', 'ranking-tables.json', 'variant-index.json']);
    expect(manifest).toEqual(await readManifest(out));
    expect(manifest.snapshotId).toMatch(/^hpo-2099-01-01-[0-9a-f]{10}$/);
    expect(manifest.counts.nodes).toEqual({ Phenotype: 19, Disease: 6, Gene: 4, Variant: 5, MondoConcept: 2 });
    expect(manifest.counts.summary).toMatchObject({ currentHpoTerms: 18, diseasesWithPhenotypes: 3, genesWithDiseases: 3, clinvarPathogenicGrch38: 2 });
    expect(manifest.liftover).toMatchObject({ sourceBuild: 'GRCh37', records: 7, lifted: 5, unlifted: 2, minusStrand: 1, notInGene: 1 });
    expect(manifest.liftover.unliftedByReason).toEqual({ unmapped: 1, 'minus-strand-indel': 1 });
    const hpo = manifest.sources.find((s) => s.role === 'hpoObo')!;
    expect(hpo).toMatchObject({ path: 'hpo/hp.fixture.obo', release: 'hp/releases/2099-01-01', size: statSync(join(fixtureSources, 'hpo/hp.fixture.obo')).size });
    expect(hpo.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.skipped.map((s) => [s.reason, s.count])).toEqual(
      expect.arrayContaining([
        ['annotation to an unknown HPO id', 1],
        ['unparseable frequency (annotation kept without it)', 1],
        ['ClinVar record with a symbolic or non-ACGTN allele', 1],
      ]),
    );
    // transcript models: GRCh37 as given, GRCh38 lifted exon by exon (chr3 has no chain); constraint by symbol
    expect(manifest.geneModels).toEqual({
      GRCh37: { origin: 'refFlat_hg19.fixture.txt (refFlat)', transcripts: 2, coding: 2, genes: 1, unmatched: 1 },
      GRCh38: { origin: 'lifted from GRCh37', transcripts: 1, coding: 1, genes: 1, unmatched: 0, unlifted: 1, unliftedByReason: { 'exon not in the target assembly': 1 } },
      constraint: { genes: 2, matched: 1, unmatched: 1 },
    });
    const snap = await GraphSnapshot.open(out);
    const models = await snap.loadGeneModels();
    await snap.close();
    expect(models.transcripts.GRCh38).toMatchObject({ ids: ['NM_000001.1'], symbols: ['GENEA'], ncbiGeneIds: [1001], chrom: ['1'], txStart: [10100], cdsStart: [10150], cdsEnd: [10450] });
    expect(models.constraint).toEqual({ ncbiIds: [1001], symbols: ['GENEA'], pli: [0.99], loeuf: [0.2], misZ: [3.5] });
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
  });

  it('answers graph queries: ancestors, annotated diseases, variants, MONDO equivalence, genes', async () => {
    const snap = await GraphSnapshot.open(out);
    try {
      expect((await snap.ancestors('HP:0002069')).sort()).toEqual(['HP:0000001', 'HP:0000118', 'HP:0000707', 'HP:0001250']);
      expect(await snap.ancestorsByTraversal('HP:0002069')).toEqual(['HP:0000001', 'HP:0000118', 'HP:0000707', 'HP:0001250']);
      // The obsolete HP:0009999 annotation was redirected to HP:0001250; the NOT annotation is not a hit.
      expect((await snap.diseasesWithAnyPhenotype(['HP:0001250'])).map((d) => d.id).sort()).toEqual(['OMIM:100001', 'OMIM:100002', 'ORPHA:1001']);
      expect((await snap.diseasesWithAnyPhenotype(['HP:0000252'])).map((d) => d.id)).toEqual(['OMIM:100002']);
      expect(await snap.equivalentDiseases('OMIM:100001')).toEqual(['OMIM:100001', 'ORPHA:1001']);
      expect(await snap.genesForDisease('OMIM:100002')).toEqual([{ ncbiId: 1002, symbol: 'GENEB', associationType: 'MENDELIAN' }]);
      expect(await snap.variant('1:10201:C:T')).toMatchObject({
        key37: '1:201:C:T',
        significance: 'pathogenic',
        stars: 2,
        hgvsC: 'NM_000001.1:c.101C>T',
        gene: { ncbiId: 1001, symbol: 'GENEA' },
      });
      expect((await snap.variant('1:10450:G:A'))?.gene?.symbol).toBe('GENEA'); // by alias OLDA
      expect(await snap.variant('2:20900:T:G')).toMatchObject({ significance: 'conflicting', gene: { symbol: 'GENEB' } });
      expect((await snap.variant('X:5500:T:C'))?.gene?.symbol).toBe('GENED'); // by GRCh38 span
      expect((await snap.variant('MT:3243:A:G'))?.gene).toBeUndefined();
      expect(await snap.variant('1:201:C:T')).toBeUndefined();
      const term = await snap.phenotype('HP:0001250');
      expect(term).toMatchObject({ label: 'Seizure', aspect: 'P', diseaseCount: 3, synonyms: ['Seizures', 'Fits', 'Epileptic seizure'] });
      expect(term!.altIds).toEqual(['HP:0001386', 'HP:0002279']);
    } finally {
      await snap.close();
    }
  });

  it('precomputes the ranker tables: closure, IC, annotations with frequency, NOT, onset and genes', async () => {
    const snap = await GraphSnapshot.open(out);
    const t = await snap.loadRankingTables();
    await snap.close();
    expect(t.snapshotId).toBe(manifest.snapshotId);
    expect(t.diseases.ids).toEqual(['OMIM:100001', 'OMIM:100002', 'ORPHA:1001']);
    expect(t.annotatedDiseases).toBe(3);
    const term = (id: string) => t.terms.ids.indexOf(id);
    const d = 0;
    const anns = Array.from({ length: t.diseases.annOffsets[d + 1]! - t.diseases.annOffsets[d]! }, (_, k) => t.diseases.annOffsets[d]! + k);
    const byTerm = new Map(anns.map((a) => [t.terms.ids[t.diseases.annTerm[a]!], a]));
    // Seizure: HP:0040281 (0.895) and 3/4 from two references, averaged.
    expect(t.diseases.annFreq[byTerm.get('HP:0001250')!]).toBeCloseTo((0.895 + 0.75) / 2, 12);
    expect(t.diseases.annFreq[byTerm.get('HP:0001249')!]).toBeCloseTo(0.45, 12);
    expect(t.diseases.annOnset[byTerm.get('HP:0001249')!]).toBe(term('HP:0003577'));
    expect(t.diseases.annFlags[byTerm.get('HP:0000252')!]! & ANNOTATION_NOT).toBe(ANNOTATION_NOT);
    expect(t.diseases.inheritance[d]).toEqual([term('HP:0000006')]);
    expect(t.diseases.genes[d]!.map((g) => t.genes.symbols[g])).toEqual(['GENEA']);
    expect(t.diseases.mondo).toEqual(['MONDO:0000001', 'MONDO:0000002', 'MONDO:0000001']);
    expect(t.terms.diseaseCount[term('HP:0001250')]).toBe(3);
    expect(t.terms.ic[term('HP:0000252')]).toBeCloseTo(Math.log(3), 5);
    expect(t.replacements['HP:0009999']).toBe('HP:0001250');
    expect(t.redirects['HP:0002279']).toBe('HP:0001250');
  });

  it('a failed build leaves the existing snapshot untouched and no temporary directory behind', async () => {
    const broken = join(dir, 'broken-sources');
    cpSync(fixtureSources, broken, { recursive: true });
    const obo = join(broken, 'hpo', 'hp.fixture.obo');
    writeFileSync(obo, readFileSync(obo, 'utf8').replace('id: HP:0000001\nname: All\n', 'id: HP:0000001\nname: All\nis_a: HP:0002069\n'));
    await expect(buildSnapshot({ sourcesDir: broken, outDir: out })).rejects.toThrow(/hp\.fixture\.obo:\d+: is_a cycle/);
    expect((await verifySnapshot(out)).ok).toBe(true);
    expect((await readManifest(out)).snapshotId).toBe(manifest.snapshotId);
    expect(readdirSync(dir).filter((f) => f.includes('.building-'))).toEqual([]);
  });

  it('a missing required source names what is missing', async () => {
    const partial = join(dir, 'partial-sources');
    cpSync(fixtureSources, partial, { recursive: true, filter: (src) => !src.endsWith('gene_spans_hg38.bed') });
    await expect(buildSnapshot({ sourcesDir: partial, outDir: join(dir, 'other') })).rejects.toThrow(/missing required source file\(s\): geneSpans \(genes\/gene_spans_hg38\.bed\)/);
    expect(existsSync(join(dir, 'other'))).toBe(false);
  });

  it('verify names a truncated file and a changed file', async () => {
    const copy = join(dir, 'copy');
    cpSync(out, copy, { recursive: true });
    expect((await verifySnapshot(copy, { sourcesDir: fixtureSources })).ok).toBe(true);
    const tables = join(copy, 'ranking-tables.json');
    truncateSync(tables, statSync(tables).size - 10);
    const kuzuFile = join(copy, 'graph.kuzu');
    const bytes = readFileSync(kuzuFile);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(kuzuFile, bytes);
    const result = await verifySnapshot(copy);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      { file: 'graph.kuzu', problem: 'content changed (sha256 differs)' },
      { file: 'ranking-tables.json', problem: expect.stringMatching(/^truncated: \d+ bytes, expected \d+$/) },
    ]);
  });

  it('is readable by several processes at once (read-only opens)', async () => {
    const probe = resolve('dist/scripts/bench/cold-open-probe.js');
    expect(existsSync(probe), 'run `npm run build` first (npm test does)').toBe(true);
    const held = await GraphSnapshot.open(out);
    try {
      const results = await Promise.all([run(process.execPath, [probe, out]), run(process.execPath, [probe, out])]);
      for (const r of results) expect(JSON.parse(r.stdout)).toMatchObject({ openMs: expect.any(Number) });
      expect(await held.ancestors('HP:0001250')).toContain('HP:0000118');
    } finally {
      await held.close();
    }
    expect((await verifySnapshot(out)).ok).toBe(true); // reading never modifies the snapshot
  });
});

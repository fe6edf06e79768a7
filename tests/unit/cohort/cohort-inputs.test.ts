import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCohortShards } from '../../../scripts/cohort/cohort-shards.js';
import { compareCohorts } from '../../../scripts/cohort/reanalysis-report.js';
import { readSampleSheet } from '../../../scripts/cohort/sample-sheet.js';
import { scratchDir } from '../../helpers/paths.js';

describe('cohort inputs: sample sheet, shards and re-analysis', () => {
  const dir = scratchDir();
  const write = (name: string, body: string) => {
    writeFileSync(join(dir, name), body);
    return join(dir, name);
  };
  write('p1.json', '{}');
  write('p2.json', '{}');
  write('x.vcf', '');
  write('x.ped', 'F A 0 0 1 2\n');

  it('reads a sheet with paths relative to it, empty cells meaning none, assemblies by any of their names', async () => {
    const sheet = write('ok.tsv', 'case_id\tphenopacket\tvcf\tped\tsample\tgenome_assembly\nA\tp1.json\t\t\t\t\n\nB\tp2.json\tx.vcf\tx.ped\t\thg19\n');
    const cases = await readSampleSheet(sheet);
    expect(cases).toEqual([
      { caseId: 'A', row: 1, phenopacket: join(dir, 'p1.json'), line: 2 },
      { caseId: 'B', row: 2, phenopacket: join(dir, 'p2.json'), vcf: join(dir, 'x.vcf'), ped: join(dir, 'x.ped'), genomeAssembly: 'GRCh37', line: 4 },
    ].map((c) => expect.objectContaining(c)));
  });

  it('names sheet, line and column of what is wrong', async () => {
    await expect(readSampleSheet(write('h.tsv', 'case\tphenopacket\nA\tp1.json\n'))).rejects.toThrow(/h\.tsv:1: header lacks column\(s\) case_id/);
    await expect(readSampleSheet(write('d.tsv', 'case_id\tphenopacket\nA\tp1.json\nA\tp2.json\n'))).rejects.toThrow(/d\.tsv:3: column case_id: A is already on line 2/);
    await expect(readSampleSheet(write('m.tsv', 'case_id\tphenopacket\nA\tnope.json\n'))).rejects.toThrow(/m\.tsv:2: column phenopacket: nope\.json: file not found/);
    await expect(readSampleSheet(write('v.tsv', 'case_id\tphenopacket\tvcf\tped\nA\tp1.json\t\tx.ped\n'))).rejects.toThrow(/v\.tsv:2: columns ped, sample and genome_assembly describe a VCF: the vcf column is empty/);
    await expect(readSampleSheet(write('g.tsv', 'case_id\tphenopacket\tvcf\tgenome_assembly\nA\tp1.json\tx.vcf\tT2T\n'))).rejects.toThrow(/g\.tsv:2: column genome_assembly: "T2T"/);
    await expect(readSampleSheet(write('e.tsv', 'case_id\tphenopacket\n'))).rejects.toThrow(/no cases/);
  });

  it("shards: every shard gets its share of the exomes; the proband is the sheet's sample, else the PED's one affected member", async () => {
    write('trio.ped', '# fam id father mother sex phenotype\nF1 DAD 0 0 1 1\nF1 MUM 0 0 2 1\nF1 KID DAD MUM 2 2\n');
    write('sibs.ped', 'F S1 0 0 1 2\nF S2 0 0 2 2\n');
    write('w.json', '{"phenopacket": {"id": "wrapped"}}');
    const sheet = write('shard.tsv', ['case_id\tphenopacket\tvcf\tped\tsample', 'A\tp1.json\t\t\t', 'B\tp2.json\tx.vcf\ttrio.ped\t', 'C\tw.json\tx.vcf\tsibs.ped\tS2', 'D\tp1.json\t\t\t'].join('\n') + '\n');
    const summary = await writeCohortShards(sheet, 3, join(dir, 'shards'));
    expect(summary).toMatchObject({ cases: 4, withVcf: 2, shards: [{ cases: 2, withVcf: 1 }, { cases: 1, withVcf: 1 }, { cases: 1, withVcf: 0 }] }); // B D | C | A
    const lines = [0, 1, 2].flatMap((i) => readFileSync(join(dir, 'shards', `shard-00${i}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { caseId: string; sample?: string; phenopacket: unknown }));
    expect(Object.fromEntries(lines.map((l) => [l.caseId, l.sample]))).toEqual({ A: undefined, B: 'KID', C: 'S2', D: undefined });
    expect(lines.find((l) => l.caseId === 'C')!.phenopacket).toEqual({ id: 'wrapped' });
    const ambiguous = write('amb.tsv', 'case_id\tphenopacket\tvcf\tped\nC\tp1.json\tx.vcf\tsibs.ped\n');
    await expect(writeCohortShards(ambiguous, 1, join(dir, 'amb'))).rejects.toThrow(/sibs\.ped.*2 affected members \(S1, S2\): say which is the proband/);
  });

  it("flags a case when a disease entered or left its top 5, with the case store's rule", () => {
    const tops = (entries: [string, string[], boolean?][], snapshot: string) => new Map(entries.map(([id, diseases, error]) => [id, { snapshotId: snapshot, diseases, error: error ?? false }]));
    const before = tops([['A', ['d1', 'd2', 'd3', 'd4', 'd5', 'd6']], ['B', ['d1', 'd2', 'd3', 'd4', 'd5']], ['C', ['d1']]], 'old');
    const after = tops([['A', ['d5', 'd4', 'd3', 'd2', 'd1', 'd9']], ['B', ['d1', 'd2', 'd3', 'd4', 'd7']], ['D', ['d1']], ['E', [], true]], 'new');
    const rows = new Map(compareCohorts(after, before).map((r) => [r.case_id, r]));
    expect(rows.get('A')).toMatchObject({ status: 'unchanged' }); // re-ordered within the top 5; d9 and d6 are 6th
    expect(rows.get('B')).toMatchObject({ status: 'changed', entered: ['d7'], left: ['d5'], previous_snapshot: 'old', snapshot: 'new' });
    expect(rows.get('C')).toMatchObject({ status: 'dropped' });
    expect(rows.get('D')).toMatchObject({ status: 'new' });
    expect(rows.get('E')).toMatchObject({ status: 'error' });
  });
});

import { describe, expect, it } from 'vitest';
import { parsePhenopacketCase } from '../../../diagnosis/case-input/phenopacket-input.js';
import { durationToYears } from '../../../diagnosis/case-input/iso8601-duration.js';
import { topK } from '../../../diagnosis/ranking/top-k.js';

describe('phenopacket input', () => {
  const packet = {
    id: 'P1',
    subject: { id: 's', sex: 'FEMALE', timeAtLastEncounter: { age: { iso8601duration: 'P6Y6M' } } },
    phenotypicFeatures: [{ type: { id: 'HP:0001250', label: 'Seizure' } }, { type: { id: 'HP:0000252' }, excluded: true }],
    interpretations: [{ diagnosis: { disease: { id: 'OMIM:1' } } }],
    diseases: [{ term: { id: 'OMIM:1' } }],
  };

  it('reads features, sex and age, and never the diagnosis', () => {
    const r = parsePhenopacketCase(packet);
    expect(r).toEqual({
      ok: true,
      findings: { id: 'P1', present: ['HP:0001250'], excluded: ['HP:0000252'], sex: 'FEMALE', ageYears: 6.5 },
      extra: {},
    });
    expect(JSON.stringify(r)).not.toContain('OMIM:1');
  });

  it('unwraps {"phenopacket": ...} and returns the other wrapper fields', () => {
    const r = parsePhenopacketCase({ cohort: 'X', vcf: 'a.vcf', phenopacket: packet });
    expect(r.ok && r.extra).toEqual({ cohort: 'X', vcf: 'a.vcf' });
  });

  it('names the offending field', () => {
    const r = parsePhenopacketCase({ id: 'P2', phenotypicFeatures: [{ type: { label: 'no id' } }] });
    expect(r).toEqual({ ok: false, id: 'P2', error: expect.stringMatching(/field phenotypicFeatures\.0\.type\.id/) });
    expect(parsePhenopacketCase({ id: 'P3', subject: { sex: 'male' } })).toMatchObject({ ok: false, error: expect.stringMatching(/subject\.sex/) });
    expect(parsePhenopacketCase(42)).toMatchObject({ ok: false });
  });

  it("reads the VCF a phenopacket names in files (PhEval's testdata), with hg19/hg38 as GRCh37/GRCh38", () => {
    const vcf = (uri: string, attributes: Record<string, string>) => parsePhenopacketCase({ ...packet, files: [{ uri: 'notes.pdf', fileAttributes: { fileFormat: 'pdf' } }, { uri, fileAttributes: attributes }] });
    expect(vcf('file:///data/vcf/p1.vcf.gz', { fileFormat: 'VCF', genomeAssembly: 'hg19' })).toMatchObject({ ok: true, vcf: { uri: 'file:///data/vcf/p1.vcf.gz', assembly: 'GRCh37' } });
    expect(vcf('vcf/p1.vcf', { fileFormat: 'vcf', genomeAssembly: 'GRCh38' })).toMatchObject({ ok: true, vcf: { uri: 'vcf/p1.vcf', assembly: 'GRCh38' } });
    expect(vcf('vcf/p1.vcf', { fileFormat: 'vcf' })).toMatchObject({ ok: true, vcf: { uri: 'vcf/p1.vcf' } });
    expect(vcf('vcf/p1.bam', { fileFormat: 'vcf' })).toMatchObject({ ok: false, error: expect.stringMatching(/field files\.1\.uri: a VCF must end in \.vcf or \.vcf\.gz/) });
    expect(vcf('vcf/p1.vcf', { fileFormat: 'vcf', genomeAssembly: 'T2T' })).toMatchObject({ ok: false, error: expect.stringMatching(/files\.1\.fileAttributes\.genomeAssembly: "T2T"/) });
    const none = parsePhenopacketCase(packet);
    expect(none.ok && 'vcf' in none).toBe(false);
  });

  it('parses ISO 8601 ages', () => {
    expect(durationToYears('P6Y')).toBe(6);
    expect(durationToYears('P1Y6M')).toBeCloseTo(1.5, 12);
    expect(durationToYears('P3W')).toBeCloseTo(3 / 52.1775, 12);
    expect(durationToYears('P')).toBeUndefined();
    expect(durationToYears('six years')).toBeUndefined();
  });
});

describe('topK', () => {
  it('returns the k best, best first, with a deterministic tie-break', () => {
    const v = Float64Array.from([3, 5, 5, 1, -Infinity, 5, 4]);
    expect(topK(v, 4, (a, b) => a < b)).toEqual([1, 2, 5, 6]);
    expect(topK(v, 4, (a, b) => a > b)).toEqual([5, 2, 1, 6]);
    expect(topK(v, 10, (a, b) => a < b)).toEqual([1, 2, 5, 6, 0, 3]);
  });
});

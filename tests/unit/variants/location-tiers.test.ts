import { describe, expect, it } from 'vitest';
import type { ClinVarEntry } from '../../../diagnosis/variants/clinvar-index.js';
import type { LocationClass } from '../../../diagnosis/variants/location-classes.js';
import { assessVariant, tierLR } from '../../../diagnosis/variants/variant-pathogenicity.js';
import type { TranscriptLocation } from '../../../diagnosis/variants/variant-location.js';

const loc = (klass: LocationClass): TranscriptLocation => ({
  transcript: 'NM_000001.1',
  ncbiGeneId: 1,
  symbol: 'G',
  klass,
  position: 'c.100',
  exon: 2,
  exonCount: 5,
  spliceRegion: false,
  preferred: true,
  mane: false,
});
const at = (klass: LocationClass | undefined, constraint = {}) => assessVariant(undefined, undefined, undefined, { hasModels: true, location: klass ? loc(klass) : undefined, constraint });

describe('tiers from the location on the transcript models', () => {
  it('frameshift, canonical splice, start lost and stop codon are predicted loss of function', () => {
    for (const k of ['frameshift', 'splice-donor', 'splice-acceptor', 'start-lost', 'stop-codon'] as const) {
      expect(at(k)).toMatchObject({ tier: 'predicted-lof', lr: tierLR.predictedLof });
    }
    expect(at('frameshift').reasons.join(' ')).toMatch(/frameshift_variant c\.100 \(NM_000001\.1, exon 2\/5\): predicted loss of function/);
  });

  it('coding substitutions and in-frame indels are coding of unknown effect; the splice region is weaker', () => {
    for (const k of ['coding', 'inframe-deletion', 'inframe-insertion'] as const) expect(at(k)).toMatchObject({ tier: 'coding-unknown', lr: tierLR.codingUnknown });
    expect(at('splice-region')).toMatchObject({ tier: 'splice-region', lr: tierLR.spliceRegion });
    expect(tierLR.predictedLof).toBeGreaterThan(tierLR.codingUnknown);
    expect(tierLR.codingUnknown).toBeGreaterThan(tierLR.spliceRegion);
  });

  it('intronic, UTR, flanking and non-coding exon changes do not qualify; outside the models neither', () => {
    for (const k of ['intron', '5-utr', '3-utr', 'upstream', 'downstream', 'noncoding-exon'] as const) expect(at(k)).toMatchObject({ tier: 'non-coding', lr: 0 });
    expect(at(undefined)).toMatchObject({ tier: 'non-coding', lr: 0, reasons: ["outside the gene's transcript models"] });
    // no model of the gene at all: the floor of the model without transcripts
    expect(assessVariant(undefined, undefined, undefined, { hasModels: false })).toMatchObject({ tier: 'unknown', lr: tierLR.unknown });
  });

  it('ClinVar, a splice score and a VEP/SnpEff annotation win over the location', () => {
    const cv: ClinVarEntry = { key: 'k', key37: '', significance: 'pathogenic', stars: 2, clinvarId: '1', geneSymbol: 'G', hgvsC: '', hgvsP: '' };
    expect(assessVariant(cv, undefined, undefined, { hasModels: true, location: loc('intron') }).tier).toBe('clinvar-pathogenic');
    const vep = { source: 'VEP' as const, consequence: 'intron_variant', impact: 'MODIFIER' as const, spliceAi: 0.9 };
    expect(assessVariant(undefined, vep, undefined, { hasModels: true, location: loc('intron') }).tier).toBe('predicted-damaging');
    const syn = { source: 'VEP' as const, consequence: 'synonymous_variant', impact: 'LOW' as const };
    expect(assessVariant(undefined, syn, undefined, { hasModels: true, location: loc('coding') }).tier).toBe('benign');
    // a change at the codon of a ClinVar pathogenic variant still counts, even intronic (a splice site); a hotspot does not
    expect(assessVariant(undefined, undefined, { nearestPathogenic: 1, benignNearby: false }, { hasModels: true, location: loc('intron') }).tier).toBe('clinvar-same-codon');
    expect(assessVariant(undefined, undefined, { nearestPathogenic: 10, benignNearby: false }, { hasModels: true, location: loc('intron') }).tier).toBe('non-coding');
  });

  it('gene constraint sets the dominant-mode factor: up when constrained, down when known tolerant, 1 when unknown', () => {
    expect(at('frameshift', { loeuf: 0.1 })).toMatchObject({ dominantFactor: tierLR.lofIntolerantFactor });
    expect(at('frameshift', { loeuf: 1.4 })).toMatchObject({ dominantFactor: tierLR.lofTolerantFactor });
    expect(at('frameshift', { misZ: 5 })).toMatchObject({ dominantFactor: 1 });
    expect(at('coding', { misZ: 5 })).toMatchObject({ dominantFactor: tierLR.missenseConstrainedFactor });
    expect(at('coding', { misZ: 0.2 })).toMatchObject({ dominantFactor: tierLR.missenseUnconstrainedFactor });
    expect(at('coding', { loeuf: 0.1 })).toMatchObject({ dominantFactor: 1 });
    expect(at('frameshift', { loeuf: 0.1 }).reasons.join(' ')).toMatch(/LoF-intolerant gene \(LOEUF 0\.1 < 0\.6\)/);
    expect(tierLR.lofIntolerantFactor).toBeGreaterThan(1);
    expect(tierLR.lofTolerantFactor).toBeLessThan(1);
  });
});

import { resolve } from 'node:path';
import { KnowledgeSession } from '../../diagnosis/pipeline/knowledge-session.js';
import { isLofIntolerant, isMissenseConstrained } from '../../diagnosis/variants/gene-constraint.js';
import type { AnnotatedVariant, VariantAnnotator } from '../../diagnosis/variants/variant-annotator.js';
import { assessVariant, type PathogenicityTier } from '../../diagnosis/variants/variant-pathogenicity.js';
import { readVcf } from '../../diagnosis/variants/vcf-reader.js';
import { formatTable } from '../cli/format-table.js';
import { spikedCases } from './spiked-cases.js';

export interface TierFitOptions {
  input: string;
  background: string;
  snapshot: string;
  half: 'all' | 'even' | 'odd';
  limit?: number;
  json: boolean;
}

/** The evidence class of a variant from its location alone (no ClinVar, no neighbourhood): what a location tier rests on. */
function locationTier(annotator: VariantAnnotator, gene: number, v: AnnotatedVariant): PathogenicityTier {
  return assessVariant(undefined, v.annotation, undefined, { hasModels: annotator.hasModels(gene, 'GRCh37'), location: v.location, constraint: v.constraint }).tier;
}

interface Counts {
  causal: Map<string, number>;
  background: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
/** constrained, known not to be, or unknown (the gene is not in the constraint table) */
const lofState = (v: AnnotatedVariant) => (v.constraint?.loeuf === undefined ? 'unknown' : isLofIntolerant(v.constraint) ? 'constrained' : 'not');
const missenseState = (v: AnnotatedVariant) => (v.constraint?.misZ === undefined ? 'unknown' : isMissenseConstrained(v.constraint) ? 'constrained' : 'not');
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** A recessive gene's genotype among its qualifying variants: biallelic (a homozygote or two heterozygotes) or a single carrier allele. */
function recessivePattern(q: AnnotatedVariant[]): 'biallelic' | 'single allele' | undefined {
  if (q.length === 0) return undefined;
  return q.some((v) => v.call.copies >= 2) || q.length >= 2 ? 'biallelic' : 'single allele';
}

/**
 * `rarediag fit variant-tiers`: the likelihood ratios of the location tiers, P(class | causal variant) / P(class |
 * background variant in a scored gene), from the spiked benchmark (causal variants of each case placed in its causal
 * gene; the background exome's variants in every scored gene), with half a count added to each cell. Also the
 * constraint factors (dominant diseases), and the LR of a gene without any qualifying variant. Fit on the even half,
 * check on the odd: no single case is looked at.
 */
export async function runTierFit(o: TierFitOptions): Promise<void> {
  const session = await KnowledgeSession.open(resolve(o.snapshot));
  const annotator = await session.variantAnnotator();
  const down = await session.liftover38to37();
  const m = session.model;
  const modes = session.ranker.modes;
  const bySymbol = new Map(m.geneSymbols.map((s, g) => [s, g]));

  const tiers: Counts = { causal: new Map(), background: new Map() };
  // ClinVar's own classes by review stars (the ClinVar tier LRs are set from ACMG-style strengths; this measures them)
  const clinvar: Counts = { causal: new Map(), background: new Map() };
  const clinvarClass = (v: AnnotatedVariant) => {
    const c = v.clinvar;
    if (!c || (c.significance !== 'pathogenic' && c.significance !== 'likely_pathogenic')) return 'not P/LP in ClinVar';
    return `${c.significance} ${Math.min(c.stars, 2)}${c.stars >= 2 ? '+' : ''} star`;
  };
  const zygosity: Counts = { causal: new Map(), background: new Map() };
  // constraint: among LoF (resp. coding) variants, how many lie in LoF-intolerant (missense-constrained) genes
  const lofConstrained: Counts = { causal: new Map(), background: new Map() };
  const codingConstrained: Counts = { causal: new Map(), background: new Map() };
  const backgroundByGene = new Map<number, AnnotatedVariant[]>();
  await readVcf(resolve(o.background), {}, (call) => {
    const out = annotator.annotate({ ...call, id: undefined }, 'GRCh37');
    if (out.kind !== 'annotated') return;
    for (const p of out.placements) {
      const t = locationTier(annotator, p.gene, p.variant);
      bump(tiers.background, t);
      bump(clinvar.background, clinvarClass(p.variant));
      bump(zygosity.background, `${t} ${p.variant.call.zygosity}`);
      if (t === 'predicted-lof') bump(lofConstrained.background, lofState(p.variant));
      if (t === 'coding-unknown') bump(codingConstrained.background, missenseState(p.variant));
      (backgroundByGene.get(p.gene) ?? backgroundByGene.set(p.gene, []).get(p.gene)!).push(p.variant);
    }
  });
  const qualifies = (v: AnnotatedVariant) => v.assessment.lr > 0;
  const genesWithout = m.geneSymbols.filter((_, g) => !(backgroundByGene.get(g) ?? []).some(qualifies)).length / m.geneSymbols.length;

  // genotype patterns among genes with a qualifying variant: what a recessive gene's pattern says (single carrier vs
  // biallelic) against the same pattern in any background gene
  const patterns: Counts = { causal: new Map(), background: new Map() };
  for (const vs of backgroundByGene.values()) {
    const p = recessivePattern(vs.filter(qualifies));
    if (p) bump(patterns.background, p);
  }
  let cases = 0;
  let causalGenes = 0;
  let causalWithout = 0;
  for await (const c of spikedCases(o.input, down, o.half, o.limit)) {
    cases += 1;
    const truthGenes = new Set(c.truth.genes.map((s) => bySymbol.get(s)).filter((g): g is number => g !== undefined));
    const dominant = c.truth.diseases.some((id) => {
      const d = m.diseaseIndex.get(id);
      return d !== undefined && modes.sets[modes.setOf[d]!]!.every((x) => x === 'dominant' || x === 'x-dominant');
    });
    const recessiveOnly = c.truth.diseases.length > 0 && c.truth.diseases.every((id) => {
      const d = m.diseaseIndex.get(id);
      return d !== undefined && modes.sets[modes.setOf[d]!]!.every((x) => x === 'recessive');
    });
    const found = new Map<number, AnnotatedVariant[]>();
    for (const call of c.calls) {
      const out = annotator.annotate({ ...call, filter: 'PASS', line: 0 }, 'GRCh37');
      if (out.kind !== 'annotated') continue;
      for (const p of out.placements) {
        if (!truthGenes.has(p.gene)) continue;
        (found.get(p.gene) ?? found.set(p.gene, []).get(p.gene)!).push(p.variant);
        const t = locationTier(annotator, p.gene, p.variant);
        bump(tiers.causal, t);
        bump(clinvar.causal, clinvarClass(p.variant));
        bump(zygosity.causal, `${t} ${p.variant.call.zygosity}`);
        if (dominant && t === 'predicted-lof') bump(lofConstrained.causal, lofState(p.variant));
        if (dominant && t === 'coding-unknown') bump(codingConstrained.causal, missenseState(p.variant));
      }
    }
    for (const g of truthGenes) {
      causalGenes += 1;
      const all = [...(found.get(g) ?? []), ...(backgroundByGene.get(g) ?? [])];
      if (!all.some(qualifies)) causalWithout += 1;
      const p = recessiveOnly ? recessivePattern(all.filter(qualifies)) : undefined;
      if (p) bump(patterns.causal, p);
    }
  }
  await session.close();

  const ratio = (k: string, c: Counts) => {
    const a = ((c.causal.get(k) ?? 0) + 0.5) / (total(c.causal) + 0.5 * Math.max(1, c.causal.size));
    const b = ((c.background.get(k) ?? 0) + 0.5) / (total(c.background) + 0.5 * Math.max(1, c.background.size));
    return { causal: c.causal.get(k) ?? 0, causalShare: a, background: c.background.get(k) ?? 0, backgroundShare: b, lr: a / b };
  };
  const keys = (c: Counts) => [...new Set([...c.causal.keys(), ...c.background.keys()])].sort();
  const table = (c: Counts) => Object.fromEntries(keys(c).map((k) => [k, ratio(k, c)]));
  const figures = {
    cases,
    tiers: table(tiers),
    byZygosity: table(zygosity),
    lofIntolerantFactor: ratio('constrained', lofConstrained).lr,
    lofTolerantFactor: ratio('not', lofConstrained).lr,
    missenseConstrainedFactor: ratio('constrained', codingConstrained).lr,
    missenseTolerantFactor: ratio('not', codingConstrained).lr,
    lofConstraint: table(lofConstrained),
    codingConstraint: table(codingConstrained),
    recessivePatterns: table(patterns),
    clinvar: table(clinvar),
    noQualifyingVariant: { causalGenes, causalShare: causalWithout / Math.max(1, causalGenes), backgroundShare: genesWithout, lr: causalWithout / Math.max(1, causalGenes) / genesWithout },
  };
  if (o.json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const rows = (t: Record<string, ReturnType<typeof ratio>>) => Object.entries(t).map(([k, r]) => [k, String(r.causal), pct(r.causalShare), String(r.background), pct(r.backgroundShare), r.lr.toFixed(3)]);
  const head = ['class', 'causal', 'share', 'background', 'share', 'LR'];
  const align = ['l', 'r', 'r', 'r', 'r', 'r'] as const;
  process.stdout.write(
    `${formatTable(head, rows(figures.tiers), [...align])}\n\n${formatTable(head, rows(figures.byZygosity), [...align])}\n\n` +
      `dominant diseases: LoF in a LoF-intolerant gene ×${figures.lofIntolerantFactor.toFixed(2)}, in a tolerant one ×${figures.lofTolerantFactor.toFixed(2)}; ` +
      `coding change in a missense-constrained gene ×${figures.missenseConstrainedFactor.toFixed(2)}, in an unconstrained one ×${figures.missenseTolerantFactor.toFixed(2)}\n` +
      `${formatTable(head, rows(figures.lofConstraint), [...align])}\n${formatTable(head, rows(figures.codingConstraint), [...align])}\n` +
      `ClinVar class of the variant (P/LP by review stars)\n${formatTable(head, rows(figures.clinvar), [...align])}\n` +
      `recessive diseases, genes with a qualifying variant: the genotype pattern\n${formatTable(head, rows(figures.recessivePatterns), [...align])}\n` +
      `no qualifying variant: ${pct(figures.noQualifyingVariant.causalShare)} of ${causalGenes} causal genes, ${pct(genesWithout)} of scored genes: LR ${figures.noQualifyingVariant.lr.toFixed(3)}\n` +
      `cases ${cases} (half ${o.half})\n`,
  );
}

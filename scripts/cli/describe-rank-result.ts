import type { RankResult } from '../../diagnosis/ranking/ranker.js';
import { variantOut, type VariantOut } from '../../diagnosis/pipeline/variant-out.js';
import { formatTable } from './format-table.js';

/** A likelihood ratio with its signed log10: "LR 25.3 (+1.40)", "LR 0.200 (−0.70)"; a minus sign marks evidence against. */
const lr = (x: number) => {
  const l = Math.log10(x);
  return `LR ${x.toPrecision(3)} (${Math.abs(l) < 0.005 ? '0.00' : `${l > 0 ? '+' : '−'}${Math.abs(l).toFixed(2)}`})`;
};

/** ", frameshift c.123del exon 2/9 NM_000001, LOEUF 0.21" from a variant's location and its gene's constraint. */
function describeLocation(o: VariantOut): string {
  const l = o.location;
  const where = l
    ? `, ${l.class}${l.position ? ` ${l.position}` : ''}${l.exon ? ` exon ${l.exon}/${l.exonCount}` : l.intron ? ` intron ${l.intron}` : ''} ${l.transcript}`
    : '';
  const c = o.constraint;
  const constraint = c?.loeuf !== undefined ? `, LOEUF ${c.loeuf}` : c?.misZ !== undefined ? `, missense Z ${c.misZ}` : '';
  return where + constraint;
}

/** The readable form of a ranking: terms used, the differential, genes with variants, per-term evidence. */
export function describeRankResult(r: RankResult, show: number): string {
  const pct = (x: number) => (x >= 0.001 ? `${(100 * x).toFixed(1)}%` : '<0.1%');
  const lines: string[] = [];
  lines.push(`observed: ${r.present.map((q) => `${q.id} ${q.label}`).join('; ')}`);
  if (r.excluded.length) lines.push(`excluded: ${r.excluded.map((q) => `${q.id} ${q.label}`).join('; ')}`);
  for (const s of r.skipped) lines.push(`not used: ${s.input} (${s.reason}${s.impliedBy ? `: ${s.impliedBy}` : ''})`);
  lines.push('', `snapshot ${r.snapshotId}, ${r.candidates} candidate diseases`);
  if (r.vcf?.buildBasis === 'CNV call file') {
    lines.push(`CNV calls ${r.vcf.file} (${r.vcf.build}): ${r.vcf.structural ?? 0} copy-number calls, ${r.vcf.inGenes} in scored genes`);
  } else if (r.vcf) {
    const v = r.vcf;
    const dropped = Object.entries(v.dropped).map(([k, n]) => `${k} ${n}`).join(', ');
    lines.push(
      `VCF ${v.file} (sample ${v.sample}, ${v.build}: ${v.buildBasis}): ${v.records} records, ${v.passed} alleles kept, ` +
        `${v.lifted} lifted to GRCh38, ${v.unlifted} not liftable, ${v.inGenes} in scored genes${v.structural ? `, ${v.structural} copy-number calls` : ''}${dropped ? `; dropped: ${dropped}` : ''}${v.roh?.regions ? `; regions of homozygosity: ${v.roh.regions}, ${v.roh.totalMb} Mb${v.roh.consanguinityLikely ? ' (parents likely related: homozygotes in them weigh more)' : ''}` : ''}`,
    );
  }
  lines.push('');
  lines.push(
    formatTable(
      ['rank', 'disease', 'name', 'genes', 'log10 score', 'hallmarks', 'post-test'],
      r.diseases.slice(0, show).map((d) => [
        d.rank,
        d.id,
        (d.label.length > 48 ? `${d.label.slice(0, 45)}...` : d.label) + (d.profile ? ' *' : ''),
        d.genes.map((g) => g.symbol).slice(0, 3).join(',') + (d.genes.length > 3 ? '...' : ''),
        d.score.toFixed(2),
        d.profile ? '' : `${Math.round(100 * d.coverage)}%`,
        pct(d.probability),
      ]),
      ['r', 'l', 'l', 'l', 'r', 'r', 'r'],
    ),
    `post-test probabilities are calibrated on published cases: among past cases shown with 70 %, about 70 % had that diagnosis` +
      (r.unlistedProbability >= 0.001 ? `; a disease this snapshot does not contain: ${pct(r.unlistedProbability)}` : '') +
      (r.diseases.slice(0, show).some((d) => d.profile)
        ? '\n* no curated phenotype profile: scored from the annotated diseases of its genes, never above them'
        : ''),
  );
  if (r.vcf) {
    lines.push('', formatTable(
      ['rank', 'gene', 'genotype LR', 'inheritance check', 'variants (GRCh38; zygosity; evidence)'],
      r.genes.slice(0, show).map((g) => [
        g.rank,
        g.symbol,
        g.genotype ? g.genotype.lr.toPrecision(3) : '',
        g.genotype ? `${g.genotype.mode}: ${g.genotype.reason}` : '',
        (g.variants ?? []).slice(0, 3).map((v) => {
          const o = variantOut(v);
          const input = o.inputBuild !== 'GRCh38' && o.input !== o.grch38 ? `, ${o.inputBuild} ${o.input}` : '';
          if (o.structural) return `${o.structural.text} ${o.zygosity} ${o.tier}${o.inputBuild !== 'GRCh38' ? ` (${o.inputBuild})` : ''}`;
          return `${o.grch38} ${o.zygosity} ${o.clinvar ? `ClinVar ${o.clinvar.significance} ${o.clinvar.stars}*${o.clinvar.hgvsC ? ` ${o.clinvar.hgvsC}` : ''}` : o.tier}${describeLocation(o)}${input}`;
        }).join('; '),
      ]),
      ['r', 'l', 'r', 'l', 'l'],
    ));
  }
  for (const d of r.diseases) {
    if (!d.explanation) continue;
    const parts = Object.entries(d.parts).filter(([, v]) => Math.abs(v) >= 0.005).map(([k, v]) => `${k} ${v > 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`);
    lines.push('', `#${d.rank} ${d.id} ${d.label}: why (log10: findings ${d.log10LikelihoodRatio >= 0 ? '+' : '−'}${Math.abs(d.log10LikelihoodRatio).toFixed(2)}${parts.length ? `; ${parts.join('; ')}` : ''})`);
    for (const o of d.explanation.observed) {
      const target = o.diseaseTerm ? ` ~ ${o.diseaseTerm.id} ${o.diseaseTerm.label}` : '';
      const freq = o.frequencyText ? `, frequency ${o.frequencyText}` : '';
      lines.push(`  ${o.lr >= 1 ? '+' : '−'} ${o.id} ${o.label}: ${o.match}${target}${freq}, ${lr(o.lr)}`);
    }
    for (const o of d.explanation.excluded) {
      if (o.match === 'unrelated') continue;
      const freq = o.frequencyText ? `, frequency ${o.frequencyText}` : '';
      lines.push(`  ${o.lr >= 1 ? '+' : '−'} ${o.id} ${o.label} (excluded): ${o.match}${o.diseaseTerm ? ` ${o.diseaseTerm.label}` : ''}${freq}${o.notYetDue ? ', not yet due at this age' : ''}, ${lr(o.lr)}`);
    }
    if (d.explanation.notReported.length) {
      lines.push(`  hallmarks not reported: ${d.explanation.notReported.map((f) => `${f.label} (${f.frequencyText}, ${lr(f.lr)})`).join('; ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

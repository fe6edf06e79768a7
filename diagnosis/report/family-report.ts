import type { CaseDetail, RunView } from '../contract/api-schemas.js';
import { affectedWords, memberSexWords, relationsToProband } from '../contract/pedigree-relations.js';
import type { ReportBlock, ReportSection } from './report-blocks.js';

/**
 * The report's family and lab-list sections: the pedigree as a table (each member's relation to the proband, sex,
 * affected status, parents; consanguinity; where it came from) and the candidate variant list as the lab gave it.
 * Absent when the case has neither: a report says what the case holds, not what it lacks.
 */
export function familySections(c: CaseDetail): ReportSection[] {
  const sections: ReportSection[] = [];
  const p = c.pedigree;
  if (p) {
    const relation = relationsToProband(p.members);
    const blocks: ReportBlock[] = [
      {
        kind: 'fields',
        rows: [
          ['Family', `${p.familyId} (${p.members.length} member${p.members.length === 1 ? '' : 's'}; from ${p.source})`],
          ['Parents related (consanguinity)', p.consanguineous ? 'yes' : 'not stated'],
        ],
      },
      {
        kind: 'table',
        columns: ['Member', 'Relation to proband', 'Sex', 'Affected', 'Father', 'Mother'],
        rows: p.members.map((m) => [m.id, relation.get(m.id) ?? 'relative', memberSexWords[m.sex], affectedWords[m.affected], m.fatherId ?? '—', m.motherId ?? '—']),
      },
      ...(p.notes.length ? [{ kind: 'list' as const, items: p.notes }] : []),
    ];
    sections.push({ id: 'pedigree', title: 'Family (pedigree)', blocks });
  }
  const list = c.candidateVariants;
  if (list) {
    sections.push({
      id: 'candidate-variants',
      title: 'Candidate variants (lab list)',
      blocks: [
        { kind: 'paragraph', tone: 'muted', text: `${list.variants.length} variant${list.variants.length === 1 ? '' : 's'} from ${list.source}; without a VCF, the ranking weighs these variants only.` },
        {
          kind: 'table',
          columns: ['Gene', 'HGVS c.', 'HGVS p.', 'Transcript', 'Position', 'Zygosity', 'Inheritance', 'Lab class'],
          rows: list.variants.map((v) => [
            v.gene ?? '—',
            v.hgvsC ?? '—',
            v.hgvsP ?? '—',
            v.transcript ?? '—',
            v.chrom !== undefined ? `${v.assembly ?? ''} ${v.chrom}:${v.pos} ${v.ref}>${v.alt}`.trim() : '—',
            v.zygosity ?? '—',
            v.inheritance ?? '—',
            v.acmg ?? 'not given',
          ]),
        },
      ],
    });
  }
  return sections;
}

/** The family's calls of the variants a candidate's genotype rests on (a trio's VCF, a lab's stated inheritance). */
export function familyCallsBlock(variants: NonNullable<RunView['candidates'][number]['genotype']>['variants']): ReportBlock | undefined {
  const rows = variants
    .filter((v) => v.members?.length || v.inheritance)
    .map((v) => [v.grch38, v.inheritance ? `${v.inheritance.finding}${v.inheritance.caution ? ` (caution: ${v.inheritance.caution})` : ''}` : '—', (v.members ?? []).map((m) => `${m.role ? `${m.role} ` : ''}${m.id}: ${m.gt}`).join('; ') || '—']);
  return rows.length ? { kind: 'table', columns: ['Variant', 'Inheritance finding', 'Calls in the family'], rows } : undefined;
}

import type { Candidate, CaseDetail, DecisionView, ReportSettings, RunView } from '../contract/api-schemas.js';
import { genotypeStatement } from '../contract/genotype-statement.js';
import { familyCallsBlock, familySections } from './family-report.js';
import type { ReportBlock, ReportSection } from './report-blocks.js';

export type { ReportBlock, ReportSection } from './report-blocks.js';
import { dateFormatter, type ReaderLocale } from './report-dates.js';

/**
 * The clinical report as content: titled sections of a few kinds of block, with every value already worded and every
 * date already in the reader's locale. The HTML (report-html.ts: viewing, printing, the desktop app's PDF) and the
 * browser-mode PDF (report-pdf.ts) are both drawn from it, so they cannot say different things.
 */
export interface ClinicalReport {
  /** institution, department, address, contact: the letterhead */
  letterhead: string[];
  title: string;
  /** "Case … · generated …" */
  subtitle: string;
  sections: ReportSection[];
  footer: string;
  /** for the document's metadata */
  documentTitle: string;
}

export interface ReportInputs {
  case: CaseDetail;
  run: RunView;
  settings: ReportSettings;
  /** the knowledge sources and their releases (ISO day when known) */
  sources: { name: string; release: string }[];
  versions: { application: string; snapshotId: string; snapshotBuiltAt?: string; modelId?: string };
  generatedAt: Date;
  reader: ReaderLocale;
}

const sexWords: Record<string, string> = { MALE: 'male', FEMALE: 'female', OTHER_SEX: 'other', UNKNOWN_SEX: 'not recorded' };
const statusWords: Record<string, string> = { new: 'new', 'in-progress': 'in progress', solved: 'solved', unsolved: 'unsolved', closed: 'closed' };
export const decisionWords: Record<DecisionView['kind'], string> = {
  accept: 'Accepted',
  reject: 'Rejected',
  exclude: 'Considered and excluded',
  'final-diagnosis': 'Final diagnosis',
  'mark-solved': 'Marked solved',
  'mark-unsolved': 'Marked unsolved',
  reopen: 'Reopened',
  close: 'Closed',
};
export const classificationWords: Record<string, string> = {
  pathogenic: 'Pathogenic',
  'likely-pathogenic': 'Likely pathogenic',
  'uncertain-significance': 'Uncertain significance (VUS)',
  'likely-benign': 'Likely benign',
  benign: 'Benign',
};
const certaintyWords: Record<string, string> = { confirmed: 'confirmed', probable: 'probable', possible: 'possible' };
const sourceWords: Record<string, string> = { typed: 'entered by the clinician', extracted: 'from the narrative', 'llm-accepted': 'proposed by the local model, accepted' };

export const probabilityMeaning = 'Probabilities are calibrated on published cases: among past cases shown with 70 %, about 70 % had that diagnosis.';
const pct = (x: number) => (x > 0.999 ? '> 99.9 %' : x >= 0.001 ? `${(100 * x).toFixed(x >= 0.1 ? 1 : 2)} %` : '< 0.1 %');
const lr = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en') : x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2));
/** a long narrative is summarised by its opening; the case record keeps the whole text */
const NARRATIVE_CHARS = 2500;

const matches = (c: Candidate, id: string) => c.id === id || c.ids.includes(id) || c.entryId === id;

export function buildClinicalReport(input: ReportInputs, top = 10): ClinicalReport {
  const { case: c, run, settings: s } = input;
  const dates = dateFormatter(input.reader);
  const sections: ReportSection[] = [];
  const fd = c.finalDiagnosis;
  const candidateDecisions = c.decisions.filter((d) => d.diseaseId && ['accept', 'reject', 'exclude', 'final-diagnosis'].includes(d.kind));
  const latestDecisionOn = (cand: Candidate) => [...candidateDecisions].reverse().find((d) => matches(cand, d.diseaseId!));

  // ---- patient and referral ----
  sections.push({
    id: 'patient',
    title: 'Patient and referral',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Case', `${c.label} (record ${c.id.slice(0, 8)})`],
          ['Sex', sexWords[c.sex ?? 'UNKNOWN_SEX'] ?? 'not recorded'],
          ['Age', c.ageYears !== undefined ? `${c.ageYears.toFixed(c.ageYears < 2 ? 1 : 0)} years` : 'not recorded'],
          ['Referred by', c.referrer ?? 'not recorded'],
          ['Indication', c.indication ?? 'not recorded'],
          ['Case status', statusWords[c.status] ?? c.status],
        ],
      },
    ],
  });

  // ---- clinical summary ----
  const narrative = c.narrative.trim();
  sections.push({
    id: 'narrative',
    title: 'Clinical summary',
    blocks: narrative
      ? [
          { kind: 'paragraph', text: narrative.length > NARRATIVE_CHARS ? `${narrative.slice(0, NARRATIVE_CHARS).trimEnd()} …` : narrative },
          ...(narrative.length > NARRATIVE_CHARS ? [{ kind: 'paragraph' as const, tone: 'muted' as const, text: `The opening of the narrative; ${(narrative.length - NARRATIVE_CHARS).toLocaleString('en')} more characters are in the case record.` }] : []),
        ]
      : [{ kind: 'paragraph', tone: 'muted', text: 'No narrative recorded.' }],
  });

  // ---- findings ----
  const findingRows = (status: string) =>
    c.findings
      .filter((f) => f.status === status)
      .map((f) => [f.label, f.hpoId, f.source === 'extracted' && f.text ? `${sourceWords[f.source]}: “${f.text}”` : (sourceWords[f.source] ?? f.source)]);
  const present = findingRows('present');
  const excluded = findingRows('excluded');
  const uncertain = findingRows('uncertain');
  sections.push({
    id: 'findings',
    title: 'Findings (HPO)',
    blocks: [
      { kind: 'paragraph', tone: 'strong', text: `Present (${present.length})` },
      present.length ? { kind: 'table', columns: ['Finding', 'HPO', 'Source'], rows: present } : { kind: 'paragraph', tone: 'muted', text: 'None.' },
      { kind: 'paragraph', tone: 'strong', text: `Excluded (${excluded.length})` },
      excluded.length ? { kind: 'table', columns: ['Finding', 'HPO', 'Source'], rows: excluded } : { kind: 'paragraph', tone: 'muted', text: 'None.' },
      ...(uncertain.length ? [{ kind: 'paragraph' as const, tone: 'muted' as const, text: `Uncertain, not used for ranking: ${uncertain.map((r) => `${r[0]} (${r[1]})`).join('; ')}.` }] : []),
    ],
  });

  // ---- family and the lab's candidate variants ----
  sections.push(...familySections(c));

  // ---- decision ----
  const decisionBlocks: ReportBlock[] = [];
  if (fd) {
    decisionBlocks.push({
      kind: 'fields',
      rows: [
        ['Final diagnosis', `${fd.label} (${fd.diseaseId})`],
        ['Certainty', certaintyWords[fd.certainty ?? ''] ?? 'not stated'],
        ...(fd.gene ? [['Gene', fd.gene] as [string, string]] : []),
        ...(fd.variant ? [['Variant', fd.variant] as [string, string]] : []),
        ...(fd.classification ? [['Variant classification (ACMG/AMP)', classificationWords[fd.classification] ?? fd.classification] as [string, string]] : []),
        ['Decided by', `${fd.decidedBy}, ${dates.moment(fd.decidedAt)}`],
        ...(fd.note ? [['Note', fd.note] as [string, string]] : []),
      ],
    });
  } else {
    decisionBlocks.push({ kind: 'paragraph', tone: 'notice', text: `No final diagnosis has been recorded (case status: ${statusWords[c.status] ?? c.status}).` });
  }
  if (candidateDecisions.length) {
    decisionBlocks.push({ kind: 'paragraph', tone: 'strong', text: 'Decisions on candidates' });
    decisionBlocks.push({
      kind: 'table',
      columns: ['Decision', 'Disease', 'Reason or note', 'By, when'],
      rows: candidateDecisions.map((d) => [decisionWords[d.kind], `${d.label ?? d.diseaseId} (${d.diseaseId})`, d.note || '—', `${d.decidedBy}, ${dates.moment(d.decidedAt)}`]),
    });
  }
  if (c.notes.trim()) decisionBlocks.push({ kind: 'paragraph', tone: 'strong', text: 'Clinician notes' }, { kind: 'paragraph', text: c.notes.trim() });
  sections.push({ id: 'decision', title: 'Decision', blocks: decisionBlocks });

  // ---- differential ----
  const rows = run.candidates.slice(0, top).map((d) => {
    const decided = latestDecisionOn(d);
    return [
      String(d.rank),
      `${d.label} (${d.ids.join(', ')})`,
      d.genes.map((g) => g.symbol).join(', ') || '—',
      pct(d.probability),
      `${Math.round(100 * d.coverage)} %`,
      decided ? decisionWords[decided.kind] : '',
    ];
  });
  sections.push({
    id: 'differential',
    title: 'Ranked differential (deterministic likelihood-ratio model)',
    blocks: [
      rows.length ? { kind: 'table', columns: ['#', 'Disease', 'Genes', 'Post-test probability', 'Hallmarks reported', 'Decision'], rows } : { kind: 'paragraph', text: 'No candidate: the findings matched no annotated disease.' },
      {
        kind: 'paragraph',
        tone: 'muted',
        text: `${probabilityMeaning}${run.unlistedProbability !== undefined && run.unlistedProbability >= 0.001 ? ` Probability that the diagnosis is a disease this knowledge snapshot does not contain: ${pct(run.unlistedProbability)}.` : ''}`,
      },
    ],
  });

  // ---- evidence for the accepted diagnosis ----
  const accepted = [...c.decisions].reverse().find((d) => d.kind === 'accept' && d.diseaseId);
  const fdCandidate = fd ? run.candidates.find((x) => matches(x, fd.diseaseId)) : undefined;
  const acceptedCandidate = accepted ? run.candidates.find((x) => matches(x, accepted.diseaseId!)) : undefined;
  const focus = fdCandidate ?? acceptedCandidate ?? run.candidates[0];
  const why = fdCandidate ? 'the final diagnosis' : acceptedCandidate ? 'the accepted candidate' : 'the leading candidate (no diagnosis accepted yet)';
  const evidence: ReportBlock[] = [];
  if (fd && !fdCandidate) evidence.push({ kind: 'paragraph', tone: 'notice', text: `The final diagnosis (${fd.label}, ${fd.diseaseId}) is not among this run's ${run.candidates.length} candidates.` });
  if (focus) {
    evidence.push({ kind: 'paragraph', tone: 'strong', text: `${focus.rank}. ${focus.label} (${focus.id}): ${why}; post-test probability ${pct(focus.probability)}` });
    const terms = [
      ...[...focus.observed].sort((a, b) => b.lr - a.lr).map((o) => ['present', `${o.label} (${o.id})`, `${o.match.replace(/-/g, ' ')}${o.diseaseTerm && o.diseaseTerm.id !== o.id ? ` via ${o.diseaseTerm.label}` : ''}`, o.frequencyText ?? '—', lr(o.lr)]),
      ...[...focus.excluded].filter((o) => o.match !== 'unrelated').sort((a, b) => a.lr - b.lr).map((o) => ['excluded', `${o.label} (${o.id})`, o.match.replace(/-/g, ' '), o.frequencyText ?? '—', lr(o.lr)]),
    ];
    evidence.push(terms.length ? { kind: 'table', columns: ['In the patient', 'Finding', 'Match in the disease', 'Frequency in the disease', 'LR'], rows: terms } : { kind: 'paragraph', tone: 'muted', text: 'Per-finding evidence is computed for the leading candidates only.' });
    if (focus.notReported.length) {
      evidence.push({ kind: 'paragraph', text: `Features of the disease not reported in the patient: ${focus.notReported.map((t) => `${t.label}${t.frequencyText ? ` (${t.frequencyText})` : ''}`).join('; ')}.` });
    }
  }
  sections.push({ id: 'evidence', title: 'Evidence for the accepted diagnosis', blocks: evidence.length ? evidence : [{ kind: 'paragraph', tone: 'muted', text: 'No candidate.' }] });

  // ---- variants ----
  const variantBlocks: ReportBlock[] = [];
  const statement = focus ? genotypeStatement(run, focus) : undefined;
  if (focus?.genotype) {
    const g = focus.genotype;
    const fdMatches = (key: string, hgvs?: string) => !!fd?.variant && (fd.variant.includes(key) || (!!hgvs && fd.variant.includes(hgvs)));
    variantBlocks.push({
      kind: 'table',
      columns: ['Gene', 'Variant', 'Zygosity', 'Consequence', 'Inheritance', 'ClinVar', 'Classification'],
      rows: g.variants.map((v) => [
        g.gene,
        `${v.grch38} (GRCh38)${v.input !== v.grch38 ? `; input ${v.inputBuild} ${v.input}` : ''}${v.clinvar?.hgvsC ? `; ${v.clinvar.hgvsC}` : ''}${v.clinvar?.hgvsP ? ` ${v.clinvar.hgvsP}` : ''}`,
        v.zygosity,
        v.consequence ?? `not annotated (${v.tier})`,
        `${g.mode}: ${g.satisfied ? 'fits' : 'does not fit'}`,
        v.clinvar ? `${v.clinvar.significance}, ${v.clinvar.stars} star${v.clinvar.stars === 1 ? '' : 's'}` : 'not in ClinVar',
        fdMatches(v.grch38, v.clinvar?.hgvsC) && fd?.classification ? `${classificationWords[fd.classification]} (clinician)` : 'not classified',
      ]),
    });
    const calls = familyCallsBlock(g.variants);
    if (calls) variantBlocks.push(calls);
    variantBlocks.push({ kind: 'paragraph', tone: 'muted', text: statement!.text });
  } else if (statement) {
    variantBlocks.push({ kind: 'paragraph', text: statement.text });
  }
  if (fd?.variant) variantBlocks.push({ kind: 'paragraph', text: `Variant named in the final diagnosis: ${fd.gene ? `${fd.gene} ` : ''}${fd.variant}${fd.classification ? `, classified ${classificationWords[fd.classification]} (ACMG/AMP)` : ', not classified'}.` });
  if (run.vcf) variantBlocks.push({ kind: 'paragraph', tone: 'muted', text: `Sequencing data: ${run.vcf.file}, sample ${run.vcf.sample}, ${run.vcf.build}; ${run.vcf.records.toLocaleString('en')} records, ${run.vcf.passed.toLocaleString('en')} passed, ${run.vcf.inGenes.toLocaleString('en')} in scored genes.` });
  sections.push({ id: 'variants', title: 'Variants', blocks: variantBlocks.length ? variantBlocks : [{ kind: 'paragraph', tone: 'muted', text: 'No candidate.' }] });

  // ---- model reasoning ----
  if (run.reasoning) {
    const r = run.reasoning;
    sections.push({
      id: 'reasoning',
      title: `Local model reasoning (${r.modelId}; advisory, verified against the evidence)`,
      blocks: [
        ...(r.error ? [{ kind: 'paragraph' as const, tone: 'notice' as const, text: `No usable answer: ${r.error}` }] : []),
        ...(r.differential.length ? [{ kind: 'list' as const, items: r.differential.map((x) => `${x.label}: ${x.rationale} [${x.evidenceIds.join(', ')}]`) }] : []),
      ],
    });
  }

  // ---- limitations ----
  const usedVcf = statement?.vcfUsed ?? run.vcf !== undefined;
  sections.push({
    id: 'limitations',
    title: 'Limitations',
    blocks: [
      {
        kind: 'list',
        items: [
          'Decision support only: every finding and candidate must be reviewed by a clinical geneticist.',
          usedVcf
            ? 'Variants were assessed from the VCF (single nucleotide variants and small insertions/deletions) with ClinVar and the annotations the VCF carries; population frequencies only when the VCF gives them.'
            : 'No sequencing data was analysed in this run: the ranking rests on the phenotype alone.',
          'Not assessed: copy-number changes unless given as copy-number calls (VCF symbolic alleles or a CNV file), other structural variants (inversions, translocations, insertions), repeat expansions, mitochondrial heteroplasmy, mosaicism, and genes or variants absent from the knowledge sources.',
          'Only present and excluded findings of the patient are ranked; uncertain findings and family history are not.',
          'The knowledge is that of the releases below; diseases and gene associations described later are not covered.',
        ],
      },
      input.sources.length
        ? { kind: 'table', columns: ['Knowledge source', 'Release'], rows: input.sources.map((x) => [x.name, dates.day(x.release)]) }
        : { kind: 'paragraph', tone: 'notice', text: `This run used knowledge snapshot ${input.versions.snapshotId}, which is not the one installed now: its source releases are in that snapshot's manifest.` },
    ],
  });

  // ---- versions ----
  const v = input.versions;
  sections.push({
    id: 'versions',
    title: 'Versions',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Application', `RareDiag ${v.application}`],
          ['Knowledge snapshot', `${v.snapshotId}${v.snapshotBuiltAt ? `, built ${dates.moment(v.snapshotBuiltAt)}` : ''}`],
          ['Local model', v.modelId ?? 'none (ranking only)'],
          ['Run', `${run.id}, ${dates.moment(run.createdAt)}`],
          ['Report generated', dates.moment(input.generatedAt)],
        ],
      },
    ],
  });

  // ---- sign-off ----
  sections.push({
    id: 'sign-off',
    title: 'Sign-off',
    blocks: [
      {
        kind: 'signatures',
        people: [
          { role: 'Reported by', name: [s.clinician, s.clinicianTitle].filter(Boolean).join(', ') },
          { role: 'Authorised by', name: '' },
        ],
      },
    ],
  });

  return {
    letterhead: [s.institution, s.department, s.address, s.contact].filter((x): x is string => !!x),
    title: 'Rare-disease diagnostic report',
    subtitle: `Case ${c.label} · report of ${dates.moment(input.generatedAt)}`,
    sections,
    footer: `RareDiag ${v.application} · knowledge snapshot ${v.snapshotId}${v.modelId ? ` · model ${v.modelId}` : ''} · run ${run.id} · computed entirely on this machine.`,
    documentTitle: `Report ${c.label}`,
  };
}

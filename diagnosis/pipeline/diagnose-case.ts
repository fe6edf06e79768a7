import { dirname, isAbsolute, resolve } from 'node:path';
import type { NormalisedCase } from '../case/case-file.js';
import type { ConceptRecognizer } from '../intake/concept-recognizer.js';
import type { Finding } from '../intake/finding.js';
import type { RankResult } from '../ranking/ranker.js';
import type { VcfReadOptions } from '../variants/vcf-reader.js';
import type { DiagnosisEngine } from './diagnosis-engine.js';

export interface CaseFinding {
  hpoId: string;
  label: string;
  status: 'present' | 'excluded' | 'uncertain' | 'family';
  /** typed by the user, or extracted from the narrative (with its span) */
  source: 'typed' | 'extracted';
  start?: number;
  end?: number;
  text?: string;
  confidence?: number;
}

export interface DiagnosisReport {
  caseId: string;
  snapshotId: string;
  findings: CaseFinding[];
  result: RankResult;
  timings: { intakeMs: number; vcfMs: number; rankMs: number };
}

/**
 * The main job for one case: narrative → findings (present and excluded feed the ranker; uncertain and family findings
 * are shown but not used), typed terms added, VCF read, ranked differential with explanations.
 */
export async function diagnoseCase(
  engine: DiagnosisEngine,
  recognizer: ConceptRecognizer | undefined,
  c: NormalisedCase,
  options: { caseFile?: string; top?: number; explain?: number; vcf?: Partial<VcfReadOptions> } = {},
): Promise<DiagnosisReport> {
  const t0 = performance.now();
  const findings: CaseFinding[] = [];
  const typed = (ids: string[], status: 'present' | 'excluded') =>
    ids.forEach((id) => findings.push({ hpoId: id, label: engine.ranker.model.termLabels[engine.ranker.model.resolveTerm(id)?.index ?? -1] ?? id, status, source: 'typed' }));
  typed(c.present, 'present');
  typed(c.excluded, 'excluded');
  if (c.narrative && recognizer) {
    const extracted: Finding[] = recognizer.extract(c.narrative);
    for (const f of extracted) {
      findings.push({ hpoId: f.hpoId, label: f.label, status: f.status, source: 'extracted', start: f.start, end: f.end, text: f.text, confidence: f.confidence });
    }
  }
  const t1 = performance.now();
  let variants;
  if (c.vcf) {
    const path = isAbsolute(c.vcf.path) || !options.caseFile ? c.vcf.path : resolve(dirname(options.caseFile), c.vcf.path);
    variants = await engine.readVariants(path, { sample: c.vcf.sample, assembly: c.vcf.assembly, ...options.vcf });
  }
  const t2 = performance.now();
  // A term typed or found as present wins over the same term found excluded elsewhere in the text.
  const present = [...new Set(findings.filter((f) => f.status === 'present').map((f) => f.hpoId))];
  const excluded = [...new Set(findings.filter((f) => f.status === 'excluded').map((f) => f.hpoId))].filter((id) => !present.includes(id));
  const result = engine.rank({ present, excluded, sex: c.sex }, { top: options.top ?? 20, explain: options.explain ?? 3, variants });
  const t3 = performance.now();
  return { caseId: c.id, snapshotId: engine.snapshotId, findings, result, timings: { intakeMs: t1 - t0, vcfMs: t2 - t1, rankMs: t3 - t2 } };
}

import type { EvidenceKind } from './finding.js';
import { WORD, type Token } from './text-tokens.js';

/**
 * Non-phenotypic evidence behind a finding: a laboratory term (its HPO label names a circulating or urinary
 * quantity, a count or an activity) or a finding reported from imaging or a procedure earlier in its sentence
 * ("MRI showed cerebellar atrophy", "muscle biopsy revealed ragged red fibers").
 */
const LAB_LABEL = /\b(circulating|serum|plasma|blood|urinary|urine|concentration|level|count|activity|ratio|titer)\b/i;
const IMAGING = new Set(['mri', 'ct', 'tomography', 'resonance', 'ultrasound', 'ultrasonography', 'sonography', 'sonographic', 'radiograph', 'radiographs', 'radiography', 'radiographic', 'xray', 'imaging', 'scan', 'scans', 'echocardiogram', 'echocardiography', 'angiography', 'angiogram', 'neuroimaging', 'mra', 'pet', 'spect', 'dexa', 'survey']);
const PROCEDURE = new Set(['biopsy', 'eeg', 'electroencephalogram', 'electroencephalography', 'emg', 'electromyography', 'conduction', 'ecg', 'ekg', 'electrocardiogram', 'endoscopy', 'colonoscopy', 'gastroscopy', 'bronchoscopy', 'audiometry', 'audiogram', 'histology', 'histopathology', 'histopathological', 'histological', 'electroretinogram', 'electroretinography', 'erg', 'polysomnography', 'cystoscopy', 'laparoscopy', 'arthroscopy']);
/** How far back in the sentence a cue may be, in tokens. */
const WINDOW = 15;

export function isLabLabel(label: string): boolean {
  return LAB_LABEL.test(label);
}

/** imaging / procedure from a cue before the finding in its sentence, undefined otherwise */
export function evidenceFromContext(tokens: readonly Token[], sentence: Int32Array, first: number): EvidenceKind | undefined {
  const s = sentence[first];
  for (let k = first - 1; k >= 0 && k >= first - WINDOW && sentence[k] === s; k -= 1) {
    const t = tokens[k]!;
    if (t.kind !== WORD) continue;
    if (IMAGING.has(t.lower) || (t.lower === 'ray' && t.glued && tokens[k - 1]?.lower === 'x')) return 'imaging';
    if (PROCEDURE.has(t.lower)) return 'procedure';
  }
  return undefined;
}

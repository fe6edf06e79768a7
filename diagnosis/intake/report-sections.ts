/**
 * The sections of a case report or clinical document, from its headings: the patient's own sections (case
 * presentation, clinical report, results, ...), the literature around them (background, introduction, discussion,
 * references, ...) and methods. A published case report describes its patient in the former and other patients
 * and the disease in general in the latter, so a document-level list of the patient's findings should come from the
 * former (see document-findings.ts). Text before the first heading (title, abstract) is "front".
 */
export type SectionKind = 'front' | 'patient' | 'methods' | 'literature';

export interface Section {
  start: number;
  end: number;
  heading: string;
  kind: SectionKind;
}

const LITERATURE = /^(background|introduction|discussion|discussions|conclusion|conclusions|discussion and conclusions?|concluding remarks|summary and conclusions?|review of (the )?literature|literature review|references|bibliography|acknowledge?ments?|abbreviations|list of abbreviations|competing interests|conflicts? of interests?|declaration of (competing )?interests?|funding|funding statement|authors?['’]? contributions|author contributions|consent|consent for publication|ethics approval( and consent to participate)?|ethics statement|ethical approval|publisher['’]?s note|supplementary (material|materials|data|information)|electronic supplementary material|additional information|availability of data and materials?|data availability( statement)?|notes|footnotes)$/;
const PATIENT = /^(case reports?|case presentations?|case descriptions?|case histor(y|ies)|case summary|case stud(y|ies)|case series|clinical cases?|cases? reports?|report of (the |a )?cases?|description of (the )?cases?|case|cases|case \d+|patient \d+|clinical reports?|clinical descriptions?|clinical data|clinical findings|clinical features|clinical presentation|clinical course|clinical summary|clinical evaluation|clinical history|clinical characteristics|clinical manifestations|clinical phenotype|phenotype|phenotypic features|patients?|patient reports?|patient descriptions?|patient presentation|subjects?|probands?|the proband|family|families|pedigree|family history|physical examination|results|findings|patient and family|patients and families|presentation)$/;
const METHODS = /^(methods|materials and methods|material and methods|patients and methods|subjects and methods|methodology|genetic analysis|genetic testing|mutation analysis|molecular analysis|molecular genetic analysis|whole[- ]exome sequencing|exome sequencing|sequencing|dna extraction|statistical analysis|study design|laboratory investigations)$/;

/** A heading line: short, not ending like a sentence; numbering ("2.1", "II.") and a final colon are ignored. */
function headingKind(line: string): SectionKind | undefined {
  const raw = line.trim();
  if (raw.length === 0 || raw.length > 60 || /[.;,]$/.test(raw)) return undefined;
  const h = raw
    .replace(/^((\d+(\.\d+)*)|[ivx]+)[.)]?\s+/i, '')
    .replace(/:$/, '')
    .trim()
    .toLowerCase();
  if (LITERATURE.test(h)) return 'literature';
  if (PATIENT.test(h)) return 'patient';
  if (METHODS.test(h)) return 'methods';
  return undefined;
}

/** True for a line that is a known section heading ("Case presentation", "2. Discussion", "Methods:"). */
export function isHeadingLine(line: string): boolean {
  return headingKind(line) !== undefined || NOTE_HEADING.test(line.trim().replace(/:$/, '').toLowerCase());
}

/** Headings of clinical notes that end a section without being a case-report section. */
const NOTE_HEADING = /^(examination|physical examination|clinical examination|assessment|plan|assessment and plan|impression|history of present illness|hpi|presenting complaint|medications|allergies|social history|review of systems|investigations|laboratory|laboratory findings|labs|imaging|diagnosis|developmental history|birth history|perinatal history|past medical history|family history|medical history)$/;

/** Sections in text order, covering the whole text. Linear in its length. */
export function reportSections(text: string): Section[] {
  const out: Section[] = [];
  let current: Section = { start: 0, end: text.length, heading: '', kind: 'front' };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 80));
    const kind = lineEnd - lineStart <= 80 ? headingKind(line) : undefined;
    if (kind) {
      current.end = lineStart;
      if (current.end > current.start || out.length === 0) out.push(current);
      current = { start: lineStart, end: text.length, heading: line.trim(), kind };
    }
    lineStart = lineEnd + 1;
  }
  out.push(current);
  const kept = out.filter((s) => s.end > s.start || s.kind !== 'front');
  return kept.length ? kept : [current];
}

/** The kind of section an offset falls in (sections as returned by reportSections). */
export function sectionAt(sections: readonly Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

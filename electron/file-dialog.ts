/**
 * The native "open file" dialog of the desktop app, as pure functions (tested under Node): what each kind of file the
 * clinician brings looks like. main.ts shows the dialog; the engine then reads the file where it is.
 */
export type FileKind = 'vcf' | 'phenopacket' | 'ped' | 'candidates';

export const IPC_PICK_FILE = 'rarediag:pick-file';

const KINDS: Record<FileKind, { title: string; filter: { name: string; extensions: string[] } }> = {
  vcf: { title: "Choose the patient's VCF", filter: { name: 'VCF (.vcf, .vcf.gz)', extensions: ['vcf', 'gz', 'bgz'] } },
  phenopacket: { title: 'Choose a phenopacket', filter: { name: 'Phenopacket (.json)', extensions: ['json'] } },
  ped: { title: "Choose the family's PED file", filter: { name: 'Pedigree (.ped, .fam, .txt)', extensions: ['ped', 'fam', 'txt'] } },
  candidates: { title: "Choose the lab's candidate variant list", filter: { name: 'Candidate list (.csv, .tsv, .txt)', extensions: ['csv', 'tsv', 'txt'] } },
};

export function isFileKind(kind: unknown): kind is FileKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(KINDS, kind);
}

export function dialogOptions(kind: FileKind): { title: string; properties: ['openFile']; filters: { name: string; extensions: string[] }[] } {
  const k = KINDS[kind];
  return { title: k.title, properties: ['openFile'], filters: [k.filter, { name: 'All files', extensions: ['*'] }] };
}

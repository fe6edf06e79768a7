/**
 * The native "open file" dialog of the desktop app, as pure functions (tested under Node): what each kind of file the
 * clinician brings looks like. main.ts shows the dialog; the engine then reads the file where it is.
 */
export type FileKind = 'vcf' | 'phenopacket';

export const IPC_PICK_FILE = 'rarediag:pick-file';

export function isFileKind(kind: unknown): kind is FileKind {
  return kind === 'vcf' || kind === 'phenopacket';
}

export function dialogOptions(kind: FileKind): { title: string; properties: ['openFile']; filters: { name: string; extensions: string[] }[] } {
  const filters =
    kind === 'vcf'
      ? [
          { name: 'VCF (.vcf, .vcf.gz)', extensions: ['vcf', 'gz', 'bgz'] },
          { name: 'All files', extensions: ['*'] },
        ]
      : [
          { name: 'Phenopacket (.json)', extensions: ['json'] },
          { name: 'All files', extensions: ['*'] },
        ];
  return { title: kind === 'vcf' ? "Choose the patient's VCF" : 'Choose a phenopacket', properties: ['openFile'], filters };
}

import { ApiCallError } from '../../diagnosis/contract/api.js';
import type { FileKind, WorkstationClient } from './api-client.js';

/** A file as a request names it: a path the engine can read, or an upload id. */
export type FileRef = { path: string; uploadId?: never } | { uploadId: string; path?: never };

const ACCEPT: Record<FileKind, string> = { vcf: '.vcf,.gz,.bgz', phenopacket: '.json', ped: '.ped,.fam,.txt', candidates: '.csv,.tsv,.txt' };
export const acceptOf = (kind: FileKind) => ACCEPT[kind];

/** A cheap check of the name before anything is sent: the engine checks the content. */
export function checkFileName(kind: FileKind, name: string): string | undefined {
  if (kind === 'vcf' && !/\.(vcf|vcf\.gz|vcf\.bgz)$/i.test(name)) return `${name} is not a VCF file (expected .vcf or .vcf.gz)`;
  if (kind === 'phenopacket' && !/\.json$/i.test(name)) return `${name} is not a phenopacket (expected a .json file)`;
  if (kind === 'ped' && !/\.(ped|fam|txt)$/i.test(name)) return `${name} is not a PED file (expected .ped, .fam or .txt)`;
  if (kind === 'candidates' && !/\.(csv|tsv|txt)$/i.test(name)) return `${name} is not a candidate variant list (expected .csv, .tsv or .txt)`;
  return undefined;
}

/**
 * Brings a file the user chose or dropped to the engine: in the desktop app by its path (nothing is copied), in the
 * browser by streaming it over the loopback API with progress.
 */
export async function sendFile(api: WorkstationClient, file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<FileRef> {
  const path = api.files.pathOf?.(file);
  if (path) return { path };
  if (api.files.upload) return { uploadId: (await api.files.upload(file, onProgress, signal)).uploadId };
  throw new ApiCallError('This window cannot read files from your computer.', 'bad-request');
}

import { InputError } from '../../common/input-error.js';
import { describeFsError } from '../../graph-snapshot/io/line-reader.js';
import type { GenomeBuild } from '../../graph-snapshot/liftover/genome-build.js';
import { sha256File } from '../../native-models/registry/file-sha256.js';
import { loadPatientVariants, type VcfSummary } from '../variants/patient-variants.js';
import type { KnowledgeSession } from './knowledge-session.js';
import { RunCancelledError } from './run-case.js';

export interface VcfAttachment {
  path: string;
  sha256: string;
  summary: VcfSummary;
}

/**
 * Reads a VCF once when it is attached to a case: checks that it can be read (header, sample, build), counts what is
 * kept and dropped, and hashes it, so later runs can refuse a file that changed since (run-case.ts).
 */
export async function inspectVcf(
  session: KnowledgeSession,
  path: string,
  options: { sample?: string; assembly?: GenomeBuild; signal?: AbortSignal; onProgress?: (records: number, fraction: number) => void } = {},
): Promise<VcfAttachment> {
  return session.use(async () => {
    const sha256 = await sha256File(path).catch((err: unknown) => {
      throw new InputError(path, undefined, describeFsError(err), { cause: err });
    });
    const variants = await loadPatientVariants(path, {
      sample: options.sample,
      assembly: options.assembly,
      onProgress: (n, fraction) => {
        if (options.signal?.aborted) throw new RunCancelledError();
        options.onProgress?.(n, fraction);
      },
    }, await session.variantAnnotator());
    return { path, sha256, summary: variants.summary };
  });
}

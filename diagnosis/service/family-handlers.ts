import { basename } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { readCandidateListFile } from '../case-input/candidate-list-file.js';
import type { ListedVariant } from '../case-input/listed-variant.js';
import { readPedFile } from '../case-input/ped-file.js';
import type { CandidateVariantInput } from '../case-store/case-inputs.js';
import type { ApiHandlers } from '../contract/api.js';
import { ApiCallError } from '../contract/api.js';
import { toContractCase } from './contract-mappers.js';
import { fileOfRequest } from './file-sources.js';
import type { ServiceContext } from './service-context.js';

type FamilyMethods = 'cases.setPedigree' | 'cases.setCandidateVariants' | 'cases.importPedigree' | 'cases.importCandidates';

const TYPED = 'typed in the app';

/**
 * A case's family and its lab's candidate variants: typed in the case page, or read from a PED file or a CSV/TSV list
 * (a path on the engine's machine, or a file uploaded in browser mode). The readers name the file and line of every
 * problem; an uploaded file is named by its own name, not by the upload folder it was streamed to.
 */
export function familyHandlers(ctx: ServiceContext): Pick<ApiHandlers, FamilyMethods> {
  const { store } = ctx;
  return {
    'cases.setPedigree': ({ caseId, pedigree }) => {
      store.setPedigree(caseId, pedigree === null ? null : { ...pedigree, source: pedigree.source ?? TYPED });
      return toContractCase(store.getCase(caseId));
    },
    'cases.setCandidateVariants': ({ caseId, source, variants }) => {
      store.setCandidateVariants(caseId, { source: source ?? TYPED, variants: variants.map((v) => ({ ...v, source: v.source ?? 'typed' })) });
      return toContractCase(store.getCase(caseId));
    },
    'cases.importPedigree': async (req) => {
      store.getCaseRecord(req.caseId);
      const file = fileOfRequest(ctx, req);
      const name = basename(file);
      const pedigree = await readNamed(file, () => readPedFile(file, req.probandId ? { probandId: req.probandId } : {}));
      store.setPedigree(req.caseId, {
        familyId: pedigree.familyId,
        consanguineous: pedigree.consanguineous,
        source: name,
        members: pedigree.members.map((m) => ({
          id: m.id,
          sex: m.sex,
          affected: m.affected,
          ...(m.fatherId ? { fatherId: m.fatherId } : {}),
          ...(m.motherId ? { motherId: m.motherId } : {}),
          proband: m.id === pedigree.probandId,
        })),
      });
      return { case: toContractCase(store.getCase(req.caseId)), setAside: pedigree.setAside.map((s) => renamed(s, file)) };
    },
    'cases.importCandidates': async (req) => {
      store.getCaseRecord(req.caseId);
      const file = fileOfRequest(ctx, req);
      const name = basename(file);
      const list = await readNamed(file, () => readCandidateListFile(file, req.assembly ? { assembly: req.assembly } : {}));
      const setAside = list.setAside.map((s) => renamed(s, file));
      if (list.variants.length === 0) {
        throw new ApiCallError(`${name}: no variant could be read${setAside.length ? `: ${setAside.slice(0, 3).join('; ')}` : ''}`, 'bad-input');
      }
      store.setCandidateVariants(req.caseId, { source: name, variants: list.variants.map((v) => asInput(v, file)) });
      return { case: toContractCase(store.getCase(req.caseId)), setAside };
    },
  };
}

/** A reader's InputError with the file's own name in place of its path (uploads live under an id folder). */
async function readNamed<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof InputError) throw new ApiCallError(renamed(err.message, file), 'bad-input');
    throw err;
  }
}

const renamed = (text: string, file: string) => text.split(file).join(basename(file));

function asInput(v: ListedVariant, file: string): CandidateVariantInput {
  const { source, ...rest } = v;
  return { ...rest, source: renamed(source, file) };
}

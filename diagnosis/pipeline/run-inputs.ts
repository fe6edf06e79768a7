import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../../common/input-error.js';
import { readCandidateListFile } from '../case-input/candidate-list-file.js';
import type { NormalisedCase } from '../case-input/case-file.js';
import type { CaseFindings } from '../case-input/case-findings.js';
import { parseListedVariant, type ListedVariant } from '../case-input/listed-variant.js';
import { buildPedigree, PedigreeError } from '../case-input/pedigree.js';
import { personsToMembers } from '../case-input/phenopacket-family.js';
import type { CaseRunInputs } from './run-types.js';

/**
 * A `rarediag diagnose` case file as run inputs, with its family and candidate list read (a PED or CSV file, or typed
 * in the case); relative paths are resolved against the case file's directory. What was read but not used (a list
 * row without what it needs) comes back in `setAside`; a pedigree that cannot be built is an InputError on the file.
 */
export async function runInputsOfCaseFile(c: NormalisedCase, caseFile: string): Promise<{ inputs: CaseRunInputs; setAside: string[] }> {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(dirname(caseFile), p));
  const inputs = caseFileBasics(c, caseFile);
  const setAside: string[] = [];
  if (inputs.variants && 'path' in inputs.variants && c.vcf?.members) {
    inputs.variants.memberVcfs = Object.entries(c.vcf.members).map(([member, path]) => ({ member, path: at(path) }));
  }
  if (c.pedigree && 'path' in c.pedigree) inputs.pedigree = { path: at(c.pedigree.path) };
  else if (c.pedigree) {
    try {
      const source = `${caseFile}: pedigree`;
      inputs.pedigree = { pedigree: buildPedigree(personsToMembers(c.pedigree.persons, 'pedigree.persons'), { consanguineous: c.pedigree.consanguineous, source }), source };
    } catch (err) {
      if (err instanceof PedigreeError) throw new InputError(caseFile, undefined, `field pedigree: ${err.message}`);
      throw err;
    }
  }
  if (c.candidates && 'path' in c.candidates) {
    const list = await readCandidateListFile(at(c.candidates.path), { assembly: c.vcf?.assembly });
    inputs.candidateVariants = { variants: list.variants, source: c.candidates.path };
    setAside.push(...list.setAside);
  } else if (c.candidates) {
    const variants: ListedVariant[] = [];
    c.candidates.entries.forEach((entry, i) => {
      const v = parseListedVariant(entry, `${caseFile}: candidates[${i}]`);
      if (v.ok) variants.push(v.variant);
      else setAside.push(`${v.error}: set aside`);
    });
    inputs.candidateVariants = { variants, source: `${caseFile}: candidates` };
  }
  return { inputs, setAside };
}

function caseFileBasics(c: NormalisedCase, caseFile: string): CaseRunInputs {
  return {
    caseId: c.id,
    origin: caseFile,
    sex: c.sex,
    ageYears: c.ageYears,
    narrative: c.narrative,
    findings: runInputsOfFindings({ id: c.id, present: c.present, excluded: c.excluded }).findings,
    ...(c.vcf
      ? { variants: { path: isAbsolute(c.vcf.path) ? c.vcf.path : resolve(dirname(caseFile), c.vcf.path), sample: c.vcf.sample, assembly: c.vcf.assembly } }
      : {}),
  };
}

/** Present and excluded terms with demographics (a phenopacket, an ad-hoc query) as run inputs. */
export function runInputsOfFindings(f: CaseFindings, origin?: string): CaseRunInputs {
  return {
    caseId: f.id,
    ...(origin ? { origin } : {}),
    sex: f.sex,
    ageYears: f.ageYears,
    findings: [
      ...f.present.map((hpoId) => ({ hpoId, status: 'present' as const, source: 'typed' as const })),
      ...f.excluded.map((hpoId) => ({ hpoId, status: 'excluded' as const, source: 'typed' as const })),
    ],
  };
}

import { dirname, isAbsolute, resolve } from 'node:path';
import type { NormalisedCase } from '../case-input/case-file.js';
import type { CaseFindings } from '../case-input/case-findings.js';
import type { CaseRunInputs } from './run-types.js';

/** A `rarediag diagnose` case file as run inputs; a relative VCF path is resolved against the case file's directory. */
export function runInputsOfCaseFile(c: NormalisedCase, caseFile: string): CaseRunInputs {
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

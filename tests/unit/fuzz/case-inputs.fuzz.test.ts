import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { parseCaseFile } from '../../../diagnosis/case-input/case-file.js';
import { readPedFile } from '../../../diagnosis/case-input/ped-file.js';
import { readCandidateListFile } from '../../../diagnosis/case-input/candidate-list-file.js';
import { parseFamily } from '../../../diagnosis/case-input/phenopacket-family.js';
import { parsePhenopacketCase } from '../../../diagnosis/case-input/phenopacket-input.js';
import { CaseInputError } from '../../../diagnosis/case-store/case-errors.js';
import { phenopacketToCase } from '../../../diagnosis/case-store/phenopacket-import.js';
import { readJsonRecords } from '../../../diagnosis/io/jsonl-reader.js';
import { scratchDir } from '../../helpers/paths.js';
import { mutate, mutationArb, within } from './mutations.js';

const packet = JSON.parse(readFileSync('tests/fixtures/cases/marfan-proband.phenopacket.json', 'utf8')) as Record<string, unknown>;

/** A value of the phenopacket's shape with some fields replaced by arbitrary JSON (types, nesting, ids of any form). */
const mutatedPacket = fc
  .record({
    path: fc.array(fc.constantFrom('subject', 'phenotypicFeatures', 'interpretations', 'metaData', 'id', 'type', 'sex', 'excluded', '0', '1', 'timeAtLastEncounter', 'age', 'iso8601duration', 'diagnosis', 'disease'), { minLength: 1, maxLength: 5 }),
    value: fc.jsonValue({ maxDepth: 4 }),
  })
  .map(({ path, value }) => {
    const copy = structuredClone(packet) as Record<string, unknown>;
    let node: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (next === null || typeof next !== 'object') node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path.at(-1)!] = value;
    return copy;
  });

const anyInput = fc.oneof(mutatedPacket, fc.jsonValue({ maxDepth: 6 }), fc.constant({ phenopacket: packet, vcf: 42 }));

describe('case inputs under fuzzed input', () => {
  it('the ranker, the case file and the store read any JSON value to a result or an error naming the field', () => {
    fc.assert(
      fc.property(anyInput, (value) => {
        const ranked = parsePhenopacketCase(value);
        if (!ranked.ok) expect(ranked.error).toMatch(/^invalid phenopacket: field \S+/);
        const file = parseCaseFile(value, 'fallback');
        if (!file.ok) expect(file.error.length).toBeGreaterThan(0);
        try {
          phenopacketToCase(value);
        } catch (err) {
          if (!(err instanceof CaseInputError)) throw err;
          expect(err.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a mutated .jsonl batch yields one record or one error per line, with its line number', async () => {
    const dir = scratchDir('rarediag-fuzz-jsonl-');
    const lines = [JSON.stringify(packet), JSON.stringify({ phenopacket: packet, vcf: 'a.vcf' }), JSON.stringify({ ...packet, id: 'third' })].join('\n');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 5 }), async (mutations) => {
        const path = join(dir, `batch-${(n += 1)}.jsonl`);
        writeFileSync(path, mutate(lines, mutations, ','));
        await within(10_000, async () => {
          let last = 0;
          try {
            for await (const record of readJsonRecords(path)) {
              expect(record.line).toBeGreaterThan(last);
              last = record.line;
              if (record.ok) parsePhenopacketCase(record.value);
              else expect(record.error).toMatch(/^invalid JSON/);
            }
          } catch (err) {
            // only the line cap stops a batch
            expect((err as Error).message).toMatch(/line longer than/);
          }
        });
      }),
      { numRuns: 300, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);

  it('a mutated PED file gives a pedigree (with what was set aside) or one InputError naming the file', async () => {
    const dir = scratchDir('rarediag-fuzz-ped-');
    const seed = '#fam\tid\tfather\tmother\tsex\tphenotype\nF1\tkid\tdad\tmum\t1\t2\nF1\tdad\t0\t0\t1\t1\nF1\tmum\t0\t0\t2\t1\nF1\tsib\tdad\tmum\t2\t0\nF2\tx\t0\t0\t1\t2\n';
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 5 }), fc.option(fc.constantFrom('kid', 'sib', 'x')), async (mutations, probandId) => {
        const path = join(dir, `${(n += 1)}.ped`);
        writeFileSync(path, mutate(seed, mutations));
        await within(5_000, async () => {
          try {
            const p = await readPedFile(path, { probandId: probandId ?? undefined });
            expect(p.members.some((m) => m.id === p.probandId)).toBe(true);
          } catch (err) {
            if (!(err instanceof InputError)) throw err;
            expect(err.message).toContain(path);
          }
        });
      }),
      { numRuns: 300, interruptAfterTimeLimit: 20_000 },
    );
  }, 60_000);

  it('a Family of any shape gives the proband and pedigree or an error naming the field', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.array(fc.record({ familyId: fc.constantFrom('F', 'G'), individualId: fc.constantFrom('a', 'b', 'c', '0'), paternalId: fc.constantFrom('a', 'b', '0', ''), maternalId: fc.constantFrom('a', 'c', '0'), sex: fc.constantFrom('MALE', 'FEMALE', 'UNKNOWN_SEX'), affectedStatus: fc.constantFrom('AFFECTED', 'UNAFFECTED', 'MISSING') }), { maxLength: 5 }), (noise, persons) => {
        for (const value of [noise, { id: 'f', proband: { subject: { id: 'a' } }, pedigree: { persons }, metaData: {} }]) {
          const r = parseFamily(value);
          if (!r.ok) expect(r.error).toMatch(/^invalid family: /);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a mutated candidate variant CSV gives variants (bad rows set aside) or one InputError naming the file', async () => {
    const dir = scratchDir('rarediag-fuzz-list-');
    const seed = 'Gene,HGVS,Protein,Zygosity,Inheritance,ACMG,chrom,pos,ref,alt,assembly\nFGFR3,NM_000142.5:c.1138G>A,p.Gly380Arg,het,de novo,P,4,1806119,G,A,GRCh37\n"COL2A1","c.1693C>T","p.(Arg565Cys)",hom,"maternal",VUS,,,,,\nMECP2,c.502C>T,,hemi,,LP,X,153296777,G,A,GRCh37\n';
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 5 }), async (mutations) => {
        const path = join(dir, `${(n += 1)}.csv`);
        writeFileSync(path, mutate(seed, mutations, ','));
        await within(5_000, async () => {
          try {
            const list = await readCandidateListFile(path);
            for (const v of list.variants) expect(v.source.startsWith(`${path}:`)).toBe(true);
          } catch (err) {
            if (!(err instanceof InputError)) throw err;
            expect(err.message).toContain(path);
          }
        });
      }),
      { numRuns: 300, interruptAfterTimeLimit: 20_000 },
    );
  }, 60_000);
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../common/input-error.js';
import { SkipLog } from '../../../graph-snapshot/io/skip-log.js';
import { parseHpoa } from '../../../graph-snapshot/parsers/hpoa-parser.js';
import { parseObo } from '../../../graph-snapshot/parsers/obo-parser.js';
import { scratchDir } from '../../helpers/paths.js';
import { mutate, mutationArb, within } from './mutations.js';

/**
 * The snapshot builder's parsers take files from the internet and from a clinic's own exports: a mutated file must
 * give a result (rows it cannot use counted as skips) or one InputError naming the file and line, never a crash or
 * a hang. The builder then keeps the previous snapshot (tested in the snapshot-builder tests).
 */
const sources = [
  { name: 'hpoa', seed: readFileSync('tests/fixtures/sources/hpo/phenotype.fixture.hpoa', 'utf8'), parse: (p: string) => parseHpoa(p, new SkipLog()) },
  { name: 'obo', seed: readFileSync('tests/fixtures/sources/hpo/hp.fixture.obo', 'utf8'), parse: (p: string) => parseObo(p) },
];

describe('knowledge source parsers under fuzzed input', () => {
  const dir = scratchDir('rarediag-fuzz-sources-');
  let n = 0;
  for (const source of sources) {
    it(`${source.name}: a result or one InputError naming the file, in bounded time`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), async (mutations) => {
          const path = join(dir, `${(n += 1)}.${source.name}`);
          writeFileSync(path, mutate(source.seed, mutations));
          await within(10_000, async () => {
            try {
              await source.parse(path);
            } catch (err) {
              if (!(err instanceof InputError)) throw err;
              expect(err.file).toBe(path);
            }
          });
        }),
        { numRuns: 300, interruptAfterTimeLimit: 30_000 },
      );
    }, 60_000);
  }
});

import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { defaultRankerParameters } from '../../diagnosis/ranking/ranker-parameters.js';
import { crossValidate, fitCalibration, reliability, calibrate, type CalibrationReport } from '../fit/calibration-fit.js';
import { collectCaseScores } from '../fit/case-scores.js';
import { reliabilityTable } from '../fit/reliability-table.js';
import { runTierFit } from '../bench/variant-tier-fit.js';
import { defaultSourcesDir } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { join } from 'node:path';
import { checkHalf, parseParams } from './param-options.js';
import { resolveSnapshot, snapshotOptionHelp } from './snapshot-options.js';

/** `rarediag fit`: fitting the ranker's global parameters on a development set (never per disease or per case). */
export function registerFitCommands(program: Command): void {
  const fit = program.command('fit').description('fit global ranker parameters on a development set (cohort-grouped cross-validation)');
  fit
    .command('calibration')
    .description('fit the calibration of the post-test probabilities (temperature, "not in the knowledge base" weight) by maximum likelihood, with cohort-grouped cross-validation; prints the reliability table')
    .requiredOption('--input <file>', 'phenopackets .jsonl.gz with their cohort (the development set)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--half <which>', 'all, even or odd cases by line order', 'all')
    .option('--folds <n>', 'cohort-grouped folds', '5')
    .option('--limit <n>', 'stop after n cases')
    .option('--param <k=v...>', 'ranker parameters other than the defaults')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { input: string; snapshot?: string; half: string; folds: string; limit?: string; param?: string[]; json?: boolean }) => {
      const half = checkHalf(opts.half);
      const folds = Number(opts.folds);
      if (!Number.isInteger(folds) || folds < 2) throw new InvalidArgumentError('--folds must be an integer ≥ 2');
      const parameters = parseParams(opts.param);
      const cases = await collectCaseScores({
        input: resolve(opts.input),
        snapshotDir: await resolveSnapshot({ snapshot: opts.snapshot }),
        half,
        parameters,
        limit: opts.limit ? Number(opts.limit) : undefined,
      });
      const current = {
        temperature: parameters['temperature'] ?? defaultRankerParameters.temperature,
        temperatureExponent: parameters['temperatureExponent'] ?? defaultRankerParameters.temperatureExponent,
        unlistedLogWeight: parameters['unlistedLogWeight'] ?? defaultRankerParameters.unlistedLogWeight,
        probabilitySlope: parameters['probabilitySlope'] ?? defaultRankerParameters.probabilitySlope,
        probabilityIntercept: parameters['probabilityIntercept'] ?? defaultRankerParameters.probabilityIntercept,
        probabilityTopOffset: parameters['probabilityTopOffset'] ?? defaultRankerParameters.probabilityTopOffset,
        topProbabilityKnots: defaultRankerParameters.topProbabilityKnots,
      };
      const before = reliability(cases.map((c) => calibrate(c, current)));
      const cv = crossValidate(cases, folds);
      const all = fitCalibration(cases);
      const figures = { cases: cases.length, current: { parameters: current, report: before }, crossValidated: cv.report, folds: cv.fits, fitOnAll: all };
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${cases.length} cases (${opts.half}); current calibration ${describe(before)}\n` +
          `cohort-grouped ${folds}-fold cross-validation ${describe(cv.report)}\n${reliabilityTable(cv.report)}\n` +
          `folds: ${cv.fits.map((f) => `T ${f.temperature.toFixed(3)} · n^-${f.temperatureExponent} / w ${f.unlistedLogWeight.toFixed(2)} / map ${f.probabilitySlope.toFixed(2)}, ${f.probabilityIntercept.toFixed(2)}, ${f.probabilityTopOffset.toFixed(2)}`).join('; ')}\n` +
          `fit on all cases: temperature ${all.temperature.toFixed(4)}, temperatureExponent ${all.temperatureExponent}, unlistedLogWeight ${all.unlistedLogWeight.toFixed(3)}, probabilitySlope ${all.probabilitySlope.toFixed(4)}, probabilityIntercept ${all.probabilityIntercept.toFixed(4)}, probabilityTopOffset ${all.probabilityTopOffset.toFixed(4)},\n` +
          `  topProbabilityKnots ${JSON.stringify((all.topProbabilityKnots ?? []).map(([x, y]) => [Number(x.toFixed(4)), Number(y.toFixed(4))]))}\n`,
      );
    });
  fit
    .command('variant-tiers')
    .description('the likelihood ratios of the variant location tiers and constraint factors: causal variants of the spiked benchmark against the background exome (fit on the even half, check on the odd)')
    .requiredOption('--input <file>', 'phenopackets .jsonl.gz with vcfRecord (GRCh38) and allelicState')
    .option('--background <vcf>', 'background exome (GRCh37)', join(defaultSourcesDir(), 'vcf', 'background-exome-grch37.vcf.gz'))
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--half <which>', 'all, even or odd cases by line order', 'even')
    .option('--limit <n>', 'stop after n cases')
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { input: string; background: string; snapshot?: string; half: string; limit?: string; json?: boolean }) => {
      const half = checkHalf(opts.half);
      await runTierFit({
        input: opts.input,
        background: opts.background,
        snapshot: await resolveSnapshot({ snapshot: opts.snapshot }),
        half,
        limit: opts.limit ? Number(opts.limit) : undefined,
        json: !!opts.json,
      });
    });
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function describe(r: CalibrationReport): string {
  return `(top-1 ${pct(r.top1)}): ECE ${r.ece.toFixed(3)}, mean top-1 probability ${pct(r.meanTopProbability)}, shown at ≥ 90 % ${pct(r.shownAtLeast90)}, wrong at ≥ 90 % ${pct(r.wrongAtLeast90)}${r.negLogLikelihood !== undefined ? `, NLL ${r.negLogLikelihood.toFixed(3)}` : ''}`;
}

import { basename, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { InputError } from '../../common/input-error.js';
import { parseCaseFile } from '../../diagnosis/case-input/case-file.js';
import { runInputsOfCaseFile } from '../../diagnosis/pipeline/run-inputs.js';
import { runCase } from '../../diagnosis/pipeline/run-case.js';
import { saveRunAsNewCase } from '../../diagnosis/pipeline/save-run.js';
import { readJsonDocument } from '../../diagnosis/io/jsonl-reader.js';
import { badInputAsInputError, withStore, withStoreOptions, type StoreOptions } from './case-store-options.js';
import { describeDiagnosis, diagnosisJson } from './describe-diagnosis.js';
import { startModelRequest, type ModelOptions } from './model-request.js';
import { resolveSnapshot, snapshotOptionHelp, sourcesOptionHelp } from './snapshot-options.js';
import { withSession } from './with-session.js';

type DiagnoseOptions = ModelOptions & StoreOptions & { snapshot?: string; sources?: string; json?: boolean; top: string; reason?: boolean; llmIntake?: boolean; save?: boolean; cnv?: string; cnvAssembly?: string };

export function registerDiagnoseCommand(program: Command): void {
  withStoreOptions(program.command('diagnose'))
    .description('the main job: a case (narrative and/or HPO terms and/or a VCF) → findings, ranked differential with evidence; --reason adds local-LLM reasoning grounded in the evidence')
    .argument('<case.json>', 'case file: {"id","sex","age","narrative","hpo":[...],"excluded":[...],"vcf":"path"|{"path","sample","assembly","members":{"PED id":"path"}},"pedigree":"family.ped"|{"persons":[...]},"candidates":"list.csv"|[...]} (see examples/)')
    .option('--snapshot <dir>', snapshotOptionHelp)
    .option('--sources <dir>', sourcesOptionHelp)
    .option('--top <n>', 'candidates shown', '10')
    .option('--reason', 'stream a local LLM reasoning over the evidence pack, then print the verified differential with citations')
    .option('--model <id>', 'model from `rarediag models list` (default: the selected one)')
    .option('--threads <n>', 'CPU threads for the model (default: up to 2)')
    .option('--max-tokens <n>', 'tokens the model may generate', '768')
    .option('--timeout <seconds>', 'give up on the model after this long', '600')
    .option('--llm-intake', 'also let the local model propose findings from the narrative; each is grounded to HPO or dropped, and shown for review (not ranked)')
    .option('--cnv <file>', 'copy-number calls of the patient (BED 0-based, or CSV/TSV with chrom,start,end,type|CN; 1-based), beside the case\'s VCF or alone')
    .option('--cnv-assembly <build>', 'GRCh37 or GRCh38 for --cnv rows that do not state it (default: the VCF\'s build)')
    .option('--save', 'store the case and this run in the encrypted case store (see `rarediag cases`)')
    .option('--json', 'print the run (findings, ranking, evidence pack, reasoning, stamp) as JSON')
    .action(badInputAsInputError(async (file: string, opts: DiagnoseOptions) => {
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1) throw new InvalidArgumentError('--top must be a positive integer');
      const path = resolve(file);
      const parsed = parseCaseFile(await readJsonDocument(path), basename(path).replace(/\.json$/i, ''));
      if (!parsed.ok) throw new InputError(path, undefined, parsed.error);
      const { inputs, setAside } = await runInputsOfCaseFile(parsed.value, path);
      if (opts.cnvAssembly && opts.cnvAssembly !== 'GRCh37' && opts.cnvAssembly !== 'GRCh38') throw new InvalidArgumentError('--cnv-assembly must be GRCh37 or GRCh38');
      if (opts.cnvAssembly && !opts.cnv) throw new InvalidArgumentError('--cnv-assembly goes with --cnv');
      if (opts.cnv) inputs.cnvCalls = { path: resolve(opts.cnv), assembly: opts.cnvAssembly as 'GRCh37' | 'GRCh38' | undefined };
      const model = opts.reason || opts.llmIntake ? await startModelRequest(opts) : undefined;
      try {
        const run = await withSession(await resolveSnapshot(opts), (session) =>
          runCase(session, inputs, {
            extractNarrative: true,
            // the defaults of every entry point (50 ranked, 10 explained), so a stored run matches the app's
            ...(top > 50 ? { top } : {}),
            reasoning: opts.reason ? model?.request : undefined,
            llmIntake: opts.llmIntake ? model?.request : undefined,
          }),
        );
        // what was read but not used (list rows, pedigree members, sex conflicts): said, never silent
        for (const s of [...setAside, ...(run.setAside ?? [])]) process.stderr.write(`set aside: ${s}\n`);
        const saved = opts.save ? await withStore(opts, (store) => saveRunAsNewCase(store, inputs, run), { create: true }) : undefined;
        if (opts.json) process.stdout.write(`${JSON.stringify(diagnosisJson(run, saved), null, 2)}\n`);
        else process.stdout.write(describeDiagnosis(run, top, saved));
      } finally {
        await model?.runtime.dispose();
      }
    }));
}


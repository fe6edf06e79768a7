import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { InputError } from '../../common/input-error.js';
import { dataHome } from '../../graph-snapshot/snapshot/snapshot-location.js';
import { ModelFileError } from '../../native-models/registry/model-file-error.js';
import { ModelRegistry } from '../../native-models/registry/model-registry.js';
import type { ModelEntry } from '../../native-models/registry/registry-file.js';
import type { HardwareDescription } from '../../native-models/runtime/hardware-description.js';
import { defaultThreadCount } from '../../native-models/runtime/thread-count.js';
import { formatInt, formatTable } from './format-table.js';
import { createProgressBar } from './progress-bar.js';

/** The model store: `<data home>/models` ($RAREDIAG_HOME, else ~/.rarediag). */
export const defaultModelStoreDir = () => join(dataHome(), 'models');

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

/** A bad model file or registry is bad input (exit code 3), like a bad source file: same error, same message. */
function badInputAsInputError<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      if (err instanceof ModelFileError) throw new InputError(err.file, undefined, err.detail, { cause: err });
      throw err;
    }
  };
}

export function registerModelsCommand(program: Command, options: { storeDir: () => string }): void {
  const registry = () => new ModelRegistry(options.storeDir());
  const models = program
    .command('models')
    .description('local LLM models (GGUF): import, list, inspect, choose the default, remove; detect the GPU backend');

  models
    .command('import')
    .description('check a GGUF file, hash it and add it to the model store (copied, unless --reference)')
    .argument('<file>', 'a .gguf model file')
    .option('--reference', 'register the file where it is instead of copying it into the store')
    .option('--json', 'print the registry entry as JSON')
    .action(
      badInputAsInputError(async (file: string, opts: { reference?: boolean; json?: boolean }) => {
        const bar = createProgressBar('models import');
        let result;
        try {
          result = await registry().import(resolve(file), { reference: !!opts.reference, onProgress: bar.listener });
        } finally {
          bar.stop();
        }
        const { entry, alreadyRegistered } = result;
        if (opts.json) process.stdout.write(`${JSON.stringify({ ...entry, alreadyRegistered }, null, 2)}\n`);
        else {
          const what = alreadyRegistered ? `Already registered as ${entry.id} (same sha256)` : `Imported ${entry.id} (${entry.storage === 'copy' ? 'copied into the store' : 'referenced in place'})`;
          process.stdout.write(`${what}\n\n${describeEntry(entry, registry().pathOf(entry), false)}\n`);
        }
      }),
    );

  models
    .command('list')
    .description('the imported models; * marks the default')
    .option('--json', 'print the registry as JSON')
    .action(
      badInputAsInputError(async (opts: { json?: boolean }) => {
        const reg = registry();
        const [list, defaultId] = [await reg.list(), await reg.defaultModelId()];
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ storeDir: reg.storeDir, defaultModelId: defaultId, models: list }, null, 2)}\n`);
          return;
        }
        if (list.length === 0) {
          process.stdout.write(`No models in ${reg.storeDir} (rarediag models import FILE.gguf)\n`);
          return;
        }
        const rows = list.map((m) => [
          `${m.id === defaultId ? '* ' : '  '}${m.id}`,
          m.metadata.architecture ?? '?',
          formatCount(m.metadata.parameterCount),
          m.metadata.quantization,
          m.metadata.contextLength === null ? '?' : formatInt(m.metadata.contextLength),
          formatBytes(m.size),
          m.storage,
        ]);
        process.stdout.write(`${formatTable(['  id', 'arch', 'params', 'quant', 'context', 'size', 'storage'], rows, ['l', 'l', 'r', 'l', 'r', 'r', 'l'])}\n`);
      }),
    );

  models
    .command('info')
    .description('a model: file, sha256 and what its GGUF header says (architecture, parameters, quantization, context, chat template)')
    .argument('<id>', 'model id (see models list)')
    .option('--json', 'print the registry entry as JSON')
    .action(
      badInputAsInputError(async (id: string, opts: { json?: boolean }) => {
        const reg = registry();
        const entry = await reg.get(id);
        const isDefault = (await reg.defaultModelId()) === entry.id;
        if (opts.json) process.stdout.write(`${JSON.stringify({ ...entry, absolutePath: reg.pathOf(entry), isDefault }, null, 2)}\n`);
        else process.stdout.write(`${describeEntry(entry, reg.pathOf(entry), isDefault)}\n`);
      }),
    );

  models
    .command('select')
    .description('make a model the default one for reasoning')
    .argument('<id>', 'model id (see models list)')
    .action(
      badInputAsInputError(async (id: string) => {
        const entry = await registry().select(id);
        process.stdout.write(`Default model: ${entry.id}\n`);
      }),
    );

  models
    .command('remove')
    .description('remove a model from the store (a referenced file is left where it is)')
    .argument('<id>', 'model id (see models list)')
    .action(
      badInputAsInputError(async (id: string) => {
        const reg = registry();
        const entry = await reg.remove(id);
        process.stdout.write(entry.storage === 'copy' ? `Removed ${entry.id} and deleted its copy\n` : `Removed ${entry.id}; the file stays at ${entry.path}\n`);
      }),
    );

  models
    .command('hardware')
    .description('the llama.cpp backend this machine would use (CUDA, Vulkan, Metal or CPU), GPU devices, VRAM and CPU threads')
    .option('--threads <n>', `CPU threads (default ${defaultThreadCount()})`, positiveInt('--threads'))
    .option('--json', 'print the description as JSON')
    .action(async (opts: { threads?: number; json?: boolean }) => {
      // loaded here, not at start-up: node-llama-cpp takes ~0.3 s to import and the other commands do not need it
      const { ModelRuntime } = await import('../../native-models/runtime/model-runtime.js');
      const { hardwareSummary } = await import('../../native-models/runtime/hardware-description.js');
      const runtime = await ModelRuntime.start({ threads: opts.threads });
      try {
        const h = runtime.hardware;
        process.stdout.write(opts.json ? `${JSON.stringify(h, null, 2)}\n` : `${describeHardware(h, hardwareSummary(h))}\n`);
      } finally {
        await runtime.dispose();
      }
    });
}

function describeEntry(m: ModelEntry, path: string, isDefault: boolean): string {
  const md = m.metadata;
  const t = md.chatTemplate;
  const template = t.present ? [t.family, t.variants.length ? `+ ${t.variants.join(', ')}` : '', t.thinkTags ? '(writes <think> blocks)' : ''].filter(Boolean).join(' ') : 'none';
  const rows: string[][] = [
    ['file', m.storage === 'copy' ? `${path} (copy of ${m.importedFrom})` : `${path} (referenced in place)`],
    ['sha256', m.sha256],
    ['size', `${formatBytes(m.size)} (${formatInt(m.size)} bytes)`],
    ['imported', m.importedAt],
    ['architecture', md.architecture ?? 'unknown'],
    ['name', md.name ?? '-'],
    ['parameters', `${formatCount(md.parameterCount)}${md.sizeLabel ? ` (labelled ${md.sizeLabel})` : ''}`],
    ['quantization', `${md.quantization} (tensors: ${Object.entries(md.tensorTypes).map(([k, v]) => `${k} x${v}`).join(', ')})`],
    ['trained context', md.contextLength === null ? 'unknown' : `${formatInt(md.contextLength)} tokens`],
    ['layers / embedding', `${md.layerCount ?? '?'} / ${md.embeddingLength ?? '?'}`],
    ['chat template', template],
    ['tensors', `${formatInt(md.tensorCount)} (GGUF v${md.ggufVersion})`],
  ];
  return `${m.id}${isDefault ? ' (default)' : ''}\n\n${formatTable(['field', 'value'], rows)}`;
}

function describeHardware(h: HardwareDescription, summary: string): string {
  const rows: string[][] = [
    ['backend', h.backend],
    ['GPU backends found', h.detectedGpuBackends.join(', ') || 'none'],
    ['GPU devices', h.gpuDevices.join(', ') || 'none'],
    ['VRAM', h.vram ? `${formatBytes(h.vram.totalBytes)} (${formatBytes(h.vram.freeBytes)} free)` : 'none'],
    ['CPU', `${h.cpu.model}, ${h.cpu.logicalCores} cores (${h.cpu.mathCores} for math)`],
    ['threads', String(h.cpu.threads)],
    ['CPU features', h.cpu.features.join(' ')],
    ['RAM', formatBytes(h.ramBytes)],
    ['llama.cpp', `${h.llamaCpp.release} (${h.llamaCpp.binary} binary, node-llama-cpp ${h.llamaCpp.nodeLlamaCpp}), ${h.platform}`],
  ];
  return `${summary}\n\n${formatTable(['property', 'value'], rows)}`;
}

function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u += 1;
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(1)} ${units[u]}`;
}

/** 292800 → "292.8K", 7615616512 → "7.6B" */
function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
  return String(n);
}

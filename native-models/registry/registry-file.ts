import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeFsError, ModelFileError } from './model-file-error.js';
import { modelMetadataSchema } from './model-metadata.js';

export const REGISTRY_FILE = 'registry.json';

export const modelEntrySchema = z.object({
  /** file name stem + the first 8 hex digits of the sha256: readable and stable across machines */
  id: z.string().regex(/^[A-Za-z0-9._-]+$/),
  /** the file name it was imported from */
  fileName: z.string(),
  /** copy: the file lives in the store directory; reference: it stays where it was */
  storage: z.enum(['copy', 'reference']),
  /** copy: a file name inside the store directory (so the store can move); reference: an absolute path */
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  importedAt: z.string(),
  importedFrom: z.string(),
  metadata: modelMetadataSchema,
});

export const registrySchema = z.object({
  format: z.literal('rarediag-model-registry'),
  version: z.literal(1),
  defaultModelId: z.string().nullable(),
  models: z.array(modelEntrySchema),
});

export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type RegistryData = z.infer<typeof registrySchema>;

const emptyRegistry = (): RegistryData => ({ format: 'rarediag-model-registry', version: 1, defaultModelId: null, models: [] });

/** Reads and validates the registry of a store directory; a store without one is empty. */
export async function readRegistry(storeDir: string): Promise<RegistryData> {
  const path = join(storeDir, REGISTRY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyRegistry();
    throw new ModelFileError(path, describeFsError(err), { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelFileError(path, `model registry is not valid JSON (${(err as Error).message})`);
  }
  const parsed = registrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelFileError(path, `model registry field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

let tempCounter = 0;

/** Writes the registry atomically (temp file, fsync, rename): a reader sees the old or the new one, never half. */
export async function writeRegistry(storeDir: string, data: RegistryData): Promise<void> {
  const path = join(storeDir, REGISTRY_FILE);
  const temp = `${path}.tmp-${process.pid}-${(tempCounter += 1)}`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(registrySchema.parse(data), null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw new ModelFileError(path, `cannot write the model registry: ${describeFsError(err)}`, { cause: err });
  }
}

const lockWaitMs = 30_000;

/**
 * Runs a read-modify-write of the registry under a lock file, so two imports at once (CLI and app) cannot lose an
 * entry. A lock left by a process that no longer runs is taken over.
 */
export async function withRegistryLock<T>(storeDir: string, work: () => Promise<T>): Promise<T> {
  const lock = join(storeDir, 'registry.lock');
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new ModelFileError(lock, describeFsError(err), { cause: err });
      const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
      if (holder && !isRunning(holder)) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() - started > lockWaitMs) throw new ModelFileError(lock, `the model registry is locked by process ${holder || '?'}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

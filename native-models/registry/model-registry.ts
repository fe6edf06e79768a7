import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { copyWithSha256, sha256File } from './file-sha256.js';
import { readGgufHeader } from './gguf-header.js';
import { describeFsError, ModelFileError } from './model-file-error.js';
import { summarizeHeader, type ModelMetadata } from './model-metadata.js';
import { isRunning, readRegistry, REGISTRY_FILE, withRegistryLock, writeRegistry, type ModelEntry } from './registry-file.js';

/** Same shape as the app's progress events, so a CLI bar or an Electron event can render it. */
export type ImportProgress = (event: { fraction: number; step: string }) => void;

export interface ImportOptions {
  /** keep the file where it is instead of copying it into the store */
  reference?: boolean;
  onProgress?: ImportProgress;
}

export interface ImportResult {
  entry: ModelEntry;
  /** the same bytes (sha256) were already registered: nothing was copied, the existing entry is returned */
  alreadyRegistered: boolean;
}

/**
 * The local models: GGUF files imported into a store directory (copied, or referenced in place), each with its
 * sha256 and the metadata read from its header, plus which one is the default. The list is `registry.json` in the
 * store directory, validated when read and replaced atomically, so a failed import never damages it.
 */
export class ModelRegistry {
  readonly storeDir: string;

  constructor(storeDir: string) {
    this.storeDir = resolve(storeDir);
  }

  get registryPath(): string {
    return join(this.storeDir, REGISTRY_FILE);
  }

  async list(): Promise<ModelEntry[]> {
    return (await readRegistry(this.storeDir)).models;
  }

  async defaultModelId(): Promise<string | null> {
    return (await readRegistry(this.storeDir)).defaultModelId;
  }

  /** The entry with this id; an unknown id is a ModelFileError naming the registry and the known ids. */
  async get(id: string): Promise<ModelEntry> {
    const data = await readRegistry(this.storeDir);
    return this.find(data.models, id);
  }

  /** The entry to run: the given id, else the default, else the only model. */
  async resolve(id?: string): Promise<ModelEntry> {
    const data = await readRegistry(this.storeDir);
    if (id) return this.find(data.models, id);
    if (data.defaultModelId) return this.find(data.models, data.defaultModelId);
    if (data.models.length === 1) return data.models[0]!;
    throw new ModelFileError(
      this.registryPath,
      data.models.length === 0 ? 'no model imported yet (rarediag models import FILE.gguf)' : 'several models and no default: choose one (rarediag models select ID)',
    );
  }

  /** Absolute path of a model's GGUF file. */
  pathOf(entry: ModelEntry): string {
    return isAbsolute(entry.path) ? entry.path : join(this.storeDir, entry.path);
  }

  /**
   * A quick check before loading: the file is still there with the registered size. (A full re-hash of a
   * multi-gigabyte file is `verify`.)
   */
  async checkFile(entry: ModelEntry): Promise<string> {
    const path = this.pathOf(entry);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (err) {
      throw new ModelFileError(path, `${describeFsError(err)} (model ${entry.id}, imported from ${entry.importedFrom})`, { cause: err });
    }
    if (size !== entry.size) throw new ModelFileError(path, `size ${size} differs from the ${entry.size} bytes registered for model ${entry.id}: the file changed since import`);
    return path;
  }

  /** Re-hashes a model's file and says whether it still matches the registered sha256. */
  async verify(id: string): Promise<{ ok: boolean; sha256: string; expected: string }> {
    const entry = await this.get(id);
    const path = await this.checkFile(entry);
    const sha256 = await sha256File(path).catch((err: unknown) => {
      throw new ModelFileError(path, describeFsError(err), { cause: err });
    });
    return { ok: sha256 === entry.sha256, sha256, expected: entry.sha256 };
  }

  /**
   * Imports a GGUF file. The header is checked first (a non-GGUF or truncated file fails before anything is
   * copied), then the file is copied and hashed in one pass into a temporary name, and only then renamed into place
   * and listed. Importing the same bytes twice returns the existing entry.
   */
  async import(file: string, options: ImportOptions = {}): Promise<ImportResult> {
    const source = resolve(file);
    const progress = options.onProgress;
    progress?.({ fraction: 0, step: 'reading the GGUF header' });
    const metadata = summarizeHeader(await readGgufHeader(source));
    if (metadata.splitParts > 1) {
      throw new ModelFileError(source, `split GGUF (${metadata.splitParts} parts): merge the parts into one file first (llama-gguf-split --merge)`);
    }
    await mkdir(this.storeDir, { recursive: true }).catch((err: unknown) => {
      throw new ModelFileError(this.storeDir, `cannot create the model store: ${describeFsError(err)}`, { cause: err });
    });
    await this.removeAbandonedImports();
    const total = metadata.fileSize || 1;
    const onBytes = (done: number) => progress?.({ fraction: Math.min(1, done / total), step: options.reference ? 'hashing' : 'copying and hashing' });

    if (options.reference) {
      const sha256 = await sha256File(source, onBytes).catch((err: unknown) => {
        throw new ModelFileError(source, describeFsError(err), { cause: err });
      });
      return this.register({ source, sha256, metadata, storage: 'reference' });
    }

    const temp = join(this.storeDir, `.import-${process.pid}-${randomBytes(4).toString('hex')}.part`);
    try {
      const sha256 = await copyWithSha256(source, temp, onBytes).catch((err: unknown) => {
        throw new ModelFileError(source, `cannot copy into ${this.storeDir}: ${describeFsError(err)}`, { cause: err });
      });
      return await this.register({ source, sha256, metadata, storage: 'copy', temp });
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Makes a model the default one. */
  async select(id: string): Promise<ModelEntry> {
    return withRegistryLock(await this.ensureStore(), async () => {
      const data = await readRegistry(this.storeDir);
      const entry = this.find(data.models, id);
      await writeRegistry(this.storeDir, { ...data, defaultModelId: entry.id });
      return entry;
    });
  }

  /** Unlists a model and deletes its copy (a referenced file is left alone). */
  async remove(id: string): Promise<ModelEntry> {
    const entry = await withRegistryLock(await this.ensureStore(), async () => {
      const data = await readRegistry(this.storeDir);
      const found = this.find(data.models, id);
      await writeRegistry(this.storeDir, {
        ...data,
        defaultModelId: data.defaultModelId === found.id ? null : data.defaultModelId,
        models: data.models.filter((m) => m.id !== found.id),
      });
      return found;
    });
    // after the registry no longer lists it: an interruption leaves an orphan file, never a dangling entry
    if (entry.storage === 'copy') await rm(this.pathOf(entry), { force: true });
    return entry;
  }

  private async register(args: { source: string; sha256: string; metadata: ModelMetadata; storage: ModelEntry['storage']; temp?: string }): Promise<ImportResult> {
    return withRegistryLock(this.storeDir, async () => {
      const data = await readRegistry(this.storeDir);
      const existing = data.models.find((m) => m.sha256 === args.sha256);
      if (existing) return { entry: existing, alreadyRegistered: true };
      const id = modelId(args.source, args.sha256, new Set(data.models.map((m) => m.id)));
      const entry: ModelEntry = {
        id,
        fileName: basename(args.source),
        storage: args.storage,
        path: args.storage === 'copy' ? `${id}.gguf` : args.source,
        sha256: args.sha256,
        size: args.metadata.fileSize,
        importedAt: new Date().toISOString(),
        importedFrom: args.source,
        metadata: args.metadata,
      };
      if (args.temp) await rename(args.temp, this.pathOf(entry));
      try {
        await writeRegistry(this.storeDir, { ...data, models: [...data.models, entry] });
      } catch (err) {
        if (args.temp) await rm(this.pathOf(entry), { force: true });
        throw err;
      }
      return { entry, alreadyRegistered: false };
    });
  }

  private find(models: ModelEntry[], id: string): ModelEntry {
    const entry = models.find((m) => m.id === id);
    if (entry) return entry;
    const known = models.map((m) => m.id).join(', ') || 'none';
    throw new ModelFileError(this.registryPath, `no model with id "${id}" (known: ${known})`);
  }

  private async ensureStore(): Promise<string> {
    await mkdir(this.storeDir, { recursive: true });
    return this.storeDir;
  }

  /** Temporary copies left by imports whose process died. */
  private async removeAbandonedImports(): Promise<void> {
    for (const f of await readdir(this.storeDir)) {
      const pid = Number(/^\.import-(\d+)-/.exec(f)?.[1]);
      if (pid && pid !== process.pid && !isRunning(pid)) await rm(join(this.storeDir, f), { force: true });
    }
  }
}

/** `<file stem>-<sha256 prefix>`, made unique if two different files share both. */
function modelId(source: string, sha256: string, taken: Set<string>): string {
  const stem = basename(source).replace(/\.gguf$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80) || 'model';
  const base = `${stem}-${sha256.slice(0, 8)}`;
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

import type { ModelRegistry } from '../registry/model-registry.js';
import type { LoadedModelInfo, LoadOptions, ModelRuntime } from './model-runtime.js';

/**
 * Loads a registry model into the runtime: the given id, else the default. The file is checked first (still there,
 * same size), so a moved or replaced file is a ModelFileError naming it rather than a llama.cpp failure.
 */
export async function loadRegisteredModel(runtime: ModelRuntime, registry: ModelRegistry, id?: string, options: LoadOptions = {}): Promise<LoadedModelInfo> {
  const entry = await registry.resolve(id);
  const path = await registry.checkFile(entry);
  return runtime.loadModel({ path, id: entry.id, sha256: entry.sha256 }, options);
}

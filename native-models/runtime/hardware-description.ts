import { arch, cpus, platform, totalmem } from 'node:os';
import { getLlamaGpuTypes, getModuleVersion, type Llama } from 'node-llama-cpp';

export type Backend = 'cuda' | 'vulkan' | 'metal' | 'cpu';

/** What ran a generation; stored with every run so a result can be traced to the machine that made it. */
export interface HardwareDescription {
  /** the llama.cpp backend in use */
  backend: Backend;
  /** GPU backends whose drivers were found on this machine (empty: CPU only) */
  detectedGpuBackends: Backend[];
  gpuDevices: string[];
  /** null without a GPU */
  vram: { totalBytes: number; freeBytes: number; unifiedBytes: number } | null;
  cpu: {
    model: string;
    logicalCores: number;
    /** cores llama.cpp counts as useful for math */
    mathCores: number;
    /** threads given to each context */
    threads: number;
    /** instruction sets llama.cpp uses (AVX2, AVX512, NEON, ...) */
    features: string[];
  };
  ramBytes: number;
  platform: string;
  llamaCpp: { release: string; binary: 'prebuilt' | 'localBuild'; nodeLlamaCpp: string };
}

export async function describeHardware(llama: Llama, threads: number): Promise<HardwareDescription> {
  const backend: Backend = llama.gpu === false ? 'cpu' : llama.gpu;
  const [devices, vram, detected, version] = await Promise.all([
    backend === 'cpu' ? Promise.resolve([]) : llama.getGpuDeviceNames(),
    backend === 'cpu' ? Promise.resolve(null) : llama.getVramState(),
    getLlamaGpuTypes('supported'),
    getModuleVersion(),
  ]);
  const cpuList = cpus();
  return {
    backend,
    detectedGpuBackends: detected.filter((g): g is Exclude<typeof g, false> => g !== false),
    gpuDevices: devices,
    vram: vram ? { totalBytes: vram.total, freeBytes: vram.free, unifiedBytes: vram.unifiedSize } : null,
    cpu: {
      model: cpuList[0]?.model.trim() ?? 'unknown',
      logicalCores: cpuList.length,
      mathCores: llama.cpuMathCores,
      threads,
      features: [...llama.systemInfo.matchAll(/([A-Z][A-Z0-9_]*) = 1/g)].map((m) => m[1]!),
    },
    ramBytes: totalmem(),
    platform: `${platform()}-${arch()}`,
    llamaCpp: { release: llama.llamaCppRelease.release, binary: llama.buildType, nodeLlamaCpp: version },
  };
}

/** One line for logs and tables, e.g. "cpu, 2 threads (AVX2, AVX512)" or "cuda: NVIDIA RTX 4090, 24.0 GB VRAM". */
export function hardwareSummary(h: HardwareDescription): string {
  const gb = (b: number) => `${(b / 1e9).toFixed(1)} GB`;
  if (h.backend === 'cpu') return `cpu: ${h.cpu.model}, ${h.cpu.threads} thread${h.cpu.threads === 1 ? '' : 's'} of ${h.cpu.logicalCores} cores, ${gb(h.ramBytes)} RAM`;
  return `${h.backend}: ${h.gpuDevices.join(', ') || 'GPU'}${h.vram ? `, ${gb(h.vram.totalBytes)} VRAM` : ''}; ${h.cpu.threads} CPU threads`;
}

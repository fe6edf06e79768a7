import { z } from 'zod';
import { chatTemplateFamily, chatTemplateThinks } from './chat-template-family.js';
import { tensorBytes, tensorElements, type GgufHeader, type GgufValue } from './gguf-header.js';
import { fileTypeName, ggmlTypeName } from './gguf-types.js';

export const modelMetadataSchema = z.object({
  ggufVersion: z.number().int(),
  architecture: z.string().nullable(),
  /** general.name */
  name: z.string().nullable(),
  /** general.size_label, e.g. "8B" */
  sizeLabel: z.string().nullable(),
  /** counted from the tensor shapes, so it is there even when the file does not say */
  parameterCount: z.number().int().nonnegative(),
  /** general.file_type when present, else the tensor type holding most bytes (e.g. "Q4_K_M", "F32") */
  quantization: z.string(),
  /** tensor count per ggml type */
  tensorTypes: z.record(z.string(), z.number().int()),
  /** the context the model was trained with */
  contextLength: z.number().int().positive().nullable(),
  embeddingLength: z.number().int().positive().nullable(),
  layerCount: z.number().int().positive().nullable(),
  chatTemplate: z.object({
    present: z.boolean(),
    /** chatml, llama3, mistral, gemma, deepseek, harmony, phi, custom; null without a template */
    family: z.string().nullable(),
    /** named extra templates (tokenizer.chat_template.<name>), e.g. tool_use */
    variants: z.array(z.string()),
    /** the template writes <think> blocks */
    thinkTags: z.boolean(),
  }),
  fileSize: z.number().int().nonnegative(),
  tensorCount: z.number().int().nonnegative(),
  /** split.count > 1: the other parts hold more tensors */
  splitParts: z.number().int().positive(),
});

export type ModelMetadata = z.infer<typeof modelMetadataSchema>;

const str = (v: GgufValue | undefined) => (typeof v === 'string' ? v : null);
const int = (v: GgufValue | undefined) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);

/** The facts about a model the registry keeps and the CLI shows, from its header alone. */
export function summarizeHeader(header: GgufHeader): ModelMetadata {
  const md = header.metadata;
  const arch = str(md.get('general.architecture'));
  const archKey = (k: string) => (arch ? md.get(`${arch}.${k}`) : undefined);
  const template = str(md.get('tokenizer.chat_template'));
  const variants = [...md.keys()].filter((k) => k.startsWith('tokenizer.chat_template.')).map((k) => k.slice('tokenizer.chat_template.'.length));

  const tensorTypes: Record<string, number> = {};
  const bytesByType = new Map<string, number>();
  let parameterCount = 0;
  for (const t of header.tensors) {
    const name = ggmlTypeName(t.type);
    tensorTypes[name] = (tensorTypes[name] ?? 0) + 1;
    bytesByType.set(name, (bytesByType.get(name) ?? 0) + tensorBytes(t));
    parameterCount += tensorElements(t);
  }
  const fileType = md.get('general.file_type');
  const dominant = [...bytesByType.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';

  return {
    ggufVersion: header.version,
    architecture: arch,
    name: str(md.get('general.name')),
    sizeLabel: str(md.get('general.size_label')),
    parameterCount,
    quantization: typeof fileType === 'number' ? fileTypeName(fileType) : dominant,
    tensorTypes,
    contextLength: int(archKey('context_length')),
    embeddingLength: int(archKey('embedding_length')),
    layerCount: int(archKey('block_count')),
    chatTemplate: {
      present: template !== null,
      family: template === null ? null : chatTemplateFamily(template),
      variants,
      thinkTags: template !== null && chatTemplateThinks(template),
    },
    fileSize: header.fileSize,
    tensorCount: header.tensors.length,
    splitParts: int(md.get('split.count')) ?? 1,
  };
}

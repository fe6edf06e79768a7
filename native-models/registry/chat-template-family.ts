/**
 * The family of a GGUF chat template (Jinja), recognised by the special tokens it writes. Only for display and
 * the registry: at run time node-llama-cpp picks the chat wrapper itself.
 */
export function chatTemplateFamily(template: string): string {
  const has = (s: string) => template.includes(s);
  if (has('<|channel|>')) return 'harmony';
  if (has('<|start_header_id|>')) return 'llama3';
  if (has('<｜User｜>') || has('<｜Assistant｜>')) return 'deepseek';
  if (has('<|im_start|>')) return 'chatml';
  if (has('<start_of_turn>')) return 'gemma';
  if (has('[INST]')) return has('<<SYS>>') ? 'llama2' : 'mistral';
  if (has('<|user|>') && has('<|assistant|>')) return 'phi';
  return 'custom';
}

/** Whether the template writes `<think>` blocks (a reasoning model whose thoughts must be kept apart). */
export const chatTemplateThinks = (template: string) => template.includes('<think>') || template.includes('</think>');

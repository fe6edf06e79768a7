import { z } from 'zod';
import type { EvidencePack } from './evidence-pack.js';

/**
 * The JSON schema the model's answer is constrained to (node-llama-cpp turns it into a grammar). Disease ids and
 * evidence ids are enums of what the pack contains, so a grammar-following model cannot even spell an invented one;
 * the verifier still checks everything, for models and runs where that guarantee does not hold.
 */
export function reasoningJsonSchema(pack: EvidencePack) {
  const diseaseIds = pack.candidates.map((c) => c.diseaseId);
  const evidenceIds = pack.items.map((i) => i.id);
  return {
    type: 'object',
    properties: {
      differential: {
        type: 'array',
        minItems: 1,
        maxItems: Math.min(5, diseaseIds.length),
        items: {
          type: 'object',
          properties: {
            diseaseId: { enum: diseaseIds },
            rank: { type: 'integer' },
            confidence: { type: 'number' },
            rationale: { type: 'string' },
            evidenceIds: { type: 'array', maxItems: 6, items: { enum: evidenceIds } },
          },
        },
      },
      discriminatingFindings: { type: 'array', maxItems: 5, items: { type: 'string' } },
      nextSteps: { type: 'array', maxItems: 5, items: { type: 'string' } },
      caveats: { type: 'array', maxItems: 5, items: { type: 'string' } },
    },
  } as const;
}

/** The same shape, for validating answers that did not come through the grammar. */
export const reasoningAnswerSchema = z.object({
  differential: z.array(
    z.object({
      diseaseId: z.string(),
      rank: z.number(),
      confidence: z.number(),
      rationale: z.string(),
      evidenceIds: z.array(z.string()),
    }),
  ),
  discriminatingFindings: z.array(z.string()),
  nextSteps: z.array(z.string()),
  caveats: z.array(z.string()),
});

export type ReasoningAnswer = z.infer<typeof reasoningAnswerSchema>;

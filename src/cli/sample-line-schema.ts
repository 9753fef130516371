import { z } from 'zod';

/** One line of a samples file (docs/cli.md, samples files). */
export const sampleLineSchema = z.object({
  id: z.union([z.string(), z.number().transform(String)]),
  completion: z.string().optional(),
  turns: z.array(z.string()).optional(),
  sample: z.number().int().nonnegative().optional(),
  model: z.string().optional(),
  score: z.number().optional(),
});

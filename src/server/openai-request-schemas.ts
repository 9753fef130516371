import { z } from 'zod';

const stopSchema = z.union([z.string(), z.array(z.string())]).nullish();

/** The parts of a chat-completions body `parity serve` reads; other fields are accepted and ignored. */
export const chatCompletionBodySchema = z.looseObject({
  model: z.string().optional(),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(['system', 'developer', 'user', 'assistant']),
        content: z.union([
          z.string(),
          z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
        ]),
      }),
    )
    .min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).nullish(),
  top_p: z.number().positive().max(1).nullish(),
  stop: stopSchema,
  seed: z.number().int().nullish(),
});
export type ChatCompletionBody = z.infer<typeof chatCompletionBodySchema>;

/** The parts of a legacy completions body `parity serve` reads. */
export const completionBodySchema = z.looseObject({
  model: z.string().optional(),
  prompt: z.union([z.string(), z.array(z.string()).min(1)]),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().min(0).nullish(),
  temperature: z.number().min(0).nullish(),
  top_p: z.number().positive().max(1).nullish(),
  stop: stopSchema,
  seed: z.number().int().nullish(),
  echo: z.boolean().nullish(),
  logprobs: z.number().int().min(0).max(5).nullish(),
});
export type CompletionBody = z.infer<typeof completionBodySchema>;

export function stopList(stop: string | string[] | null | undefined): string[] | undefined {
  if (stop === null || stop === undefined) return undefined;
  return typeof stop === 'string' ? [stop] : stop;
}

/** One line naming the first invalid field, e.g. `messages.0.role: Invalid option`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request body';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

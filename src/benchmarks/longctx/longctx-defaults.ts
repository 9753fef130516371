/** Defaults of the generated items (docs/longctx.md). The seed is RULER's default `--random_seed 42`. */
export const longctxDefaults = {
  seed: 42,
  lengths: [4096, 8192, 16384, 32768, 65536, 131072],
  depths: [0, 25, 50, 75, 100],
  samples: 5,
  /** English-like noise text runs about 4 characters per token with Llama/GPT tokenizers; calibrate per model. */
  charsPerToken: 4,
} as const;

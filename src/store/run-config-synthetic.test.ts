import { describe, expect, it } from 'vitest';
import { runConfigSchema } from './record-schemas.ts';

describe('runConfigSchema', () => {
  // Before the field was in the schema it was dropped on read, and `parity resume` regenerated the default items.
  it("keeps a longctx run's generation settings", () => {
    const synthetic = { seed: 7, lengths: [256, 512], depths: [0, 100], samples: 2, charsPerToken: 3.5 };
    const config = {
      modelSpec: 'openai:m',
      model: { provider: 'openai', endpoint: 'http://127.0.0.1:1/v1', modelId: 'm' },
      benchmark: 'longctx',
      protocol: 'longctx.ruler.v1',
      protocolVersion: 1,
      concurrency: 1,
      timeoutMs: 1000,
      maxRetries: 0,
      synthetic,
    };
    expect(runConfigSchema.parse(config).synthetic).toEqual(synthetic);
    expect(() => runConfigSchema.parse({ ...config, synthetic: { depths: [101] } })).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../spec/errors.ts';
import { schemaRefusalMessage } from './schema-refusal.ts';

describe('schemaRefusalMessage', () => {
  it('reads SDK errors (status) and ProviderErrors (statusCode) that refuse the schema', () => {
    expect(
      schemaRefusalMessage({ status: 400, message: 'output_config.format.schema: unsupported keyword' }),
    ).toMatch(/output_config/);
    expect(
      schemaRefusalMessage({ status: 400, message: 'Invalid JSON payload: responseJsonSchema' }),
    ).toMatch(/Schema/);
    const providerError = new ProviderError({
      provider: 'anthropic',
      message: 'HTTP 400: output_config.format: schema too complex',
      isRetryable: false,
      statusCode: 400,
    });
    expect(schemaRefusalMessage(providerError)).toMatch(/schema too complex/);
  });

  it('is undefined for other statuses, other 400s and non-errors', () => {
    expect(schemaRefusalMessage({ status: 500, message: 'schema' })).toBeUndefined();
    expect(schemaRefusalMessage({ status: 400, message: 'max_tokens: Field required' })).toBeUndefined();
    expect(schemaRefusalMessage('schema')).toBeUndefined();
    expect(schemaRefusalMessage(null)).toBeUndefined();
  });
});

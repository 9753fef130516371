import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelSpecHelp } from '../src/cli/model-spec-help.ts';
import {
  createLanguageModel,
  keyVariablesFor,
  supportedModelPrefixes,
} from '../src/providers/create-language-model.ts';
import { probeLlama } from '../src/providers/local/probe-llama.test-helper.ts';
import { writeTinyGguf } from '../src/providers/local/tiny-gguf.ts';
import { probeProvider } from '../src/providers/probe-provider.ts';
import {
  providerOf,
  providerRegistry,
  resolveModelSpec,
  type AnyProviderDescriptor,
} from '../src/providers/registry.ts';
import { InputError, ProviderError } from '../src/spec/errors.ts';
import type { GenerateRequest } from '../src/spec/language-model.ts';
import { startReplayServer, type ReplayScenario, type ReplayServer } from './support/replay-server.ts';

/**
 * The registry's promise: every provider in src/providers/registry.ts resolves its own spec forms, names its
 * key variables (and refuses a missing key in one line naming them), and its factory builds a model that
 * talks to a loopback server of its wire format. A new provider gets all of this by being in the registry;
 * a new wire format also needs one entry in `wireFormats` below (the first test fails until it has one).
 * test/providers-conformance.test.ts holds the deeper per-wire-format behaviour (usage, stops, errors).
 */
const apiKey = 'sk-REGISTRY-secret-key-0123456789';
const now = () => performance.now();
const directory = mkdtempSync(join(tmpdir(), 'parity-registry-'));
const ggufPath = join(directory, 'tiny.gguf');
let scenario: ReplayScenario = { type: 'text', chunks: ['ok'] };
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer({ respond: () => scenario });
  await writeTinyGguf(ggufPath, { contextLength: 1024 });
});
afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

const llamaProblem = await probeLlama();

/** One case per wire format: where its loopback server is and what a request looks like on the wire. */
interface WireFormatCase {
  /** Why generation cannot be tested on this machine, when it cannot. */
  readonly skip?: string;
  /** The part of the spec after the colon. */
  readonly model: () => string;
  /** Base URL of the loopback server speaking this wire format; absent for in-process engines. */
  readonly baseUrl?: () => string;
  /** The path a generation request for this prefix goes to. */
  readonly path?: (prefix: string) => RegExp;
}

const wireFormats: Readonly<Record<string, WireFormatCase>> = {
  openai: {
    model: () => 'm',
    baseUrl: () => `${server.origin}/v1`,
    path: (prefix) => (prefix.endsWith('-completions') ? /^\/v1\/completions$/ : /^\/v1\/chat\/completions$/),
  },
  anthropic: { model: () => 'claude-test', baseUrl: () => server.origin, path: () => /^\/v1\/messages$/ },
  gemini: {
    model: () => 'gemini-test',
    baseUrl: () => server.origin,
    path: () => /^\/v1beta\/models\/gemini-test:streamGenerateContent$/,
  },
  local: { model: () => ggufPath, ...(llamaProblem === undefined ? {} : { skip: llamaProblem }) },
};

const providers: readonly AnyProviderDescriptor[] = providerRegistry;
const caseOf = (provider: AnyProviderDescriptor): WireFormatCase => {
  const found = wireFormats[provider.wireFormat];
  if (!found) throw new Error(`no conformance case for wire format "${provider.wireFormat}"`);
  return found;
};

const request: GenerateRequest = {
  messages: [{ role: 'user', content: 'Say hello.' }],
  parameters: { temperature: 0, maxTokens: 4 },
};

describe('provider registry', () => {
  it('has a conformance case for every wire format, and no case without a provider', () => {
    const used = [...new Set(providers.map((provider) => provider.wireFormat))].sort();
    expect(Object.keys(wireFormats).sort()).toEqual(used);
  });

  it('gives every spec prefix to one provider only', () => {
    const prefixes = providers.flatMap((provider) => provider.prefixes);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(providers.every((provider) => provider.prefixes.includes(provider.name))).toBe(true);
  });

  it('refuses an unknown prefix listing every provider, in one line', () => {
    const error = (() => {
      try {
        resolveModelSpec('mystery:model');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ exitCode: 2 });
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    for (const provider of providers)
      expect(message).toContain(`${provider.name}:<${provider.modelPlaceholder}>`);
  });
});

describe.each(providers.map((provider) => ({ name: provider.name, provider })))('$name', ({ provider }) => {
  const wire = caseOf(provider);

  it('resolves each of its prefixes to itself, keeping colons in the model, and is in --help', () => {
    for (const prefix of provider.prefixes) {
      const resolved = resolveModelSpec(`${prefix}:dir/model:tag`);
      expect(resolved.provider).toBe(provider);
      expect(providerOf(resolved.spec)).toBe(provider);
      expect(Object.values(resolved.spec)).toContain('dir/model:tag');
      expect(keyVariablesFor(resolved.spec)).toEqual(provider.keyVariables);
    }
    expect(supportedModelPrefixes).toContain(provider.name);
    expect(modelSpecHelp()).toContain(`  ${provider.name}:<${provider.modelPlaceholder}>`);
    for (const variable of provider.keyVariables) expect(modelSpecHelp()).toContain(variable);
  });

  it('reports its key variables and refuses a missing key in one line naming them', () => {
    for (const variable of provider.keyVariables) expect(variable).toMatch(/^[A-Z][A-Z0-9_]*_KEY$/);
    if (provider.keyRequired) {
      expect(provider.keyVariables.length).toBeGreaterThan(0);
      for (const given of [{}, { apiKey: '  ' }]) {
        const create = () => createLanguageModel(`${provider.name}:m`, { now, ...given });
        expect(create).toThrow(InputError);
        expect(create).toThrow(`${provider.keyVariables.join(' or ')} is not set`);
      }
    } else if (wire.baseUrl) {
      // Self-hosted servers: no key needed at the default endpoint.
      expect(createLanguageModel(`${provider.name}:m`, { now }).identity.provider).toBe(provider.name);
    }
  });

  it.skipIf(wire.skip !== undefined)(
    `builds, for each prefix, a model that talks to ${wire.baseUrl ? `a loopback ${provider.wireFormat} server` : 'its in-process engine'}${wire.skip ? ` (${wire.skip})` : ''}`,
    async () => {
      for (const prefix of provider.prefixes) {
        scenario = { type: 'text', chunks: ['o', 'k'], usage: { input: 3, output: 1 } };
        const sent = server.requests.length;
        const model = createLanguageModel(`${prefix}:${wire.model()}`, {
          now,
          apiKey,
          ...(wire.baseUrl ? { baseUrl: wire.baseUrl() } : {}),
          localContextSize: 256,
        });
        try {
          expect(model.identity.provider).toBe(provider.name);
          const result = await model.generate(request, {});
          if (!wire.baseUrl) {
            expect(model.identity.endpoint).toBe(wire.model());
            expect(result.text.length).toBeGreaterThan(0);
            expect(server.requests.length).toBe(sent);
            continue;
          }
          expect(result.text).toBe('ok');
          const last = server.requests.at(-1);
          expect(last?.path).toMatch(wire.path?.(prefix) ?? /./);
          // The key travels in a header only.
          expect(JSON.stringify(last?.headers)).toContain(apiKey);
          expect(JSON.stringify(last?.body)).not.toContain(apiKey);
        } finally {
          await model.close?.();
        }
      }
    },
  );

  it.runIf(wire.baseUrl !== undefined)(
    'keeps the key out of an error that echoes it (one line, not retryable on 401)',
    async () => {
      scenario = { type: 'error', status: 401, message: `invalid key ${apiKey}` };
      const model = createLanguageModel(`${provider.name}:${wire.model()}`, {
        now,
        apiKey,
        baseUrl: wire.baseUrl?.() ?? '',
      });
      const error = await model.generate(request, {}).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).not.toContain(apiKey);
      expect((error as Error).message).not.toContain('\n');
      expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
    },
  );

  it('answers parity probe: by probing its endpoint, or from its registry entry without a request', async () => {
    scenario = { type: 'text', chunks: ['{}'], usage: { input: 3, output: 1 } };
    const sent = server.requests.length;
    const model = createLanguageModel(`${provider.name}:${wire.model()}`, {
      now,
      apiKey,
      ...(wire.baseUrl ? { baseUrl: wire.baseUrl() } : {}),
    });
    try {
      const { capabilities, probed } = await probeProvider(provider, model, { timeoutMs: 10_000 });
      if (wire.baseUrl) {
        expect(probed).toBe(true);
        expect(capabilities.chat).toBe(true);
        expect(server.requests.length).toBeGreaterThan(sent);
      } else {
        expect({ probed, capabilities }).toEqual({ probed: false, capabilities: provider.capabilities });
        expect(server.requests.length).toBe(sent);
      }
      // What the registry entry says parity can never send, the probe never finds.
      for (const [key, value] of Object.entries(provider.capabilities)) {
        if (value === false) expect(capabilities[key as keyof typeof capabilities]).not.toBe(true);
      }
    } finally {
      await model.close?.();
    }
  });
});

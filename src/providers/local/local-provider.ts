import type { ParsedModelSpec, ProviderDescriptor } from '../provider-descriptor.ts';
import { createLocalModel } from './local-model.ts';

/** A parsed `local:<path.gguf>` spec. */
export interface LocalModelSpec {
  readonly provider: 'local';
  readonly modelPath: string;
}

/**
 * `local:<path.gguf>`: the embedded llama.cpp engine (node-llama-cpp), in-process, no key. Its models have no
 * `probe`: what it can do is known without asking, and `parity probe` prints these capabilities.
 */
export const localProvider: ProviderDescriptor<LocalModelSpec> = {
  name: 'local',
  prefixes: ['local'],
  modelPlaceholder: 'path.gguf',
  defaultEndpoint: 'in-process (llama.cpp), no server',
  keyVariables: [],
  keyRequired: false,
  wireFormat: 'local',
  // No JSON-schema output or tools through parity's model interface yet.
  capabilities: {
    chat: true,
    completions: true,
    logLikelihood: true,
    streamedUsage: true,
    jsonSchemaOutput: false,
    seed: true,
    toolCalls: false,
  },
  parse: (_prefix, model) => ({ provider: 'local', modelPath: model }),
  owns: (spec: ParsedModelSpec): spec is LocalModelSpec => spec.provider === 'local',
  create: (spec, options) =>
    createLocalModel({
      modelPath: spec.modelPath,
      now: options.now,
      ...(options.localThreads === undefined ? {} : { threads: options.localThreads }),
      ...(options.localContextSize === undefined ? {} : { contextSize: options.localContextSize }),
    }),
};

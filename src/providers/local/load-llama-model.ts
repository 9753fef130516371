import { open } from 'node:fs/promises';
import type { Llama, LlamaChatSession, LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { InputError } from '../../spec/errors.ts';

/** A GGUF model loaded in node-llama-cpp, with one chat session and one sequence for raw text. */
export interface LoadedLlamaModel {
  readonly llama: Llama;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly session: LlamaChatSession;
  /** A second sequence for raw completions and scoring, so the chat session's state stays its own. */
  readonly scoring: LlamaContextSequence;
}

const defaultContextCap = 8192;

async function assertGguf(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    if (magic.toString('latin1') !== 'GGUF') {
      throw new InputError('not a GGUF model file (it does not start with "GGUF")', { location: path });
    }
  } finally {
    await handle.close();
  }
}

/**
 * Loads a GGUF file (checked for the magic first) on the CPU unless `gpu` says otherwise, with a context of
 * `contextSize` tokens (default: the model's training context, at most 8192) holding two sequences. A file
 * that cannot be loaded is an InputError naming the path.
 */
export async function loadLlamaModel(options: {
  modelPath: string;
  threads: number;
  contextSize: number | undefined;
  gpu: false | 'auto' | undefined;
}): Promise<LoadedLlamaModel> {
  const { modelPath, threads } = options;
  await assertGguf(modelPath);
  const { getLlama, LlamaChatSession, LlamaLogLevel } = await import('node-llama-cpp');
  const llama = await getLlama({
    gpu: options.gpu ?? false,
    build: 'never',
    maxThreads: threads,
    logLevel: LlamaLogLevel.error,
  });
  try {
    const model = await llama.loadModel({ modelPath });
    const contextSize = options.contextSize ?? Math.min(model.trainContextSize, defaultContextCap);
    const context = await model.createContext({ contextSize, sequences: 2, threads });
    const session = new LlamaChatSession({ contextSequence: context.getSequence() });
    return { llama, model, context, session, scoring: context.getSequence() };
  } catch (error) {
    await llama.dispose();
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot load the model: ${reason}`, { location: modelPath, cause: error });
  }
}

/** Frees the native memory of a loaded model (session, context, model, engine, in that order). */
export async function disposeLlamaModel(loaded: LoadedLlamaModel): Promise<void> {
  loaded.session.dispose();
  await loaded.context.dispose();
  await loaded.model.dispose();
  await loaded.llama.dispose();
}

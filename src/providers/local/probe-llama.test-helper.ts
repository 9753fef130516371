/**
 * Test helper: whether node-llama-cpp's prebuilt native binary loads on this machine. Returns undefined when
 * it does, otherwise a one-line reason that skipped tests print.
 */
export async function probeLlama(): Promise<string | undefined> {
  try {
    const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
    const llama = await getLlama({
      gpu: false,
      build: 'never',
      maxThreads: 1,
      logLevel: LlamaLogLevel.error,
    });
    await llama.dispose();
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `skipped: node-llama-cpp native binary does not load here: ${reason.split('\n')[0]}`;
  }
}

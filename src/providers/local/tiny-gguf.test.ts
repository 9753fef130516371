import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTinyGguf, writeTinyGguf } from './tiny-gguf.ts';
import { probeLlama } from './probe-llama.test-helper.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

describe('makeTinyGguf', () => {
  it('is byte-identical for the same options and differs with the seed', () => {
    const first = makeTinyGguf();
    expect(sha256(makeTinyGguf())).toBe(sha256(first));
    expect(sha256(makeTinyGguf({ seed: 7 }))).not.toBe(sha256(first));
  });

  it('writes a small GGUF v3 file with the requested context length', () => {
    const bytes = makeTinyGguf({ contextLength: 8192 });
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('GGUF');
    expect(view(bytes).getUint32(4, true)).toBe(3);
    expect(bytes.length).toBeGreaterThan(300_000);
    expect(bytes.length).toBeLessThan(700_000);
    const key = new TextEncoder().encode('llama.context_length');
    const text = Buffer.from(bytes);
    const at = text.indexOf(Buffer.from(key));
    expect(at).toBeGreaterThan(0);
    // key, then value type 4 (uint32), then the value.
    expect(view(bytes).getUint32(at + key.length, true)).toBe(4);
    expect(view(bytes).getUint32(at + key.length + 4, true)).toBe(8192);
  });
});

const llamaProblem = await probeLlama();

// node-llama-cpp ships a prebuilt native binary; when it cannot load on this machine there is nothing to test.
describe.skipIf(llamaProblem !== undefined)(
  `tiny GGUF in node-llama-cpp (${llamaProblem ?? 'native binary loads'})`,
  () => {
    const directory = mkdtempSync(join(tmpdir(), 'parity-tiny-gguf-'));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('loads and generates readable lowercase text, quickly', async () => {
      const path = join(directory, 'tiny.gguf');
      await writeTinyGguf(path, { contextLength: 1024 });
      const { getLlama, LlamaChatSession, LlamaLogLevel } = await import('node-llama-cpp');
      const llama = await getLlama({
        gpu: false,
        build: 'never',
        maxThreads: 1,
        logLevel: LlamaLogLevel.error,
      });
      try {
        const model = await llama.loadModel({ modelPath: path });
        expect(model.trainContextSize).toBe(1024);
        expect(model.fileInfo.metadata.tokenizer.chat_template).toContain('<|assistant|>');
        const context = await model.createContext({ contextSize: 1024, threads: 1 });
        const session = new LlamaChatSession({ contextSequence: context.getSequence() });
        const text = await session.prompt('what is the best answer?', { maxTokens: 24, temperature: 0 });
        expect(text.length).toBeGreaterThan(5);
        expect(text).toMatch(/^[a-z .,!?'-]+$/);
      } finally {
        await llama.dispose();
      }
    });
  },
);

import { writeFile } from 'node:fs/promises';
import { tinyVocabulary } from './tiny-vocabulary.ts';

/**
 * Options of the tiny test model. Every option has a small default so the whole file stays ~0.5 MB.
 * Same options → byte-identical file (no clock, no Math.random, only exactly-rounded float operations).
 */
export interface TinyGgufOptions {
  /** Seed of the weight generator. Default 20240917. */
  readonly seed?: number;
  /** `llama.context_length` metadata, in tokens. Default 512; use 8192 for 8-shot GSM8K prompts. */
  readonly contextLength?: number;
  /** Transformer blocks. Default 2. */
  readonly blockCount?: number;
  /** Residual width. Default 64; must be a multiple of `headCount`, with an even head size. */
  readonly embeddingLength?: number;
  /** Attention heads. Default 4. */
  readonly headCount?: number;
  /** Key/value heads (grouped-query attention). Default 2; must divide `headCount`. */
  readonly headCountKv?: number;
  /** Width of the feed-forward layer. Default 128. */
  readonly feedForwardLength?: number;
  /** Spread of the random weights; larger gives peakier, more varied output. Default 0.5. */
  readonly weightScale?: number;
  /**
   * Logit offset of the end-of-sequence token. Default -20 (generation runs until maxTokens);
   * around 3 lets the model end its reply by itself now and then.
   */
  readonly endOfSequenceBias?: number;
  /** Include the Jinja chat template. Default true. */
  readonly chatTemplate?: boolean;
}

/** Jinja chat template stored in `tokenizer.chat_template`: `<|role|>` headers, turns end with `</s>`. */
export const tinyChatTemplate =
  "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + '</s>\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";

const alignment = 32;
/** Logit offset that keeps control, byte and digit tokens out of generated text. */
const suppressedBias = -20;

// GGUF metadata value types.
const valueType = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9 } as const;

type MetadataValue =
  | { type: 'uint32' | 'int32' | 'float32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; elementType: 'int32' | 'float32' | 'string'; value: readonly (number | string)[] };

interface Tensor {
  readonly name: string;
  /** ggml order: dims[0] is the contiguous dimension. */
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

/**
 * A seeded generator of uniform numbers in [0, 1): xorshift32 with a splitmix-style seed scramble.
 * Plain integer arithmetic, so the sequence is the same on every platform.
 */
function seededUniform(seed: number): () => number {
  let state = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** Builds the whole GGUF v3 file in memory. */
export function makeTinyGguf(options: TinyGgufOptions = {}): Uint8Array {
  const seed = options.seed ?? 20240917;
  const contextLength = options.contextLength ?? 512;
  const blockCount = options.blockCount ?? 2;
  const embedding = options.embeddingLength ?? 64;
  const headCount = options.headCount ?? 4;
  const headCountKv = options.headCountKv ?? 2;
  const feedForward = options.feedForwardLength ?? 128;
  const weightScale = options.weightScale ?? 0.5;
  const endOfSequenceBias = options.endOfSequenceBias ?? suppressedBias;
  const headSize = embedding / headCount;
  if (!Number.isInteger(headSize) || headSize % 2 !== 0) {
    throw new RangeError(`embeddingLength / headCount must be an even integer, got ${headSize}`);
  }
  if (headCount % headCountKv !== 0) throw new RangeError('headCountKv must divide headCount');

  const vocabulary = tinyVocabulary();
  const vocabularySize = vocabulary.tokens.length;
  const uniform = seededUniform(seed);
  // Irwin–Hall: the sum of 12 uniforms minus 6 has mean 0 and variance 1.
  const gaussian = (): number => {
    let sum = 0;
    for (let index = 0; index < 12; index++) sum += uniform();
    return sum - 6;
  };

  const tensors: Tensor[] = [];
  const addTensor = (name: string, dims: readonly number[], fill: () => number): Float32Array => {
    const data = new Float32Array(dims.reduce((product, dim) => product * dim, 1));
    for (let index = 0; index < data.length; index++) data[index] = fill();
    tensors.push({ name, dims, data });
    return data;
  };
  const projection = (fanIn: number) => () => (gaussian() * weightScale * 4) / Math.sqrt(fanIn);
  const ones = () => 1;
  const keyValueWidth = headSize * headCountKv;

  const tokenEmbedding = addTensor(
    'token_embd.weight',
    [embedding, vocabularySize],
    () => gaussian() * weightScale,
  );
  addTensor('output_norm.weight', [embedding], ones);
  const output = addTensor('output.weight', [embedding, vocabularySize], projection(embedding));
  // Residual channel 0 holds a constant that no layer writes to, so after the final RMS norm it is
  // positive and output.weight[token][0] acts as a per-token logit bias: only readable pieces win.
  for (let token = 0; token < vocabularySize; token++) {
    tokenEmbedding[token * embedding] = 2;
    output[token * embedding] = vocabulary.generatable[token]
      ? 0
      : token === vocabulary.endOfSequenceId
        ? endOfSequenceBias
        : suppressedBias;
  }
  for (let block = 0; block < blockCount; block++) {
    const prefix = `blk.${block}.`;
    addTensor(`${prefix}attn_norm.weight`, [embedding], ones);
    addTensor(`${prefix}attn_q.weight`, [embedding, embedding], projection(embedding));
    addTensor(`${prefix}attn_k.weight`, [embedding, keyValueWidth], projection(embedding));
    addTensor(`${prefix}attn_v.weight`, [embedding, keyValueWidth], projection(embedding));
    const attentionOutput = addTensor(
      `${prefix}attn_output.weight`,
      [embedding, embedding],
      projection(embedding),
    );
    addTensor(`${prefix}ffn_norm.weight`, [embedding], ones);
    addTensor(`${prefix}ffn_gate.weight`, [embedding, feedForward], projection(embedding));
    addTensor(`${prefix}ffn_up.weight`, [embedding, feedForward], projection(embedding));
    const feedForwardDown = addTensor(
      `${prefix}ffn_down.weight`,
      [feedForward, embedding],
      projection(feedForward),
    );
    // Row 0 of each (the weights producing residual channel 0) stays zero.
    attentionOutput.fill(0, 0, embedding);
    feedForwardDown.fill(0, 0, feedForward);
  }

  const metadata: [string, MetadataValue][] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'parity-tiny-llama' }],
    ['general.file_type', { type: 'uint32', value: 0 }],
    ['general.alignment', { type: 'uint32', value: alignment }],
    ['llama.context_length', { type: 'uint32', value: contextLength }],
    ['llama.embedding_length', { type: 'uint32', value: embedding }],
    ['llama.block_count', { type: 'uint32', value: blockCount }],
    ['llama.feed_forward_length', { type: 'uint32', value: feedForward }],
    ['llama.attention.head_count', { type: 'uint32', value: headCount }],
    ['llama.attention.head_count_kv', { type: 'uint32', value: headCountKv }],
    ['llama.rope.dimension_count', { type: 'uint32', value: headSize }],
    ['llama.rope.freq_base', { type: 'float32', value: 10000 }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'float32', value: 1e-5 }],
    ['llama.vocab_size', { type: 'uint32', value: vocabularySize }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'array', elementType: 'string', value: vocabulary.tokens }],
    ['tokenizer.ggml.scores', { type: 'array', elementType: 'float32', value: vocabulary.scores }],
    ['tokenizer.ggml.token_type', { type: 'array', elementType: 'int32', value: vocabulary.types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'uint32', value: vocabulary.unknownId }],
    ['tokenizer.ggml.bos_token_id', { type: 'uint32', value: vocabulary.beginOfSequenceId }],
    ['tokenizer.ggml.eos_token_id', { type: 'uint32', value: vocabulary.endOfSequenceId }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
  ];
  if (options.chatTemplate ?? true) {
    metadata.push(['tokenizer.chat_template', { type: 'string', value: tinyChatTemplate }]);
  }
  return serializeGguf(metadata, tensors);
}

/** Writes `makeTinyGguf(options)` to `path`. */
export async function writeTinyGguf(path: string, options: TinyGgufOptions = {}): Promise<void> {
  await writeFile(path, makeTinyGguf(options));
}

const encoder = new TextEncoder();

/** GGUF v3: header, metadata, tensor infos, padding, then F32 tensor data, each aligned to `alignment`. */
function serializeGguf(metadata: readonly [string, MetadataValue][], tensors: readonly Tensor[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const scratch = new DataView(new ArrayBuffer(8));
  const pushBytes = (bytes: Uint8Array) => {
    parts.push(bytes);
    size += bytes.length;
  };
  const pushScratch = (length: number) => pushBytes(new Uint8Array(scratch.buffer.slice(0, length)));
  const uint32 = (value: number) => (scratch.setUint32(0, value, true), pushScratch(4));
  const int32 = (value: number) => (scratch.setInt32(0, value, true), pushScratch(4));
  const float32 = (value: number) => (scratch.setFloat32(0, value, true), pushScratch(4));
  const uint64 = (value: number) => (scratch.setBigUint64(0, BigInt(value), true), pushScratch(8));
  const string = (value: string) => {
    const bytes = encoder.encode(value);
    uint64(bytes.length);
    pushBytes(bytes);
  };
  const scalar = (type: 'int32' | 'float32' | 'string', value: number | string) => {
    if (type === 'string') string(String(value));
    else if (type === 'int32') int32(Number(value));
    else float32(Number(value));
  };
  const padToAlignment = () => {
    const remainder = size % alignment;
    if (remainder !== 0) pushBytes(new Uint8Array(alignment - remainder));
  };

  pushBytes(encoder.encode('GGUF'));
  uint32(3);
  uint64(tensors.length);
  uint64(metadata.length);
  for (const [key, entry] of metadata) {
    string(key);
    uint32(valueType[entry.type]);
    if (entry.type === 'array') {
      uint32(valueType[entry.elementType]);
      uint64(entry.value.length);
      for (const element of entry.value) scalar(entry.elementType, element);
    } else if (entry.type === 'bool') pushBytes(new Uint8Array([entry.value ? 1 : 0]));
    else if (entry.type === 'string') string(entry.value);
    else if (entry.type === 'uint32') uint32(entry.value);
    else if (entry.type === 'int32') int32(entry.value);
    else float32(entry.value);
  }
  let dataOffset = 0;
  for (const tensor of tensors) {
    string(tensor.name);
    uint32(tensor.dims.length);
    for (const dim of tensor.dims) uint64(dim);
    uint32(0); // GGML_TYPE_F32
    uint64(dataOffset);
    dataOffset = Math.ceil((dataOffset + tensor.data.byteLength) / alignment) * alignment;
  }
  padToAlignment();
  for (const tensor of tensors) {
    const bytes = new Uint8Array(tensor.data.byteLength);
    const view = new DataView(bytes.buffer);
    for (let index = 0; index < tensor.data.length; index++) {
      view.setFloat32(index * 4, tensor.data[index] ?? 0, true);
    }
    pushBytes(bytes);
    padToAlignment();
  }
  const file = new Uint8Array(size);
  let position = 0;
  for (const part of parts) {
    file.set(part, position);
    position += part.length;
  }
  return file;
}

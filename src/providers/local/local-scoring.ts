import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';

/** Log-probabilities of a text's tokens, in the shape of OpenAI's completions `logprobs` (echo). */
export interface TokenLogprobs {
  readonly tokens: string[];
  /** The first token's is null (nothing precedes it). Natural log. */
  readonly tokenLogprobs: (number | null)[];
  /** Character offset of each token in the text. */
  readonly textOffsets: number[];
  /** The most likely token at each position and its log-probability; null for the first. */
  readonly topLogprobs: (Record<string, number> | null)[];
}

/** Smallest probability we take the log of, so an impossible token gives a finite, very low value. */
const probabilityFloor = 1e-45;

function withBos(model: LlamaModel, tokens: readonly Token[]): Token[] {
  const bos = model.tokens.bos;
  return bos !== null && model.tokens.shouldPrependBosToken ? [bos, ...tokens] : [...tokens];
}

/**
 * Evaluates `tokens` on a cleared sequence and returns, for each index i ≥ `from` (and ≥ 1), the probability
 * distribution the model gave for token i after tokens[0..i). Full softmax at temperature 1.
 */
async function nextTokenDistributions(
  sequence: LlamaContextSequence,
  tokens: readonly Token[],
  from: number,
): Promise<(ReadonlyMap<Token, number> | undefined)[]> {
  await sequence.clearHistory();
  const start = Math.max(1, from);
  const outputs = await sequence.controlledEvaluate(
    tokens.map((token, index) =>
      index >= start - 1 && index < tokens.length - 1
        ? [token, { generateNext: { probabilities: true } }]
        : token,
    ),
  );
  return tokens.map((_token, index) => (index >= start ? outputs[index - 1]?.next.probabilities : undefined));
}

/**
 * Sum of log-probabilities of `continuation`'s tokens after `context`, tokenized as lm-eval does: the pair is
 * tokenized whole and the continuation is what follows the context's own tokens. Also whether every
 * continuation token is the most likely one (greedy).
 */
export async function scoreContinuation(options: {
  model: LlamaModel;
  sequence: LlamaContextSequence;
  context: string;
  continuation: string;
}): Promise<{ logLikelihood: number; isGreedy: boolean; tokens: number }> {
  const { model } = options;
  const contextTokens = withBos(model, model.tokenize(options.context));
  const wholeTokens = withBos(model, model.tokenize(options.context + options.continuation));
  const from = Math.min(contextTokens.length, wholeTokens.length - 1);
  const distributions = await nextTokenDistributions(options.sequence, wholeTokens, from);
  let logLikelihood = 0;
  let isGreedy = true;
  for (let index = Math.max(1, from); index < wholeTokens.length; index++) {
    const distribution = distributions[index];
    const token = wholeTokens[index] as Token;
    const probability = distribution?.get(token) ?? 0;
    logLikelihood += Math.log(Math.max(probability, probabilityFloor));
    let best: Token | undefined;
    let bestProbability = -1;
    for (const [candidate, value] of distribution ?? []) {
      if (value > bestProbability) {
        best = candidate;
        bestProbability = value;
      }
    }
    if (best !== token) isGreedy = false;
  }
  return { logLikelihood, isGreedy, tokens: wholeTokens.length };
}

/** Every token of `text` with its log-probability given the tokens before it (OpenAI `echo` + `logprobs`). */
export async function scoreText(options: {
  model: LlamaModel;
  sequence: LlamaContextSequence;
  text: string;
}): Promise<TokenLogprobs> {
  const { model, text } = options;
  const raw = model.tokenize(text);
  const tokens = withBos(model, raw);
  const distributions = await nextTokenDistributions(options.sequence, tokens, 1);
  const offset = tokens.length - raw.length;
  const pieces: string[] = [];
  const textOffsets: number[] = [];
  const prefixes: string[] = [];
  let previous = '';
  for (let index = 0; index < raw.length; index++) {
    const decoded = model.detokenize(raw.slice(0, index + 1));
    prefixes.push(previous);
    pieces.push(decoded.slice(previous.length));
    textOffsets.push(previous.length);
    previous = decoded;
  }
  // A candidate token's text as it would read at this position (leading spaces included).
  const pieceAt = (index: number, token: Token) =>
    model.detokenize([...raw.slice(0, index), token]).slice((prefixes[index] ?? '').length);
  // Detokenizing may drop a leading space the tokenizer added; keep offsets relative to the given text.
  const shift = text.length - previous.length;
  const tokenLogprobs: (number | null)[] = [];
  const topLogprobs: (Record<string, number> | null)[] = [];
  for (let index = 0; index < raw.length; index++) {
    const distribution = distributions[index + offset];
    if (!distribution) {
      tokenLogprobs.push(null);
      topLogprobs.push(null);
      continue;
    }
    tokenLogprobs.push(Math.log(Math.max(distribution.get(raw[index] as Token) ?? 0, probabilityFloor)));
    let best: Token | undefined;
    let bestProbability = -1;
    for (const [candidate, value] of distribution) {
      if (value > bestProbability) {
        best = candidate;
        bestProbability = value;
      }
    }
    topLogprobs.push(
      best === undefined
        ? null
        : { [pieceAt(index, best)]: Math.log(Math.max(bestProbability, probabilityFloor)) },
    );
  }
  return {
    tokens: pieces,
    tokenLogprobs,
    textOffsets: textOffsets.map((value) => Math.max(0, value + shift)),
    topLogprobs,
  };
}

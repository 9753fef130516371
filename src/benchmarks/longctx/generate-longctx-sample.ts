import type { LongctxSpec, LongctxTask } from './longctx-data.ts';
import { distinct, randomSevenDigits, randomVariableName, randomWordKey } from './needle-words.ts';
import { seededRandom, type SeededRandom } from './seeded-random.ts';

/** The generated prompt: the user message, the reply's start, and the strings a right answer contains. */
export interface LongctxSample {
  readonly userMessage: string;
  readonly answerPrefix: string;
  readonly query: string;
  readonly answers: readonly string[];
}

/** RULER's "noise" haystack sentence (NVIDIA/RULER scripts/data/synthetic/niah.py line 89). */
export const noiseSentence =
  'The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again.';

/** Tokens kept free for the answer (RULER synthetic.yaml: niah generates up to 128 tokens, vt 30). */
export function answerTokens(task: LongctxTask): number {
  return task === 'vt' ? 30 : 128;
}

/** The seed string of one item: the run seed and the item id, so every item has its own stream. */
export function longctxItemId(spec: Pick<LongctxSpec, 'task' | 'tokens' | 'depth' | 'index'>): string {
  return `${spec.task}/${spec.tokens}/d${spec.depth}/${spec.index}`;
}

interface Framed {
  readonly before: string;
  readonly after: string;
  readonly answerPrefix: string;
  readonly query: string;
  readonly answers: readonly string[];
  /** Lines to place in the haystack: `first` at the spec's depth, `rest` at random lines (in order for VT). */
  readonly first: string;
  readonly rest: readonly string[];
  readonly restInOrder: boolean;
}

// NIAH templates: NVIDIA/RULER scripts/data/synthetic/constants.py lines 27-28, with niah.py lines 193-198's
// singular rewrite when one value is asked for; the needle is niah.py line 83.
function niah(random: SeededRandom, keyCount: number, valueCount: number): Framed {
  const keys = distinct(keyCount, () => randomWordKey(random));
  const values = keys.map(() => distinct(valueCount, () => randomSevenDigits(random)));
  const asked = random.below(keyCount);
  const query = keys[asked] as string;
  const needles = keys.flatMap((key, keyIndex) =>
    (values[keyIndex] ?? []).map((value) => `One of the special magic numbers for ${key} is: ${value}.`),
  );
  const askedNeedles = needles.filter((needle) => needle.includes(`for ${query} is:`));
  const others = needles.filter((needle) => !needle.includes(`for ${query} is:`));
  const single = valueCount === 1;
  return {
    before: single
      ? 'A special magic number is hidden within the following text. Make sure to memorize it. I will quiz you about the number afterwards.\n'
      : 'Some special magic numbers are hidden within the following text. Make sure to memorize it. I will quiz you about the numbers afterwards.\n',
    after: single
      ? `\nWhat is the special magic number for ${query} mentioned in the provided text?`
      : `\nWhat are all the special magic numbers for ${query} mentioned in the provided text?`,
    answerPrefix: single
      ? `The special magic number for ${query} mentioned in the provided text is`
      : `The special magic numbers for ${query} mentioned in the provided text are`,
    query,
    answers: values[asked] ?? [],
    first: askedNeedles[0] as string,
    rest: [...askedNeedles.slice(1), ...others],
    restInOrder: false,
  };
}

// Variable tracking: NVIDIA/RULER scripts/data/synthetic/variable_tracking.py lines 93-114 (one chain of 4
// hops, five-letter names, a 5-digit value) and constants.py lines 33-34 (template and answer prefix).
function variableTracking(random: SeededRandom): Framed {
  const names = distinct(5, () => randomVariableName(random));
  const value = String(10_000 + random.below(90_000));
  const chain = names.map((name, index) =>
    index === 0 ? `VAR ${name} = ${value}` : `VAR ${name} = VAR ${names[index - 1] as string}`,
  );
  return {
    before: 'Memorize and track the chain(s) of variable assignment hidden in the following text.\n\n',
    after: `\nQuestion: Find all variables that are assigned the value ${value} in the text above.`,
    answerPrefix: `Answer: According to the chain(s) of variable assignment in the text above, ${names.length} variables are assigned the value ${value}, they are:`,
    query: value,
    answers: names,
    first: chain[0] as string,
    rest: chain.slice(1),
    restInOrder: true,
  };
}

function frame(task: LongctxTask, random: SeededRandom): Framed {
  switch (task) {
    case 'niah_single':
      return niah(random, 1, 1);
    case 'niah_multikey':
      return niah(random, 4, 1);
    case 'niah_multivalue':
      return niah(random, 1, 4);
    case 'vt':
      return variableTracking(random);
  }
}

/**
 * Generates one item's prompt from its spec alone: the same spec gives the same bytes on every platform. The
 * haystack is `noiseSentence` lines, as many as fit `tokens × charsPerToken` characters after the template,
 * the needles and the answer's tokens; the first needle goes at line round(lines × depth / 100), the others at
 * random lines (VT's chain keeps its order, after the first).
 */
export function generateLongctxSample(spec: LongctxSpec): LongctxSample {
  const random = seededRandom(`${spec.seed}/${longctxItemId(spec)}`);
  const framed = frame(spec.task, random);
  const fixedChars =
    framed.before.length +
    framed.after.length +
    framed.answerPrefix.length +
    [framed.first, ...framed.rest].reduce((sum, line) => sum + line.length + 1, 0);
  const budgetChars = Math.floor((spec.tokens - answerTokens(spec.task)) * spec.charsPerToken) - fixedChars;
  const lineCount = Math.max(1, Math.floor(budgetChars / (noiseSentence.length + 1)));
  // slots[i] holds the needles placed before noise line i (i = lineCount: after the last line).
  const slots: string[][] = Array.from({ length: lineCount + 1 }, () => []);
  const firstSlot = Math.round((lineCount * spec.depth) / 100);
  slots[firstSlot]?.push(framed.first);
  if (framed.restInOrder) {
    const positions = framed.rest
      .map(() => firstSlot + random.below(lineCount + 1 - firstSlot))
      .sort((a, b) => a - b);
    framed.rest.forEach((line, index) => slots[positions[index] as number]?.push(line));
  } else {
    for (const line of framed.rest) slots[random.below(lineCount + 1)]?.push(line);
  }
  const lines: string[] = [];
  for (let index = 0; index <= lineCount; index += 1) {
    lines.push(...(slots[index] ?? []));
    if (index < lineCount) lines.push(noiseSentence);
  }
  return {
    userMessage: `${framed.before}${lines.join('\n')}${framed.after}`,
    answerPrefix: framed.answerPrefix,
    query: framed.query,
    answers: framed.answers,
  };
}

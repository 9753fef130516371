import type { PyValue } from './py-value.ts';

/** BFCL's single-turn AST categories parity runs, in report order (upstream test category names). */
export const bfclCategories = [
  'simple_python',
  'simple_java',
  'simple_javascript',
  'multiple',
  'parallel',
  'parallel_multiple',
  'irrelevance',
  'live_simple',
  'live_multiple',
  'live_parallel',
  'live_parallel_multiple',
] as const;

export type BfclCategory = (typeof bfclCategories)[number];

/** The language whose type rules the checker applies (upstream `Language`). */
export type BfclLanguage = 'python' | 'java' | 'javascript';

export function categoryLanguage(category: BfclCategory): BfclLanguage {
  if (category === 'simple_java') return 'java';
  if (category === 'simple_javascript') return 'javascript';
  return 'python';
}

/** One expected call: the function's name and, per parameter, every acceptable value (`""`: may be omitted). */
export interface GroundTruthCall {
  readonly name: string;
  readonly params: ReadonlyMap<string, readonly PyValue[]>;
}

export interface BfclData {
  readonly category: BfclCategory;
  /** The single turn's messages, as in the file. */
  readonly messages: readonly { readonly role: 'system' | 'user'; readonly content: string }[];
  /** The function docs as in the file (`{name, description, parameters}` dicts), int/float kept apart. */
  readonly functions: readonly PyValue[];
  /** Expected calls; empty for `irrelevance` (no call is the right answer). */
  readonly groundTruth: readonly GroundTruthCall[];
}

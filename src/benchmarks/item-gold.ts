import type { Item, ItemGold, Protocol } from '../spec/index.ts';

// The gold answer of an item for display (drill-down, exports, reports; docs/decisions/0167-gold-answers.md).
// Benchmarks need not implement anything: the usual fields of `item.data` are read, then the protocol's
// reference completion. A protocol that knows better gives `Protocol.gold`.

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Choices as shown: "A. text" for a list of strings, "<letter>. <text>" for {letter, text} entries. */
function choicesOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const shown: string[] = [];
  for (const [index, choice] of value.entries()) {
    const plain = text(choice);
    const entry = record(choice);
    const label = text(entry?.letter) ?? text(entry?.label) ?? letters[index] ?? String(index + 1);
    const body = plain ?? text(entry?.text);
    if (body === undefined) return undefined;
    shown.push(`${label}. ${body}`);
  }
  return shown;
}

/** The instruction ids of an instruction-following item (IFEval): what is checked, as there is no gold text. */
function instructionsOf(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const ids = value.map((entry) => text(record(entry)?.id) ?? text(entry)).filter((id) => id !== undefined);
  return ids.length === value.length ? `follows: ${ids.join(', ')}` : undefined;
}

/**
 * The item's gold answer: `protocol.gold` when the protocol has it; else `data.target`, `data.answer` (with
 * `data.choices` for multiple choice), the protocol's reference completion, or the instructions checked
 * (IFEval). Undefined when none of them says anything.
 */
export function itemGold(protocol: Protocol, item: Item): ItemGold | undefined {
  if (protocol.gold) return protocol.gold(item);
  const data = record(item.data);
  const choices = choicesOf(data?.choices);
  const target = text(data?.target) ?? text(data?.answer);
  if (target !== undefined) return choices ? { target, choices } : { target };
  let reference = '';
  try {
    reference = protocol.referenceCompletion(item);
  } catch {
    reference = '';
  }
  if (reference.trim() !== '') return choices ? { target: reference, choices } : { target: reference };
  const instructions = instructionsOf(data?.instructions);
  return instructions === undefined ? undefined : { target: instructions };
}

/** Gold answers of a run's planned items by item id, as the store records them (items without one left out). */
export function runGold(protocol: Protocol, items: readonly Item[]): Map<string, ItemGold> {
  const gold = new Map<string, ItemGold>();
  for (const item of items) {
    const entry = itemGold(protocol, item);
    if (entry) gold.set(item.id, entry);
  }
  return gold;
}

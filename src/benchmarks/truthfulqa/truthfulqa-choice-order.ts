/** FNV-1a (32 bit) of the text's UTF-16 code units: a fixed seed per question. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The order in which the generative protocol shows a question's choices: a Fisher-Yates shuffle of the indices
 * 0…count-1 seeded by the question text, so the true MC1 answer (first in the file) is not always "A", and
 * every run, machine and version of Node shows the same order. `order[k]` is the file index shown as letter k.
 */
export function truthfulqaChoiceOrder(question: string, count: number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  const random = mulberry32(fnv1a(question));
  for (let index = count - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] ?? other, order[index] ?? index];
  }
  return order;
}

/** SentencePiece-style vocabulary of the tiny test model (see tiny-gguf.ts). */
export interface TinyVocabulary {
  readonly tokens: readonly string[];
  /** Merge priority: SentencePiece merges the pair whose result has the highest score first. */
  readonly scores: readonly number[];
  /** GGUF token types: 1 normal, 2 unknown, 3 control, 6 byte. */
  readonly types: readonly number[];
  /** Whether the model may emit the token (readable lowercase text only). */
  readonly generatable: readonly boolean[];
  readonly unknownId: number;
  readonly beginOfSequenceId: number;
  readonly endOfSequenceId: number;
}

const spaceMarker = '\u2581';
/** Whole words are built from their prefixes, because SentencePiece only merges into pieces it knows. */
const words = ['the', 'and', 'is', 'best', 'answer', 'of', 'to', 'it', 'on'];
const fragments = ['er', 'in', 'ing', 'on', 'an', 'at', 'he', 're', 'es', 'st'];
const letters = [...'abcdefghijklmnopqrstuvwxyz'];
const punctuation = ['.', ',', '!', '?', "'", '-'];
const digits = [...'0123456789'];

/** Builds the vocabulary: `<unk>`, `<s>`, `</s>`, 256 byte-fallback tokens, then the normal pieces. */
export function tinyVocabulary(): TinyVocabulary {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const generatable: boolean[] = [];
  const seen = new Set<string>();
  const add = (piece: string, type: number, options: { score?: number; generatable?: boolean } = {}) => {
    if (seen.has(piece)) return;
    seen.add(piece);
    tokens.push(piece);
    types.push(type);
    scores.push(options.score ?? 0);
    generatable.push(options.generatable ?? false);
  };
  add('<unk>', 2);
  add('<s>', 3);
  add('</s>', 3);
  for (let byte = 0; byte < 256; byte++) {
    add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, 6);
  }
  let rank = 0;
  const addNormal = (piece: string, isGeneratable = true) => {
    rank += 1;
    // Longer pieces score higher so that they are merged before shorter ones.
    add(piece, 1, { score: piece.length * 10 - rank / 100, generatable: isGeneratable });
  };
  for (const word of words) {
    for (let length = 1; length <= word.length; length++) addNormal(spaceMarker + word.slice(0, length));
  }
  for (const fragment of fragments) {
    for (let length = 2; length <= fragment.length; length++) addNormal(fragment.slice(0, length));
  }
  addNormal(spaceMarker);
  for (const piece of [...letters, ...punctuation]) addNormal(piece);
  for (const digit of digits) addNormal(digit, false);
  return {
    tokens,
    scores,
    types,
    generatable,
    unknownId: 0,
    beginOfSequenceId: 1,
    endOfSequenceId: 2,
  };
}

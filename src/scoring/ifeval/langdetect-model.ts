import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ifevalDataDirectory } from './ifeval-data-directory.ts';

/**
 * The language profiles of `langdetect` 1.0.9 (Cybozu Labs' n-gram frequencies for 55 languages) and its
 * character normalisation tables, ready for detection: for each 1-3 character n-gram, the probability
 * `freq / n_words[len - 1]` in each language that has it (0 elsewhere), as langdetect's factory computes it. Stored
 * sparsely (87,598 n-grams, 184,129 non-zero probabilities): the entries of n-gram `id` are
 * `entryStart[id] .. entryStart[id + 1] - 1`, in language order.
 */
export interface LangdetectModel {
  /** Language codes in profile order (alphabetical). */
  readonly languages: readonly string[];
  /** n-gram → its id. An n-gram without an id is unknown to every language. */
  readonly ngramIds: ReadonlyMap<string, number>;
  readonly entryStart: Uint32Array;
  /** Language index of each entry. */
  readonly entryLanguage: Uint8Array;
  /** `freq / n_words[len - 1]` of each entry. */
  readonly entryProbability: Float64Array;
  /** CJK ideograph → the representative of its cluster (`NGram.CJK_MAP`). */
  readonly kanjiRepresentative: ReadonlyMap<string, string>;
  /** Latin-1 characters normalised to a space (`NGram.LATIN1_EXCLUDE`). */
  readonly latin1Excluded: string;
  /** Vietnamese base letters, combining marks and, per mark, the precomposed letters (`NGram.normalize_vi`). */
  readonly vietnamese: {
    readonly letters: string;
    readonly marks: string;
    readonly composed: readonly string[];
  };
}

interface Profile {
  readonly name: string;
  readonly n_words: readonly number[];
  readonly freq: Readonly<Record<string, number>>;
}

const messagesSchema = z.object({
  latin1Excluded: z.string(),
  kanjiClasses: z.array(z.string()),
  vietnamese: z.object({ letters: z.string(), marks: z.string(), composed: z.array(z.string()).length(5) }),
});

let cached: LangdetectModel | undefined;

/** Reads and indexes the shipped profiles once per process (about 2 MB of JSON). */
export function langdetectModel(): LangdetectModel {
  cached ??= buildModel(
    readProfiles(join(ifevalDataDirectory, 'langdetect-profiles.json')),
    messagesSchema.parse(
      JSON.parse(readFileSync(join(ifevalDataDirectory, 'langdetect-messages.json'), 'utf8')),
    ),
  );
  return cached;
}

/** The profiles file is parity's own data, so its shape is checked by hand (zod over 184k entries takes seconds). */
function readProfiles(file: string): Profile[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const profiles = (data as { profiles?: unknown }).profiles;
  const valid =
    Array.isArray(profiles) &&
    profiles.every(
      (profile: Partial<Profile>) =>
        typeof profile.name === 'string' &&
        Array.isArray(profile.n_words) &&
        profile.n_words.length === 3 &&
        typeof profile.freq === 'object' &&
        profile.freq !== null,
    );
  if (!valid) throw new Error(`${file}: expected {"profiles": [{name, n_words: [3 numbers], freq}]}`);
  return profiles as Profile[];
}

/** Length in code points, as Python's `len`. */
function codePointLength(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) length--;
  }
  return length;
}

function buildModel(profiles: readonly Profile[], messages: z.infer<typeof messagesSchema>): LangdetectModel {
  const sorted = [...profiles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ngramIds = new Map<string, number>();
  const ids: number[] = [];
  const languages: number[] = [];
  const probabilities: number[] = [];
  sorted.forEach((profile, language) => {
    for (const ngram in profile.freq) {
      let id = ngramIds.get(ngram);
      if (id === undefined) {
        id = ngramIds.size;
        ngramIds.set(ngram, id);
      }
      const length = codePointLength(ngram);
      if (length < 1 || length > 3) continue;
      ids.push(id);
      languages.push(language);
      probabilities.push((profile.freq[ngram] as number) / (profile.n_words[length - 1] as number));
    }
  });
  // Counting sort by n-gram id; entries of one id stay in language order.
  const entryStart = new Uint32Array(ngramIds.size + 1);
  for (const id of ids) entryStart[id + 1] = (entryStart[id + 1] as number) + 1;
  for (let id = 0; id < ngramIds.size; id++) {
    entryStart[id + 1] = (entryStart[id + 1] as number) + (entryStart[id] as number);
  }
  const fill = entryStart.slice(0, -1);
  const entryLanguage = new Uint8Array(ids.length);
  const entryProbability = new Float64Array(ids.length);
  ids.forEach((id, index) => {
    const position = fill[id] as number;
    fill[id] = position + 1;
    entryLanguage[position] = languages[index] as number;
    entryProbability[position] = probabilities[index] as number;
  });
  const kanjiRepresentative = new Map<string, string>();
  for (const cluster of messages.kanjiClasses) {
    const characters = [...cluster];
    const representative = characters[0];
    if (representative === undefined) continue;
    for (const character of characters) kanjiRepresentative.set(character, representative);
  }
  return {
    languages: sorted.map((profile) => profile.name),
    ngramIds,
    entryStart,
    entryLanguage,
    entryProbability,
    kanjiRepresentative,
    latin1Excluded: messages.latin1Excluded,
    vietnamese: messages.vietnamese,
  };
}

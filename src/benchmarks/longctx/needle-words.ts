import type { SeededRandom } from './seeded-random.ts';

// parity's own word lists for needle keys (RULER draws "adjective-noun" keys from the wonderwords package,
// NVIDIA/RULER scripts/data/synthetic/niah.py lines 113-115; these lists are written for parity).
const adjectives = [
  'amber',
  'ancient',
  'brave',
  'bright',
  'calm',
  'clever',
  'crimson',
  'curious',
  'daring',
  'distant',
  'eager',
  'early',
  'faint',
  'fancy',
  'fierce',
  'gentle',
  'golden',
  'grand',
  'hidden',
  'hollow',
  'humble',
  'icy',
  'jolly',
  'keen',
  'lively',
  'lucky',
  'mellow',
  'misty',
  'noble',
  'odd',
  'pale',
  'proud',
  'quiet',
  'rapid',
  'rusty',
  'silent',
  'silver',
  'sleepy',
  'steady',
  'swift',
  'tender',
  'tiny',
  'vivid',
  'wandering',
  'wild',
  'wise',
  'witty',
  'young',
] as const;

const nouns = [
  'anchor',
  'badger',
  'banjo',
  'beacon',
  'canyon',
  'castle',
  'comet',
  'cradle',
  'dolphin',
  'ember',
  'falcon',
  'feather',
  'fountain',
  'garden',
  'glacier',
  'harbor',
  'hedgehog',
  'island',
  'jacket',
  'kettle',
  'lantern',
  'meadow',
  'mirror',
  'monsoon',
  'nectar',
  'orchard',
  'otter',
  'parrot',
  'pebble',
  'pillow',
  'quarry',
  'rabbit',
  'ribbon',
  'saddle',
  'sparrow',
  'spindle',
  'thimble',
  'thunder',
  'tulip',
  'umbrella',
  'valley',
  'violin',
  'walrus',
  'willow',
  'window',
  'yacht',
  'zephyr',
  'zipper',
] as const;

/** A random "adjective-noun" key such as "misty-lantern". */
export function randomWordKey(random: SeededRandom): string {
  return `${adjectives[random.below(adjectives.length)]}-${nouns[random.below(nouns.length)]}`;
}

/** A random 7-digit number as text, first digit not 0 (RULER `generate_random_number(num_digits=7)`). */
export function randomSevenDigits(random: SeededRandom): string {
  return String(1_000_000 + random.below(9_000_000));
}

/** A random variable name of five capital letters (RULER variable_tracking.py line 98, k = 5). */
export function randomVariableName(random: SeededRandom): string {
  let name = '';
  for (let index = 0; index < 5; index += 1) name += String.fromCharCode(65 + random.below(26));
  return name;
}

/** `count` distinct values from `draw` (redraws on a repeat). */
export function distinct(count: number, draw: () => string): string[] {
  const values = new Set<string>();
  while (values.size < count) values.add(draw());
  return [...values];
}

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ifevalDataDirectory } from '../../src/scoring/ifeval/ifeval-data-directory.ts';

/**
 * Reference verdicts from the Python libraries IFEval's checker uses, installed from Debian (`python3-langdetect`,
 * `python3-nltk`; `.ci/run` installs both). Debian ships no NLTK data, so Punkt is built from parity's copy of the
 * English model (the same parameters NLTK's `punkt/english.pickle` holds) and only the algorithm is NLTK's.
 */
const python = '/usr/bin/python3';

/** Why the reference cannot run here, or undefined when it can. */
export function pythonReferenceUnavailable(): string | undefined {
  if (!existsSync(python)) return `no ${python}`;
  const probe = spawnSync(python, ['-c', 'import langdetect, nltk.tokenize.punkt'], { encoding: 'utf8' });
  if (probe.status !== 0)
    return 'python3-langdetect or python3-nltk is not installed (.ci/run installs them)';
  return undefined;
}

const punktSetup = `
import json, sys
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from nltk.tokenize.destructive import NLTKWordTokenizer
folder = sys.argv[1]
lines = lambda name: [line[:-1] for line in open(folder + "/" + name, encoding="utf-8") if line != "\\n"]
parameters = PunktParameters()
parameters.abbrev_types = set(lines("abbrev_types.txt"))
parameters.collocations = set(tuple(line.split("\\t")) for line in lines("collocations.tab"))
parameters.sent_starters = set(lines("sent_starters.txt"))
for line in lines("ortho_context.tab"):
    word, flags = line.rsplit("\\t", 1)
    parameters.ortho_context[word] = int(flags)
sentences = PunktSentenceTokenizer(parameters)
words = NLTKWordTokenizer()
texts = json.load(sys.stdin)
`;

/**
 * Under `npm run mutate` (scripts/mutate.mjs sets PARITY_MUTATE_TESTS) the same Python reference is asked for
 * once per mutant; its answers do not depend on parity's code, so they are kept in a temporary file keyed by the
 * script, its arguments (the Stryker sandbox's own data folder) and the texts. `npm test` always runs Python.
 */
const cacheReference = process.env.PARITY_MUTATE_TESTS !== undefined;

function run(script: string, texts: readonly string[], args: readonly string[] = []): unknown {
  const input = JSON.stringify(texts);
  const key = createHash('sha256')
    .update(JSON.stringify([script, args, input]))
    .digest('hex');
  const cacheFile = join(tmpdir(), 'parity-python-reference', `${key}.json`);
  if (cacheReference && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8'));
  const output = execFileSync(python, ['-c', script, ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (cacheReference) {
    mkdirSync(join(tmpdir(), 'parity-python-reference'), { recursive: true });
    writeFileSync(cacheFile, output);
  }
  return JSON.parse(output);
}

/** `langdetect.detect(text)` with `DetectorFactory.seed = seed`; null where langdetect raises. */
export function pythonLangdetect(texts: readonly string[], seed: number): Array<string | null> {
  const script = `
import json, sys
from langdetect import DetectorFactory, LangDetectException, detect
DetectorFactory.seed = int(sys.argv[1])
def verdict(text):
    try:
        return detect(text)
    except LangDetectException:
        return None
print(json.dumps([verdict(text) for text in json.load(sys.stdin)]))
`;
  return run(script, texts, [String(seed)]) as Array<string | null>;
}

/** `PunktSentenceTokenizer(english).tokenize(text)` for each text. */
export function pythonPunktSentences(texts: readonly string[]): string[][] {
  const script = `${punktSetup}\nprint(json.dumps([sentences.tokenize(text) for text in texts]))`;
  return run(script, texts, [join(ifevalDataDirectory, 'punkt-english')]) as string[][];
}

/** `nltk.word_tokenize(text)`: Punkt sentences, each split by `NLTKWordTokenizer`. */
export function pythonWordTokenize(texts: readonly string[]): string[][] {
  const script = `${punktSetup}\nprint(json.dumps([[word for sentence in sentences.tokenize(text) for word in words.tokenize(sentence)] for text in texts]))`;
  return run(script, texts, [join(ifevalDataDirectory, 'punkt-english')]) as string[][];
}

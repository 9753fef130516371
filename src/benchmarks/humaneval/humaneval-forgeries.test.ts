import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from '../../scoring/sandbox/create-python-executor.ts';
import type { Item } from '../../spec/index.ts';
import { forgerySnippets } from '../../../test/support/forgery-snippets.ts';
import { humanEvalBase } from './humaneval-base.ts';
import type { HumanEvalData } from './humaneval-data.ts';

const available = existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/python3');

const item: Item<HumanEvalData> = {
  id: 'forgery/0',
  data: {
    prompt: 'def add(a: int, b: int) -> int:\n    """Return a + b."""\n',
    canonicalSolution: '    return a + b\n',
    test: 'def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 1) == 0\n',
    entryPoint: 'add',
  },
};

describe.skipIf(!available)(
  'HumanEval: a wrong solution cannot make itself pass (skipped: needs /usr/bin/bwrap and /usr/bin/python3)',
  () => {
    for (const isolation of ['bubblewrap', 'none'] as const) {
      const executor = createPythonExecutor({
        isolation,
        timeoutMs: 5000,
        parallelism: 2,
        effectiveUid: process.geteuid?.() ?? 1000,
        monotonicMs: () => performance.now(),
      });
      const score = async (completion: string) =>
        (await humanEvalBase.scoreAsync!(item, completion, { executor })).scores.passed;

      for (const [name, snippet] of Object.entries(forgerySnippets)) {
        it(`${isolation}: ${name} fails; the honest solution after it passes`, async () => {
          expect(await score(`    return a - b\n\n${snippet}\n`)).toBe(0);
          expect(await score(item.data.canonicalSolution)).toBe(1);
        });
      }
    }
  },
);

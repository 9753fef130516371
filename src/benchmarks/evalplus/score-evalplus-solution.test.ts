import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from '../../scoring/sandbox/create-python-executor.ts';
import type { EvalPlusData } from './evalplus-data.ts';
import { evalPlusSanitizerPython } from './evalplus-sanitizer-python.ts';
import { scoreEvalPlusSolution } from './score-evalplus-solution.ts';

const available = existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/python3');

const executor = createPythonExecutor({
  isolation: 'bubblewrap',
  timeoutMs: 5000,
  parallelism: 2,
  effectiveUid: process.geteuid?.() ?? 1000,
  monotonicMs: () => performance.now(),
});

/** A task whose base inputs are small and whose plus inputs reach where a lazy solution breaks. */
const isPrime: EvalPlusData = {
  dataset: 'humaneval',
  taskId: 'Test/0',
  prompt: 'def is_prime(n):\n    """True when n is prime."""\n',
  entryPoint: 'is_prime',
  canonicalSolution:
    '    if n < 2:\n        return False\n    k = 2\n    while k * k <= n:\n        if n % k == 0:\n            return False\n        k += 1\n    return True\n',
  atol: 0,
  baseInputJson: '[[1], [2], [4], [97], [100]]',
  plusInputJson: '[[1], [2], [4], [97], [100], [10403]]',
};

const score = (data: EvalPlusData, solution: string, sanitize = false) =>
  scoreEvalPlusSolution(executor, data, solution, { sanitize });

describe.skipIf(!available)(
  'EvalPlus scoring in the sandbox (skipped: needs /usr/bin/bwrap and /usr/bin/python3)',
  () => {
    it('passes the canonical program on base and plus tests', async () => {
      const result = await score(isPrime, `${isPrime.prompt}${isPrime.canonicalSolution}`);
      expect(result.scores).toEqual({ passed: 1, base_passed: 1 });
      expect(result.extracted).toBe('base: passed\nplus: passed');
    });

    it('a solution that passes the base tests but fails a plus input scores base 1, plus 0, naming the input', async () => {
      const lazy = 'def is_prime(n):\n    return n > 1 and all(n % k for k in range(2, min(n, 50)))\n';
      const result = await score(isPrime, lazy);
      expect(result.scores).toEqual({ passed: 0, base_passed: 1 });
      expect(result.extracted).toContain('plus test 6 of 6, input [10403]: expected False, got True');
    });

    it('does not run the plus tests of a solution that failed the base ones; an exception names its input', async () => {
      const result = await score(isPrime, 'def is_prime(n):\n    return {1: False, 2: True}[n]\n');
      expect(result.scores).toEqual({ passed: 0, base_passed: 0 });
      expect(result.extracted).toMatch(
        /^base: failed\n[\s\S]*base test 3 of 5, input \[4\]: raised KeyError\(4\)\nplus: not run$/,
      );
    });

    it('limits each input to max(4 s, 4 × the ground truth time): a solution stuck on one input fails there', async () => {
      const stuck =
        'import time\ndef is_prime(n):\n    if n == 97:\n        time.sleep(30)\n    return n in (2, 97)\n';
      const started = performance.now();
      const result = await score(isPrime, stuck);
      expect(result.scores).toEqual({ passed: 0, base_passed: 0 });
      expect(result.extracted).toContain('base test 4 of 5, input [97]: timed out after 4.0 s');
      expect(performance.now() - started).toBeLessThan(15_000);
    });

    it('counts loading the solution against the suite time, min(60 s, Σ limits) + 1 s', async () => {
      const one = { ...isPrime, baseInputJson: '[[2]]' };
      const started = performance.now();
      const result = await score(one, 'while True:\n    pass\n');
      expect(result.scores).toEqual({ passed: 0, base_passed: 0 });
      expect(result.extracted).toContain(
        'base: the solution did not finish loading within the suite time (5.0 s)',
      );
      expect(performance.now() - started).toBeLessThan(15_000);
    });

    it('compares floats with atol 1e-6 when the task has none, and then keeps that tolerance (as upstream)', async () => {
      const half: EvalPlusData = {
        ...isPrime,
        prompt: '',
        entryPoint: 'f',
        canonicalSolution: 'def f(x):\n    return x / 2\n',
        baseInputJson: '[[1.0], [100000000]]',
        plusInputJson: '[]',
      };
      // 0.5000004 is within 1e-6 of 0.5; 50000004 is within 1e-6 + 1e-7 × 5e7 of 50000000.0 once atol is set.
      const close = 'def f(x):\n    return x / 2 + (4e-7 if x == 1.0 else 4.0)\n';
      expect((await score(half, close)).scores).toEqual({ passed: 1, base_passed: 1 });
      const far = 'def f(x):\n    return x / 2 + 2e-6\n';
      expect((await score(half, far)).extracted).toContain(
        'base test 1 of 2, input [1.0]: expected 0.5, got 0.500002',
      );
    });

    it('converts MBPP+ inputs as EvalPlus does (tuples) and applies its set-equality oracle', async () => {
      const similar: EvalPlusData = {
        dataset: 'mbpp',
        taskId: 'Mbpp/2',
        prompt: '"""\nWrite a function to find the shared elements from the given two lists.\n"""\n',
        entryPoint: 'similar_elements',
        canonicalSolution:
          '\ndef similar_elements(a, b):\n    assert isinstance(a, tuple)\n    return tuple(set(a) & set(b))\n',
        atol: 0,
        baseInputJson: '[[[3, 4, 5, 6], [5, 7, 4, 10]]]',
        plusInputJson: '[[[1, 2, 3], [3, 2]]]',
      };
      const reversed = 'def similar_elements(a, b):\n    return sorted(set(a) & set(b), reverse=True)\n';
      expect((await score(similar, reversed)).scores).toEqual({ passed: 1, base_passed: 1 });
    });

    it('sanitizes a chat reply as EvalPlus does before running it', async () => {
      const reply =
        'Here is the solution:\n```python\nimport math\n\ndef is_prime(n):\n    if n < 2:\n        return False\n    return all(n % k for k in range(2, math.isqrt(n) + 1))\n\nprint(is_prime(7))\n```\nIt checks divisors up to the square root.';
      expect((await score(isPrime, reply, true)).scores).toEqual({ passed: 1, base_passed: 1 });
    });

    it("EvalPlus's sanitizer: longest parsable block, imports, reachable definitions only, no decorated ones", async () => {
      const cases: [string, string, string][] = [
        [
          'Sure! Here it is:\n```python\nfrom __future__ import annotations\nimport os\nfrom math import sqrt\nLIMIT = 10\ndef helper(x):\n    return sqrt(x) + LIMIT\n\ndef unused():\n    return 1\n\ndef f(x):\n    return helper(x)\n\nassert f(4) == 12\n```\nDone.',
          'f',
          'import os\nfrom math import sqrt\nLIMIT = 10\ndef helper(x):\n    return sqrt(x) + LIMIT\ndef f(x):\n    return helper(x)',
        ],
        [
          '```python\nimport functools\n@functools.lru_cache\ndef g(n):\n    return n\ndef f(n):\n    print(n)\n```',
          'f',
          'import functools',
        ],
        ['no code at all\njust words here', 'f', 'no code at all'],
        ['x = 1\n\n\ny = 2\n\n', 'f', 'x = 1\n\n\ny = 2'],
        [
          'class A:\n    pass\n\ndef f():\n    return A()\n',
          'f',
          'class A:\n    pass\ndef f():\n    return A()',
        ],
      ];
      const program = `${evalPlusSanitizerPython}\nimport json\nfor text, entry, expected in json.loads(${JSON.stringify(JSON.stringify(cases))}):\n    got = _parity_sanitize(text, entry)\n    assert got == expected, (got, expected)\n`;
      const result = await executor.runPython(program);
      expect(result.outputTail).toBe('');
      expect(result.status).toBe('passed');
    });

    it("finds the same code as EvalPlus's try-every-pair search on random replies", async () => {
      // The search as sanitize.py lines 36-49 state it: every pair of lines (i < j), the most non-blank lines wins.
      const program = `${evalPlusSanitizerPython}
import ast, random
def every_pair(text):
    lines = text.split('\\n')
    best, pair = 0, (0, 0)
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            try:
                ast.parse('\\n'.join(lines[i:j + 1]))
            except SyntaxError:
                continue
            filled = sum(1 for line in lines[i:j + 1] if line.strip())
            if filled > best:
                best, pair = filled, (i, j)
    return '\\n'.join(lines[pair[0]:pair[1] + 1])
pool = ['x = 1', '', '   ', 'def f():', '    return 1', 'Sure, here:', '\x60\x60\x60python', '\x60\x60\x60', 'if x:', '  pass', 'y = (', ')', 'words here', '# c']
rng = random.Random(7)
for _ in range(400):
    text = '\\n'.join(rng.choice(pool) for _ in range(rng.randint(0, 10)))
    assert _parity_code_extract(text) == every_pair(text), text
`;
      const result = await executor.runPython(program, { timeoutMs: 30_000 });
      expect(result.outputTail).toBe('');
      expect(result.status).toBe('passed');
    });
  },
);

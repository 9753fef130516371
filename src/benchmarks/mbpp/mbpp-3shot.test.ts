import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatasetSource } from '../../datasets/dataset-source.ts';
import { loadMbppItems, readMbppTasks } from './load-mbpp-items.ts';
import {
  extractMbppCode,
  lmEvalMbppProgram,
  mbpp3shot,
  mbpp3shotExtract,
  mbppProgram,
  mbppTaskText,
} from './mbpp-3shot.ts';
import { mbppFewShot } from './mbpp-fewshot.ts';

const datasets = resolve(import.meta.dirname, '../../../../shared/datasets');
const file = resolve(datasets, 'mbpp/mbpp.jsonl');

describe('mbpp.3shot prompt and extraction', () => {
  it('renders the lm-eval doc_to_text', () => {
    expect(
      mbppTaskText({ text: 'Add.', testList: ['assert f(1) == 2', 'assert f(2) == 3', 'assert f(3) == 4'] }),
    ).toBe(
      'You are an expert Python programmer, and here is your task: Add. Your code should pass these tests:\n\nassert f(1) == 2\nassert f(2) == 3\nassert f(3) == 4\n[BEGIN]\n',
    );
  });

  it('extracts code as lm-eval extract_code_blocks does, quirks included', () => {
    const header = 'from __future__ import annotations\n';
    expect(extractMbppCode('def f(x):\n  return x + 1\n')).toBe(`${header}def f(x):\n  return x + 1\n`);
    // Upstream's optional language tag (\w+) swallows a leading 'def' when a closing fence follows: kept.
    expect(extractMbppCode('def f(x):\n  return x\n```\nextra')).toBe(`${header} f(x):\n  return x`);
    expect(extractMbppCode('```python\ndef f(x): pass\n```')).toBe(header); // empty first match, as upstream
  });

  it('mbpp.3shot runs the raw completion then the asserts, as lm-eval mbpp (no filter, no setup code)', () => {
    const data = {
      taskId: 1,
      text: '',
      code: 'class Node: pass',
      testList: ['assert root', 'assert 1'],
      testSetupCode: 'root = Node()',
      challengeTestList: [],
    };
    expect(lmEvalMbppProgram(data, '```python\nCODE')).toBe('```python\nCODE\nassert root\nassert 1');
    expect(mbpp3shot.score({ id: '1', data }, ' x = 1\n```').extracted).toBe(' x = 1\n```');
    expect(mbpp3shotExtract.score({ id: '1', data }, '\nx = 1\n```').extracted).toBe(
      'from __future__ import annotations\nx = 1',
    );
    expect(mbpp3shotExtract.buildRequest({ id: '1', data })).toEqual(
      mbpp3shot.buildRequest({ id: '1', data }),
    );
  });

  it('mbpp.parity.3shot.extract runs the setup code between the solution and the asserts', () => {
    const data = {
      taskId: 1,
      text: '',
      code: 'class Node: pass',
      testList: ['assert root'],
      testSetupCode: 'root = Node()',
      challengeTestList: [],
    };
    expect(mbppProgram(data, 'CODE')).toBe('CODE\nroot = Node()\nassert root');
  });
});

describe('mbpp 3-shot request and programs, worked by hand from lm-eval mbpp.yaml', () => {
  const data = {
    taskId: 9,
    text: 'Add one.',
    code: 'def f(x): return x + 1',
    testList: ['assert f(1) == 2', 'assert f(2) == 3', 'assert f(3) == 4', 'assert f(4) == 5'],
    testSetupCode: '  \n',
    challengeTestList: [],
  };

  it('sends the three shots then the task in one user message, stop [DONE], greedy, 256 tokens', () => {
    const request = mbpp3shot.buildRequest({ id: '9', data });
    expect(request.parameters).toEqual({ temperature: 0, maxTokens: 256, stop: ['[DONE]'] });
    expect(request.messages).toHaveLength(1);
    expect(request.messages[0]?.role).toBe('user');
    const content = request.messages[0]?.content ?? '';
    const shot = mbppFewShot[0]!;
    expect(content.startsWith(`${mbppTaskText(shot)}${shot.code}\n[DONE]\n\n`)).toBe(true);
    // doc_to_text shows the first three asserts only.
    expect(
      content.endsWith(
        'here is your task: Add one. Your code should pass these tests:\n\nassert f(1) == 2\nassert f(2) == 3\nassert f(3) == 4\n[BEGIN]\n',
      ),
    ).toBe(true);
    expect(content.split('[DONE]')).toHaveLength(4);
  });

  it('runs every assert, joined by newlines; blank setup code adds nothing', () => {
    expect(mbppProgram(data, 'CODE')).toBe(
      'CODE\nassert f(1) == 2\nassert f(2) == 3\nassert f(3) == 4\nassert f(4) == 5',
    );
  });
});

describe.skipIf(!existsSync(file))('mbpp dataset (skipped: ../shared/datasets not present)', () => {
  it('loads the 500-task test split (ids 11–510) and its shots match tasks 2, 3, 4 of the file', async () => {
    const items = await loadMbppItems(
      createDatasetSource({ dataDir: datasets, cacheDir: '/nonexistent', allowDownload: false }),
    );
    expect([items.length, items[0]?.id, items.at(-1)?.id]).toEqual([500, '11', '510']);
    const all = await readMbppTasks(file);
    const shots = all
      .filter((task) => [2, 3, 4].includes(task.data.taskId))
      .map((task) => ({
        taskId: task.data.taskId,
        text: task.data.text,
        code: task.data.code,
        testList: task.data.testList,
      }));
    expect(shots).toEqual(mbppFewShot);
    const request = mbpp3shot.buildRequest(items[0]!);
    expect(request.parameters).toEqual({ temperature: 0, maxTokens: 256, stop: ['[DONE]'] });
    expect(request.messages[0]?.content.split('[BEGIN]')).toHaveLength(5);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTask } from '../cli/load-task.ts';
import { taskSchema } from '../tasks/task-schema.ts';
import { defineTask, type TaskDefinition } from './index.ts';

describe('defineTask from the library entry', () => {
  const folder = mkdtempSync(join(tmpdir(), 'parity-define-task-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('returns the definition unchanged, and the result passes the task schema', () => {
    const definition: TaskDefinition = {
      id: 'triage',
      version: 3,
      dataset: 'tickets.jsonl',
      prompt: { system: 'Route tickets.', user: 'Ticket: {{text}}' },
      graders: [{ type: 'includes', value: '{{label}}', ignore_case: true, weight: 2 }],
      aggregate: 'all',
    };
    const defined = defineTask(definition);
    expect(defined).toBe(definition);
    expect(taskSchema.parse(defined)).toEqual(definition);
  });

  it('a TypeScript task file importing defineTask from the library entry loads as a task', async () => {
    writeFileSync(join(folder, 'tickets.jsonl'), '{"id":"t1","text":"refund please","label":"billing"}\n');
    const entry = join(import.meta.dirname, 'index.ts');
    writeFileSync(
      join(folder, 'triage.ts'),
      `import { defineTask } from ${JSON.stringify(entry)};\n` +
        `export default defineTask({ id: 'api-task', version: 1, dataset: 'tickets.jsonl',\n` +
        `  prompt: { user: '{{text}}' }, graders: [{ type: 'exact', value: '{{label}}', name: 'queue' }] });\n`,
    );
    const task = await loadTask(folder, 'triage.ts');
    expect(task.definition).toEqual({
      id: 'api-task',
      version: 1,
      dataset: 'tickets.jsonl',
      prompt: { user: '{{text}}' },
      graders: [{ type: 'exact', value: '{{label}}', name: 'queue' }],
    });
    expect(task.rows).toEqual([{ id: 't1', fields: { id: 't1', text: 'refund please', label: 'billing' } }]);
  });
});
